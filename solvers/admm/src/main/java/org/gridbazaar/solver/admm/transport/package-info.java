/**
 * The messages of a negotiation and the transport that carries them, so that the peers' agents of
 * {@link org.gridbazaar.solver.admm.AdmmSolver} and {@link
 * org.gridbazaar.solver.admm.ConsensusSolver} can run in this process or elsewhere (another process
 * or machine) without changing the algorithm.
 *
 * <p>Everything that crosses between a peer's agent and the rest of the market is one of the
 * immutable, versioned values of this package ({@link
 * org.gridbazaar.solver.admm.transport.NegotiationMessage}):
 *
 * <ul>
 *   <li>{@link org.gridbazaar.solver.admm.transport.AgentSpec}: what one peer's agent starts from
 *       (its own data, its links, its opening trades and prices), sent once to the place that hosts
 *       it;
 *   <li>{@link org.gridbazaar.solver.admm.transport.RoundStart}: the round number and step-size
 *       multiplier the platform announces;
 *   <li>{@link org.gridbazaar.solver.admm.transport.Proposals}: a peer's trade (kW, positive
 *       sells), price ($/kW, what the buyer pays and the seller receives) and penalty ($/kW^2) on
 *       each of its links, keyed by partner peer and commodity;
 *   <li>{@link org.gridbazaar.solver.admm.transport.Inbox}: the partners' proposals delivered to a
 *       peer;
 *   <li>{@link org.gridbazaar.solver.admm.transport.PeerReport}: a peer's aggregates (kW) and
 *       internal node prices ($/kW), read when the platform checks a certificate or returns the
 *       outcome.
 * </ul>
 *
 * A {@link org.gridbazaar.solver.admm.transport.Transport} runs synchronous rounds: every agent
 * updates from the inbox of the previous round, then every proposal is delivered. The in-process
 * transport ({@link org.gridbazaar.solver.admm.transport.Transport#inProcess(int)}) keeps the
 * proposals in flat arrays (a {@link org.gridbazaar.solver.admm.transport.ProposalBoard}) that the
 * agents write directly; a remote transport hosts agents with an {@link
 * org.gridbazaar.solver.admm.transport.AgentHost} and moves the same numbers as {@code Proposals}
 * and {@code Inbox} values, so both compute the same doubles in the same order and their results
 * match bit for bit.
 */
package org.gridbazaar.solver.admm.transport;
