/**
 * Implementation of the command line: the printed summary, progress and Ctrl-C handling, and the
 * checking and writing of output files. Not API.
 */
package org.gridbazaar.cli.internal;
