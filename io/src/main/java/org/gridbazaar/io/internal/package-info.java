/**
 * Implementation of the readers: strict JSON parsing and path-tracking typed access that collects
 * every problem instead of stopping at the first. Not exported.
 */
package org.gridbazaar.io.internal;
