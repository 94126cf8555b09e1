package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerPair;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.testkit.RandomHorizons;
import org.junit.jupiter.api.Test;

/**
 * Markets without any cost (every {@code a}, {@code b}, {@code c} zero: a community at a grid price
 * of 0) are legitimate markets: every feasible point is optimal, with every price 0. The default
 * solver must answer {@code OPTIMAL} with a feasible point, objective 0, on the block path (storage
 * links the periods), on a horizon without links and on a single period. They once came out {@code
 * NUMERICAL_ERROR}: the certificate's price scale was {@code 1e-12 * Double.MIN_NORMAL}, so its
 * limits underflowed to 0 ("4.83e+299 times its limit 0.00 $/kW").
 */
class ZeroCostMarketTest {

    private static final double KW = 1e-6;

    /** A household at a grid price of 0: fixed load, PV, a battery with a target, the grid. */
    private static Market.Builder household(double pvKw) {
        return Market.builder("household")
                .consumer("load", -3, -3, QuadraticCost.linear(0))
                .producer("pv", 0, pvKw, QuadraticCost.linear(0))
                .prosumer("grid", -50, 50, QuadraticCost.linear(0));
    }

    @Test
    void aZeroCostMarketOverTimeWithStorageIsOptimal() {
        double[] pv = {0, 2, 6, 3};
        MultiPeriodMarket day =
                MultiPeriodMarket.builder("household", Horizon.hourly(4))
                        .periods(
                                t ->
                                        household(pv[t])
                                                .prosumer("battery", 0, 0, QuadraticCost.linear(0))
                                                .tradingPairs(
                                                        List.of(
                                                                PeerPair.of("grid", "load"),
                                                                PeerPair.of("grid", "pv"),
                                                                PeerPair.of("grid", "battery"),
                                                                PeerPair.of("pv", "load")))
                                                .build())
                        .storage(
                                "battery",
                                Storage.builder(10, 5)
                                        .powerKw(5, 5)
                                        .efficiencies(0.95, 0.95)
                                        .target(3, 5)
                                        .build())
                        .build();
        MultiPeriodResult r =
                MultiPeriodClearing.clear(day, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        assertEquals(0, r.objective(), 1e-9);
        MultiPeriodChecks.assertConsistent(day, r, KW);
    }

    @Test
    void zeroCostHorizonsWithoutLinksAndSinglePeriodsAreOptimal() {
        Market m = household(5).build();
        MultiPeriodMarket repeated = MultiPeriodMarket.repeated(m, Horizon.hourly(2));
        MultiPeriodResult r =
                MultiPeriodClearing.clear(
                        repeated, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        assertEquals(0, r.objective(), 1e-9);
        MultiPeriodChecks.assertConsistent(repeated, r, KW);
        MarketResult s = MarketClearing.clear(m, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        assertEquals(-3, s.power("load"), KW);
        // the single-period interior point's price floor was 1e-12 * Double.MIN_NORMAL (0 in
        // effect): it ran 136 iterations to a breakdown on this market, which the certificate then
        // accepted; with the certificate's floor it converges in 8
        assertTrue(
                s.solver().iterations() <= 20,
                s.solver().iterations() + " iterations: " + s.message());
    }

    /** Random markets over time (storage, EVs, ramps, windows, networks, heat), costs set to 0. */
    @Test
    void randomMarketsOverTimeWithoutPeerCostsAreOptimal() {
        for (long seed = 1; seed <= 6; seed++) {
            MultiPeriodMarket m = RandomHorizons.generate(seed);
            MultiPeriodMarket z = m.withPeriods(t -> withoutPeerCosts(m.period(t)));
            MultiPeriodResult r =
                    MultiPeriodClearing.clear(z, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
            assertEquals(Status.OPTIMAL, r.status(), "seed " + seed + ": " + r.message());
            MultiPeriodChecks.assertConsistent(z, r, 1e-5);
        }
    }

    private static Market withoutPeerCosts(Market m) {
        Market.Builder b = m.toBuilder();
        QuadraticCost zero = QuadraticCost.of(0, 0, 0);
        for (Peer p : m.peers()) {
            Injection heat =
                    p.heat() == null ? null : new Injection(p.heat().min(), p.heat().max(), zero);
            b.replacePeer(
                    new Peer(
                            p.id(),
                            p.role(),
                            p.bus(),
                            new Injection(p.power().min(), p.power().max(), zero),
                            heat,
                            p.chpRegion()));
        }
        return b.build();
    }
}
