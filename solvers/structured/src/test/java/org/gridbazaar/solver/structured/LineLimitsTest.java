package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.FormulatedMarket;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.LineFlow;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.testkit.KktChecker;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact network-constrained market ({@link P2PFormulation#withLineLimits()}): closed forms, KKT
 * with the lines' multipliers, and the Lagrangian check that pricing each node's injection by the
 * shadow prices of the lines above it, without the limits, reproduces the constrained optimum.
 */
class LineLimitsTest {

    private final StructuredIpmSolver solver = new StructuredIpmSolver();

    /**
     * Cheap G at the root, dear H and consumer C beyond line L1 (B1 -> B2) of the given capacity.
     */
    private static Market twoBus(double capacityKw, double hMax) {
        return Market.builder("two-bus")
                .peer(
                        Peer.of(
                                        "G",
                                        org.gridbazaar.model.Role.PRODUCER,
                                        0,
                                        1000,
                                        QuadraticCost.of(0.01, 10, 0))
                                .atBus("B1"))
                .peer(
                        Peer.of(
                                        "H",
                                        org.gridbazaar.model.Role.PRODUCER,
                                        0,
                                        hMax,
                                        QuadraticCost.of(0.01, 30, 0))
                                .atBus("B2"))
                .peer(
                        Peer.of(
                                        "C",
                                        org.gridbazaar.model.Role.CONSUMER,
                                        -300,
                                        -300,
                                        QuadraticCost.of(0, 0, 0))
                                .atBus("B2"))
                .network(
                        new Network(
                                0.4,
                                "B1",
                                List.of(Line.of("L1", "B1", "B2", 0.1, 0.05, capacityKw))))
                .build();
    }

    @Test
    void bindingLimitSplitsSupplyAndPricesTheLine() {
        FormulatedMarket fm = P2PFormulation.withLineLimits().formulate(twoBus(100, 1000));
        ProblemSolution s = solver.solve(fm.problem(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        KktChecker.assertKkt(fm.problem(), s, 1e-6);
        MarketResult r = fm.result(s);
        // G sends exactly the capacity; H covers the rest
        assertEquals(100, r.power("G"), 1e-6);
        assertEquals(200, r.power("H"), 1e-6);
        LineFlow l1 = r.network().orElseThrow().lineFlows().get(0);
        assertEquals(100, l1.flowKw(), 1e-6);
        // the shadow price is the price difference across the line: (30 + 0.01*200) - (10 +
        // 0.01*100)
        assertEquals(21, l1.shadowPrice(), 1e-6);
        assertTrue(r.network().orElseThrow().congestedLines().isEmpty());
        double objective = 0.5 * 0.01 * 100 * 100 + 10 * 100 + 0.5 * 0.01 * 200 * 200 + 30 * 200;
        assertEquals(objective, r.objective(), 1e-6 * objective);
    }

    @Test
    void slackLimitHasZeroShadowPriceAndSameOptimumAsWithoutLimits() {
        Market m = twoBus(1000, 1000);
        MarketResult free = MarketClearing.clear(m, solver, SolverOptions.DEFAULTS);
        MarketResult limited =
                MarketClearing.clear(
                        m, P2PFormulation.withLineLimits(), solver, SolverOptions.DEFAULTS);
        assertEquals(free.objective(), limited.objective(), 1e-6 * Math.abs(free.objective()));
        assertEquals(free.power("G"), limited.power("G"), 1e-6);
        assertEquals(0, limited.network().orElseThrow().lineFlows().get(0).shadowPrice(), 1e-6);
        assertTrue(Double.isNaN(free.network().orElseThrow().lineFlows().get(0).shadowPrice()));
    }

    @Test
    void limitBindingAgainstTheLineDirectionHasNegativeShadowPrice() {
        // the same feeder with the line drawn B2 -> B1: the flow is -100 and binds the lower limit
        Market m =
                twoBus(100, 1000).toBuilder()
                        .network(
                                new Network(
                                        0.4,
                                        "B1",
                                        List.of(Line.of("L1", "B2", "B1", 0.1, 0.05, 100))))
                        .build();
        MarketResult r =
                MarketClearing.clear(
                        m, P2PFormulation.withLineLimits(), solver, SolverOptions.DEFAULTS);
        LineFlow l1 = r.network().orElseThrow().lineFlows().get(0);
        assertEquals(-100, l1.flowKw(), 1e-6);
        assertEquals(-21, l1.shadowPrice(), 1e-6);
    }

    @Test
    void limitThatCannotBeMetIsInfeasible() {
        // C needs 300 kW, H gives at most 100, so 200 must cross a 100 kW line
        MarketResult r =
                MarketClearing.clear(
                        twoBus(100, 100),
                        P2PFormulation.withLineLimits(),
                        solver,
                        SolverOptions.DEFAULTS);
        assertEquals(Status.INFEASIBLE, r.status());
    }

    /**
     * Random feeders: capacities set to 60% of the unconstrained flows on the two most loaded
     * lines. The constrained optimum satisfies KKT with the line multipliers, respects every
     * capacity, and equals the optimum of the unconstrained problem whose node costs carry the
     * shadow prices ({@code b_k + (G' mu)_k}), minus {@code mu' cap}.
     */
    @ParameterizedTest
    @ValueSource(longs = {3, 5, 8, 13, 21, 34})
    void randomFeedersAgreeWithTheirLagrangianRelaxation(long seed) {
        Market base =
                RandomMarkets.generate(
                        seed,
                        RandomMarkets.Spec.basic(16)
                                .withProsumerShare(0.2)
                                .withNetwork(8, true, false));
        MarketResult free = MarketClearing.clear(base, solver, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, free.status());
        List<LineFlow> flows = new ArrayList<>(free.network().orElseThrow().lineFlows());
        flows.sort((p, q) -> Double.compare(Math.abs(q.flowKw()), Math.abs(p.flowKw())));
        List<String> tight = List.of(flows.get(0).lineId(), flows.get(1).lineId());
        Network net = base.network().orElseThrow();
        List<Line> lines = new ArrayList<>();
        for (Line l : net.lines()) {
            double f =
                    flows.stream()
                            .filter(x -> x.lineId().equals(l.id()))
                            .findFirst()
                            .orElseThrow()
                            .flowKw();
            double cap = tight.contains(l.id()) ? Math.max(1, 0.6 * Math.abs(f)) : 1e6;
            lines.add(Line.of(l.id(), l.from(), l.to(), l.resistanceOhm(), l.reactanceOhm(), cap));
        }
        Market m =
                base.toBuilder()
                        .network(new Network(net.nominalVoltageKv(), net.rootBus(), lines))
                        .build();
        FormulatedMarket fm = P2PFormulation.withLineLimits().formulate(m);
        ProblemSolution s = solver.solve(fm.problem(), SolverOptions.DEFAULTS);
        if (s.status() == Status.INFEASIBLE) {
            return; // capacities too tight for the peers' fixed demands: a valid outcome, nothing
            // more to check
        }
        assertEquals(Status.OPTIMAL, s.status(), s.message());
        KktChecker.assertKkt(fm.problem(), s, 1e-6);
        MarketResult r = fm.result(s);
        for (LineFlow lf : r.network().orElseThrow().lineFlows()) {
            Line l =
                    lines.stream()
                            .filter(x -> x.id().equals(lf.lineId()))
                            .findFirst()
                            .orElseThrow();
            assertTrue(
                    Math.abs(lf.flowKw()) <= l.capacityKw() * (1 + 1e-7),
                    lf + " over " + l.capacityKw());
            assertTrue(lf.hasShadowPrice());
        }
        assertTrue(
                r.objective() >= free.objective() - 1e-6 * Math.abs(free.objective()),
                "limits cannot lower the cost");

        MarketProblem p = fm.problem();
        double[] mu = s.couplingDuals();
        MarketProblem shifted = priced(p, mu);
        ProblemSolution relaxed = solver.solve(shifted, SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, relaxed.status());
        double muCap = 0;
        for (int c = 0; c < mu.length; c++) {
            muCap += mu[c] * p.couplingRhs(c);
        }
        double expected = p.objective(s.x(), s.f());
        double got = shifted.objective(relaxed.x(), relaxed.f()) - muCap;
        assertEquals(
                expected,
                got,
                1e-6 * Math.max(1, Math.abs(expected)),
                "Lagrangian dual value equals the constrained optimum");
        double[] a = p.quadratic();
        double scale = p.injectionScale();
        for (int k = 0; k < p.nodeCount(); k++) {
            if (a[k] > 0) {
                assertEquals(s.x()[k], relaxed.x()[k], 1e-5 * scale, "node " + k);
            }
        }
    }

    /** The problem without coupling constraints whose node costs carry {@code (G' mu)_k}. */
    private static MarketProblem priced(MarketProblem p, double[] mu) {
        double[] shift = new double[p.nodeCount()];
        for (int c = 0; c < p.couplingConstraintCount(); c++) {
            int[] nodes = p.couplingNodes(c);
            double[] g = p.couplingCoefficients(c);
            for (int i = 0; i < nodes.length; i++) {
                shift[nodes[i]] += g[i] * mu[c];
            }
        }
        MarketProblem.Builder b = MarketProblem.builder(p.name() + " priced");
        for (int q = 0; q < p.peerCount(); q++) {
            b.peer(p.peerLabel(q));
        }
        double[] a = p.quadratic(),
                lin = p.linear(),
                c0 = p.constant(),
                lo = p.lower(),
                hi = p.upper();
        int[] peer = p.nodePeer(), commodity = p.nodeCommodity();
        for (int k = 0; k < p.nodeCount(); k++) {
            b.node(peer[k], commodity[k], a[k], lin[k] + shift[k], c0[k], lo[k], hi[k]);
        }
        int[] tail = p.tail(), head = p.head();
        double[] sc = p.sellerCost(), bc = p.buyerCost();
        for (int t = 0; t < p.arcCount(); t++) {
            b.arc(tail[t], head[t], sc[t], bc[t]);
        }
        for (int s = 0; s < p.sideConstraintCount(); s++) {
            b.sideConstraint(p.sideNodes(s), p.sideCoefficients(s), p.sideRhs(s));
        }
        return b.build();
    }
}
