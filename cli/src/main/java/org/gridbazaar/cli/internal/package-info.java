/** Implementation of the command line: the printed summary, progress and Ctrl-C handling. Not API. */
package org.gridbazaar.cli.internal;
