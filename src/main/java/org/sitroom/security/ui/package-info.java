/** Login and user administration views. */
package org.sitroom.security.ui;
