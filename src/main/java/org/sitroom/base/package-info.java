/** Shared settings and small pieces every module may use (data folder, clock); depends on no other module. */
package org.sitroom.base;
