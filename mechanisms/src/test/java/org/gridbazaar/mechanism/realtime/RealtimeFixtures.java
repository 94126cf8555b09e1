package org.gridbazaar.mechanism.realtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridbazaar.grid.RadialFeeder;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;

/** Small communities, feeders and options shared by the real-time tests. */
final class RealtimeFixtures {

    static final StructuredIpmSolver SOLVER = new StructuredIpmSolver();

    private RealtimeFixtures() {}

    /** A 0.4 kV three-bus feeder: R1 - F2 - F3, small impedances. */
    static RadialFeeder feeder() {
        return RadialFeeder.of(
                new Network(
                        0.4,
                        "R1",
                        List.of(
                                Line.of("L1", "R1", "F2", 0.01, 0.005),
                                Line.of("L2", "F2", "F3", 0.01, 0.005))));
    }

    /** Options with curve prices 0, 0.05, ..., 0.5 $/kWh. */
    static RealTimeLoop.Options options() {
        return RealTimeLoop.Options.of(SOLVER, 0, 0.5, 11)
                .withSolverOptions(SolverOptions.DEFAULTS);
    }

    /**
     * One household over {@code periods} hours on bus {@code bus}: a fixed load {@code loadKw}, PV
     * of {@code pvKw[t]} at no cost, and a battery of 10 kWh holding 5 kWh, 5 kW each way,
     * efficiencies 0.95, that must end the day with at least 5 kWh.
     */
    static Community household(String name, String bus, double loadKw, double[] pvKw) {
        int n = pvKw.length;
        MultiPeriodMarket day =
                MultiPeriodMarket.builder(name, Horizon.hourly(n))
                        .periods(
                                t ->
                                        Market.builder(name)
                                                .consumer(
                                                        name + "-load",
                                                        -loadKw,
                                                        -loadKw,
                                                        QuadraticCost.linear(0))
                                                .producer(
                                                        name + "-pv",
                                                        0,
                                                        pvKw[t],
                                                        QuadraticCost.linear(0))
                                                .prosumer(
                                                        name + "-battery",
                                                        0,
                                                        0,
                                                        QuadraticCost.linear(0))
                                                .tradingPairs(List.of())
                                                .build())
                        .storage(
                                name + "-battery",
                                Storage.builder(10, 5)
                                        .powerKw(5, 5)
                                        .efficiencies(0.95, 0.95)
                                        .target(n - 1, 5)
                                        .build())
                        .build();
        Map<String, String> bus2 = new LinkedHashMap<>();
        for (String m : List.of("-load", "-pv", "-battery")) {
            bus2.put(name + m, bus);
        }
        return new Community(name, day, bus2, 50);
    }
}
