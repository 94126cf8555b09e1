package org.gridbazaar.solver.admm.transport;

/**
 * Everything one peer's agent of a market over time starts from, sent once to the place that hosts
 * it: the peer's own block over the horizon (its nodes per commodity and period, its private
 * variables such as a storage unit's charge and energy, its own rows such as energy balances, ramps
 * and energy windows) and its copies of the trades it is an end of, as the local problem its agent
 * solves every round. Nothing here is another peer's private data: per trade (arc, one period) it
 * carries the peer's own per-kW term, its role and the trade's cap, which the market announces to
 * both ends.
 *
 * <p>Local variables, in order: the peer's nodes (set-points, kW, positive: injection), its private
 * variables (kW or kWh, per their rows), then one copy {@code t >= 0} (kW) per arc it is an end of.
 * Rows: one balance row per node ({@code x_k - sum(arcs out of k) t + sum(arcs into k) t = 0}),
 * then its own rows, each {@code sum coef * u (<= or =) rhs}.
 *
 * @param version layout version, {@link NegotiationMessage#VERSION}
 * @param peer the peer (index in the market)
 * @param nodes the market's index of each own node
 * @param variables the market's index of each own private variable
 * @param sideRows the market's index of each own row (after the balance rows locally)
 * @param arcs the market's index of each arc (one trade direction in one period) the peer is an end
 *     of
 * @param roles per arc: {@code 1} the peer sells on it (its tail), {@code -1} buys (its head),
 *     {@code 0} owns both ends
 * @param ownCosts per arc, the peer's own per-kW term on it, $/kW (both sides' when it owns both)
 * @param constant the sum of the constant terms of the peer's costs, $
 * @param lower per local variable, its lower bound (kW, kWh; an arc copy: 0)
 * @param upper per local variable, its upper bound (an arc copy: the trade's cap, kW)
 * @param quadratic per local variable, {@code a} of its cost {@code 0.5 a u^2 + b u}, $/kW^2
 * @param linear per local variable, {@code b}, $/kW (an arc copy: 0; its terms come each round)
 * @param rowVariables per row, the local variables it touches (a side row: its nodes first)
 * @param rowCoefficients per row, their coefficients
 * @param rowRhs per row, its right-hand side
 * @param rowEquality per row, {@code true} for {@code =}, {@code false} for {@code <=}
 * @param rowKeys per row, its order key for the local solver (by period)
 * @param sideNodeCounts per own row, how many of its first terms are nodes
 * @param localTolerance the tolerance of the agent's local solves
 */
public record HorizonSpec(
        int version,
        int peer,
        int[] nodes,
        int[] variables,
        int[] sideRows,
        int[] arcs,
        int[] roles,
        double[] ownCosts,
        double constant,
        double[] lower,
        double[] upper,
        double[] quadratic,
        double[] linear,
        int[][] rowVariables,
        double[][] rowCoefficients,
        double[] rowRhs,
        boolean[] rowEquality,
        long[] rowKeys,
        int[] sideNodeCounts,
        double localTolerance)
        implements NegotiationMessage {

    /**
     * The spec of {@code peer}'s agent in {@code problem}: its own block, its arcs with the caps
     * {@code caps} (kW, by arc of the market), local solves to {@code localTolerance}.
     */
    public static HorizonSpec of(
            org.gridbazaar.formulation.MarketProblem problem,
            int peer,
            double[] caps,
            double localTolerance) {
        return org.gridbazaar.solver.admm.internal.HorizonPeer.spec(
                problem, peer, caps, localTolerance);
    }

    /** Checks the version and that every array has one entry per variable, arc or row. */
    public HorizonSpec {
        NegotiationMessage.requireVersion(version, "horizon spec");
        String who = "horizon spec of peer " + peer;
        if (peer < 0) {
            throw new IllegalArgumentException(who + ": peer must be >= 0");
        }
        int n = nodes.length + variables.length + arcs.length;
        for (double[] v : new double[][] {lower, upper, quadratic, linear}) {
            if (v.length != n) {
                throw new IllegalArgumentException(
                        who
                                + ": "
                                + n
                                + " local variables but "
                                + v.length
                                + " values in a per-variable array");
            }
        }
        if (roles.length != arcs.length || ownCosts.length != arcs.length) {
            throw new IllegalArgumentException(
                    who + ": " + arcs.length + " arcs but roles or own costs of another length");
        }
        int rows = nodes.length + sideRows.length;
        if (rowVariables.length != rows
                || rowCoefficients.length != rows
                || rowRhs.length != rows
                || rowEquality.length != rows
                || rowKeys.length != rows) {
            throw new IllegalArgumentException(
                    who
                            + ": "
                            + rows
                            + " rows ("
                            + nodes.length
                            + " balances and "
                            + sideRows.length
                            + " own rows) but per-row arrays of other lengths");
        }
        if (sideNodeCounts.length != sideRows.length) {
            throw new IllegalArgumentException(
                    who + ": " + sideRows.length + " own rows but " + sideNodeCounts.length);
        }
        for (int r = 0; r < rows; r++) {
            if (rowVariables[r].length != rowCoefficients[r].length) {
                throw new IllegalArgumentException(
                        who + ": row " + r + " has variables and coefficients of other lengths");
            }
            for (int j : rowVariables[r]) {
                if (j < 0 || j >= n) {
                    throw new IllegalArgumentException(
                            who + ": row " + r + " names local variable " + j + " of " + n);
                }
            }
        }
        for (int role : roles) {
            if (role < -1 || role > 1) {
                throw new IllegalArgumentException(who + ": arc role " + role + " is not -1, 0, 1");
            }
        }
        if (!(localTolerance > 0)) {
            throw new IllegalArgumentException(
                    who + ": local tolerance must be positive, got " + localTolerance);
        }
    }
}
