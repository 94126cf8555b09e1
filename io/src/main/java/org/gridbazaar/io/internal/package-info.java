/**
 * Implementation of the readers and writers: strict JSON parsing and path-tracking typed access
 * that collects every problem instead of stopping at the first; streaming JSON output with the
 * files' layout; replacing a file all at once. Not exported, except to the command line, which
 * writes its own files (plots) through {@link org.gridbazaar.io.internal.AtomicFiles} as well.
 */
package org.gridbazaar.io.internal;
