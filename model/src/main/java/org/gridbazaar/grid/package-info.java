/**
 * Computations on a radial feeder: bus tree, path resistances {@code R_ij} (seed eq. 12.11),
 * path-crosses-line indicators {@code theta_ij} (eq. 12.15) and line flows from net injections.
 * Injections are in kW, positive into the network; flows are positive from a line's {@code from}
 * bus to its {@code to} bus.
 */
package org.gridbazaar.grid;
