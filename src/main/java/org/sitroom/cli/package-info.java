/** The command line: subcommands that run without the web server (import, eval). */
package org.sitroom.cli;
