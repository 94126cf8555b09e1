/**
 * The messages of price coordination and the transport that carries them, so that the members'
 * agents of {@link org.gridbazaar.architecture.PriceCoordination} run in this process or elsewhere
 * (another process or machine, see the cluster module) without changing the algorithm.
 *
 * <p>Everything that crosses between a member's agent and its coordinator is one of the immutable,
 * versioned values of this package ({@link
 * org.gridbazaar.architecture.coordination.CoordinationMessage}), keyed by peer ids:
 *
 * <ul>
 *   <li>{@link org.gridbazaar.architecture.coordination.MemberSpec}: a member's own bounds (kW),
 *       cost and its coordinator's margin ($/kWh), sent once to the place that hosts its agent;
 *   <li>{@link org.gridbazaar.architecture.coordination.PriceAnnouncement}: a coordinator's price
 *       ($/kWh) to a member for one round;
 *   <li>{@link org.gridbazaar.architecture.coordination.MemberAnswer}: the member's optimal powers
 *       (kW, positive sells), slope (kW per $/kWh) and nearest breakpoint prices;
 *   <li>{@link org.gridbazaar.architecture.coordination.SharedSums}: in local P2P, a manager's sum
 *       of its members' answers, sent to every other manager;
 *   <li>{@link org.gridbazaar.architecture.coordination.Settlement} and {@link
 *       org.gridbazaar.architecture.coordination.SetPoint}: the clearing price and share of a
 *       member's range of optima, and the set-point it confirms.
 * </ul>
 *
 * A {@link org.gridbazaar.architecture.coordination.CoordinationTransport} runs synchronous rounds;
 * the in-process one ({@link
 * org.gridbazaar.architecture.coordination.CoordinationTransport#inProcess()}) hands the values to
 * a {@link org.gridbazaar.architecture.coordination.MemberHost}, a remote one sends them to hosts
 * elsewhere; both compute the same doubles in the same order, so their results match bit for bit.
 * Messages and bytes are counted by the coordinators from the values' {@link
 * org.gridbazaar.architecture.coordination.CoordinationCodec CBOR size}, whichever transport runs.
 */
package org.gridbazaar.architecture.coordination;
