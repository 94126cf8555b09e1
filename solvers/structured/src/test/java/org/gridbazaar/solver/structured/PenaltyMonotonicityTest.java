package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.grid.RadialFeeder;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.ResistancePenalty;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Trade;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Penalties that raise the cost of long or congested paths never increase the traded volume on
 * them. For {@code min f(x) + alpha g(x)}, optimal points at {@code alpha1 < alpha2} satisfy {@code
 * (alpha2 - alpha1)(g2 - g1) <= 0} (add the two optimality inequalities), whatever optimal trades a
 * solver picks; here {@code g} is the resistance-weighted volume {@code sum R_ij |P_ij|} (kW*ohm)
 * and the volume across congested lines {@code sum theta_ij |P_ij|} (kW).
 */
class PenaltyMonotonicityTest {

    private final StructuredIpmSolver solver = new StructuredIpmSolver();

    @ParameterizedTest
    @ValueSource(longs = {2, 7, 11, 19})
    void resistancePenaltyNeverLengthensTrades(long seed) {
        Market base =
                RandomMarkets.generate(
                        seed,
                        RandomMarkets.Spec.basic(14)
                                .withProsumerShare(0.2)
                                .withNetwork(7, false, false));
        RadialFeeder feeder = RadialFeeder.of(base.network().orElseThrow());
        double previous = Double.POSITIVE_INFINITY;
        List<Double> volumes = new ArrayList<>();
        for (double alpha : new double[] {0, 0.5, 1, 2, 5, 20, 100}) {
            MarketResult r =
                    MarketClearing.clear(
                            base.toBuilder()
                                    .resistancePenalty(ResistancePenalty.uniform(alpha))
                                    .build(),
                            solver,
                            SolverOptions.DEFAULTS);
            assertEquals(Status.OPTIMAL, r.status());
            double g = 0;
            for (Trade t : r.trades()) {
                g +=
                        feeder.pathResistance(
                                        feeder.bus(bus(base, t.seller().value())),
                                        feeder.bus(bus(base, t.buyer().value())))
                                * t.quantity();
            }
            volumes.add(g);
            assertTrue(
                    g <= previous + 1e-6 * Math.max(1, previous),
                    "alpha " + alpha + ": R-weighted volumes " + volumes);
            previous = g;
        }
        assertTrue(volumes.get(volumes.size() - 1) <= volumes.get(0), volumes.toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 5, 13})
    void congestionPenaltyNeverAddsTradesAcrossPenalizedLines(long seed) {
        Market base =
                RandomMarkets.generate(
                        seed,
                        RandomMarkets.Spec.basic(14)
                                .withProsumerShare(0.2)
                                .withNetwork(7, false, false));
        Network net = base.network().orElseThrow();
        RadialFeeder feeder = RadialFeeder.of(net);
        List<String> lines =
                List.of(net.lines().get(0).id(), net.lines().get(net.lines().size() - 1).id());
        RadialFeeder.LineSetIndicator theta = feeder.indicator(lines);
        double previous = Double.POSITIVE_INFINITY;
        List<Double> volumes = new ArrayList<>();
        for (double beta : new double[] {0, 0.5, 1, 3, 10, 100}) {
            MarketResult r =
                    MarketClearing.clear(
                            base.toBuilder()
                                    .congestionPenalty(CongestionPenalty.onLines(beta, lines))
                                    .build(),
                            solver,
                            SolverOptions.DEFAULTS);
            assertEquals(Status.OPTIMAL, r.status());
            double g = 0;
            for (Trade t : r.trades()) {
                if (theta.crosses(
                        feeder.bus(bus(base, t.seller().value())),
                        feeder.bus(bus(base, t.buyer().value())))) {
                    g += t.quantity();
                }
            }
            volumes.add(g);
            assertTrue(
                    g <= previous + 1e-6 * Math.max(1, previous),
                    "beta " + beta + ": volumes across penalized lines " + volumes);
            previous = g;
        }
    }

    private static String bus(Market m, String peer) {
        return m.peers().stream()
                .filter(p -> p.id().value().equals(peer))
                .map(Peer::bus)
                .findFirst()
                .orElseThrow();
    }
}
