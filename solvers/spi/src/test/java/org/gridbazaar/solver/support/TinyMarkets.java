package org.gridbazaar.solver.support;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;

/**
 * Small markets with closed-form optima, and a recording {@link SidePeerPrices}, for the support
 * tests.
 */
final class TinyMarkets {

    /** Unconstrained two-peer optimum without arc terms: {@code 0.02 q + 10 = 30 - 0.05 q}, kW. */
    static final double Q = 20 / 0.07;

    /** Its price, $/kW. */
    static final double PRICE = 0.02 * Q + 10;

    private TinyMarkets() {}

    /**
     * Producer G (node 0: {@code 0.5*0.02 P^2 + 10 P}, 0..1000 kW) sells to consumer C (node 1:
     * {@code 0.5*0.05 P^2 + 30 P}, -1000..0 kW) on arc 0 with the given per-kW terms; with {@code
     * backArc} also an arc 1 from C to G whose terms cost 2 $/kW.
     */
    static MarketProblem twoPeers(double sellerTerm, double buyerTerm, boolean backArc) {
        MarketProblem.Builder b = producerAndConsumer("two peers");
        b.arc(0, 1, sellerTerm, buyerTerm);
        if (backArc) {
            b.arc(1, 0, 1, 1);
        }
        return b.build();
    }

    /**
     * {@link #twoPeers} without terms plus consumer C2 (node 2: {@code 0.5*0.05 P^2 + 8 P}, -100..0
     * kW) on arc 1 from G. G's price {@link #PRICE} is above C2's marginal cost 8 $/kW at 0, so C2
     * buys nothing and any price in {@code [8, PRICE]} is optimal for it.
     */
    static MarketProblem idleSecondBuyer() {
        MarketProblem.Builder b = producerAndConsumer("idle second buyer");
        b.arc(0, 1, 0, 0);
        b.arc(0, b.node(b.peer("C2"), MarketProblem.POWER, 0.05, 8, 0, -100, 0), 0, 0);
        return b.build();
    }

    /**
     * {@link #twoPeers} without terms, G (peer 0) limited to {@code cap} kW by a side constraint
     * rather than a bound. Below {@link #Q} the constraint binds: both prices are C's marginal cost
     * {@code 30 - 0.05 cap} and G's own is {@code 0.02 cap + 10}; the difference is the side
     * multiplier.
     */
    static MarketProblem cappedSeller(double cap) {
        MarketProblem.Builder b = producerAndConsumer("capped seller");
        b.arc(0, 1, 0, 0);
        b.sideConstraint(new int[] {0}, new double[] {1}, cap);
        return b.build();
    }

    private static MarketProblem.Builder producerAndConsumer(String name) {
        MarketProblem.Builder b = MarketProblem.builder(name);
        b.node(b.peer("G"), MarketProblem.POWER, 0.02, 10, 0, 0, 1000);
        b.node(b.peer("C"), MarketProblem.POWER, 0.05, 30, 0, -1000, 0);
        return b;
    }

    /** A {@link SidePeerPrices} that records what it is shown and answers with fixed values. */
    static final class StubSidePeers implements SidePeerPrices {
        final List<double[]> marginalCosts = new ArrayList<>(),
                lowest = new ArrayList<>(),
                highest = new ArrayList<>();
        final List<Integer> placed = new ArrayList<>(), measured = new ArrayList<>();
        private final boolean placeAtMidpoint;
        private final double residual;

        /**
         * Places at the midpoint of the allowed ranges (or nowhere) and measures {@code residual}
         * $/kW.
         */
        StubSidePeers(boolean placeAtMidpoint, double residual) {
            this.placeAtMidpoint = placeAtMidpoint;
            this.residual = residual;
        }

        @Override
        public double[] place(
                MarketProblem problem,
                int peer,
                int[] nodes,
                double[] x,
                double[] marginalCost,
                double[] low,
                double[] high) {
            placed.add(peer);
            marginalCosts.add(marginalCost.clone());
            lowest.add(low.clone());
            highest.add(high.clone());
            if (!placeAtMidpoint) {
                return null;
            }
            double[] y = new double[nodes.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = 0.5 * (low[i] + high[i]);
            }
            return y;
        }

        @Override
        public double residual(
                MarketProblem problem, int peer, int[] nodes, double[] x, double[] y) {
            measured.add(peer);
            return residual;
        }
    }
}
