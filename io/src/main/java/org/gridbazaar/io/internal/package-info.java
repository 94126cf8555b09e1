/**
 * Implementation of the readers and writers: strict JSON parsing and path-tracking typed access
 * that collects every problem instead of stopping at the first; streaming JSON output with the
 * files' layout. Not exported.
 */
package org.gridbazaar.io.internal;
