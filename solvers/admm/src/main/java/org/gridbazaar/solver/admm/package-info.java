/**
 * Distributed market clearing in which every peer solves only its own problem and exchanges only
 * bilateral trade proposals and prices with its partners: {@link org.gridbazaar.solver.admm.AdmmSolver}
 * (consensus ADMM, Baroche et al. 2019) and {@link org.gridbazaar.solver.admm.ConsensusSolver}
 * (relaxed consensus + innovation, Sorin et al. 2019), tuned by
 * {@link org.gridbazaar.solver.admm.AdmmOptions}.
 *
 * <p>Sign conventions: a peer's trade {@code t_ij} is in kW, positive when it sells to {@code j};
 * reciprocity is {@code t_ij + t_ji = 0}. Bilateral prices are in $/kW and are what the buyer pays
 * and the seller receives, as in {@code org.gridbazaar.formulation}. Each peer's local problem is
 * solved exactly by one-dimensional searches on the price of its aggregate (and, for a CHP peer,
 * over the edges and vertices of its heat-power polygon), never by a generic QP solver.
 */
package org.gridbazaar.solver.admm;
