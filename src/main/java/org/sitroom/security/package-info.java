/** Users, roles (VIEWER, ANALYST, ADMIN), login throttling and the web security rules. */
package org.sitroom.security;
