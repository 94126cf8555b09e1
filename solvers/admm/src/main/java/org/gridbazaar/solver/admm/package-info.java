/**
 * Distributed market clearing in which every peer solves only its own problem and exchanges only
 * bilateral trade proposals, prices and step sizes with its partners: {@link
 * org.gridbazaar.solver.admm.AdmmSolver} (consensus ADMM, Baroche et al. 2019) and {@link
 * org.gridbazaar.solver.admm.ConsensusSolver} (relaxed consensus + innovation, Sorin et al. 2019),
 * tuned by {@link org.gridbazaar.solver.admm.AdmmOptions} (stopping rule, adaptive penalties,
 * executor threads).
 *
 * <p>Sign conventions: a peer's trade {@code t_ij} is in kW, positive when it sells to {@code j};
 * reciprocity is {@code t_ij + t_ji = 0}. Bilateral prices are in $/kW and are what the buyer pays
 * and the seller receives, as in {@code org.gridbazaar.formulation}. Penalties are in $/kW^2. Each
 * peer's local problem is solved exactly by a root search on the price of its aggregate over the
 * piecewise-linear response of its trades (and, for a CHP peer, over the edges and vertices of its
 * heat-power polygon), never by a generic QP solver; a round costs time linear in the number of
 * trades and runs the peers in parallel. A market platform only relays messages and measures
 * residuals; it never reads a peer's costs or limits. Constraints across peers (hard line limits)
 * are refused, since no peer can enforce them.
 */
package org.gridbazaar.solver.admm;
