package org.gridbazaar.solver.structured.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parts of the interior point on their own: a Newton direction from either {@link
 * ReducedSystem} satisfies the unreduced Newton equations (stationarity per node and arc, balance
 * per node, every complementarity pair), and the two agree, at the starting point of seeded random
 * markets with peer side rows (heat, CHP regions), fixed set-points and linear costs; and {@link
 * BreakdownRecovery} returns the certified iterate before the acceptable one, and either only after
 * a breakdown or a lost certified iterate.
 */
class NewtonSystemTest {

    /** Relative to the largest entry of the equation's terms. */
    private static final double EQUATIONS = 1e-9;

    /** Dense against tree-preconditioned direction, relative to the largest step of the kind. */
    private static final double AGREEMENT = 1e-6;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 4);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void bothReducedSystemsSolveTheUnreducedNewtonEquations(long seed) {
        IpmProblem p =
                new IpmProblem(
                        new P2PFormulation()
                                .formulate(
                                        RandomMarkets.generate(
                                                seed, RandomMarkets.Spec.full(8 + 2 * (int) seed)))
                                .problem());
        String where = "RandomMarkets.generate(" + seed + "L, Spec.full(" + (8 + 2 * seed) + "))";
        assertTrue(p.r > 0, where + ": has side rows");
        Direction dense = direction(p, true, where);
        Direction tree = direction(p, false, where);
        agree(dense.dx, tree.dx, where + ": dx");
        agree(dense.dy, tree.dy, where + ": dy");
        agree(dense.df, tree.df, where + ": df");
        agree(dense.dzf, tree.dzf, where + ": dzf");
        agree(dense.dzg, tree.dzg, where + ": dzg");
    }

    /** The predictor direction at the starting point, checked against the unreduced equations. */
    private static Direction direction(IpmProblem p, boolean dense, String where) {
        ArcSet arcs = ArcSet.all(p);
        Scales scales = Scales.of(p, arcs);
        Iterate it = Iterate.start(p, arcs, scales);
        Residuals res = new Residuals(p, arcs.m);
        res.evaluate(it, it.pairs());
        ReducedSystem reduced =
                dense
                        ? new DenseReducedSystem(p)
                        : new TreeReducedSystem(p, arcs, 1e-11 * scales.quantity(), 0);
        // the tightest conjugate-gradient tolerance
        reduced.follow(0, 1);
        NewtonSystem newton = new NewtonSystem(p, arcs.m, reduced, scales);
        assertTrue(newton.factor(it), where + ": factorised");
        ComplementarityTargets c = new ComplementarityTargets(p, arcs.m);
        c.predictor(it);
        Direction d = new Direction(p.n, arcs.m, p.r);
        newton.solve(d, it, res, c);
        String tag = where + (dense ? " (dense)" : " (tree)");
        double[] gtdz = new double[p.n];
        for (int s = 0; s < p.r; s++) {
            for (int i = 0; i < p.sideNodes[s].length; i++) {
                gtdz[p.sideNodes[s][i]] += p.sideCoef[s][i] * d.dzg[s];
            }
        }
        double[] balance = res.rp.clone();
        for (int k = 0; k < p.n; k++) {
            balance[k] += d.dx[k];
        }
        for (int t = 0; t < arcs.m; t++) {
            balance[arcs.tail[t]] -= d.df[t];
            balance[arcs.head[t]] += d.df[t];
            small(
                    res.rdf[t] + d.dy[arcs.tail[t]] - d.dy[arcs.head[t]] - d.dzf[t],
                    scales.price(),
                    tag + ": stationarity of arc " + t);
            small(
                    it.zf[t] * d.df[t] + it.f[t] * d.dzf[t] - c.rcf[t],
                    it.f[t] * it.zf[t],
                    tag + ": complementarity of arc " + t);
        }
        for (int k = 0; k < p.n; k++) {
            small(balance[k], scales.quantity(), tag + ": balance of node " + k);
            if (p.fixed[k]) {
                assertTrue(d.dx[k] == 0, tag + ": fixed node " + k + " stays");
                continue;
            }
            small(
                    res.rdx[k] + p.a[k] * d.dx[k] - d.dy[k] - d.dzl[k] + d.dzu[k] + gtdz[k],
                    scales.price(),
                    tag + ": stationarity of node " + k);
            small(
                    it.zl[k] * d.dx[k] + (it.x[k] - p.lo[k]) * d.dzl[k] - c.rcl[k],
                    (it.x[k] - p.lo[k]) * it.zl[k],
                    tag + ": lower bound of node " + k);
        }
        for (int s = 0; s < p.r; s++) {
            small(
                    res.rg[s] + p.dotSide(s, d.dx) + d.dsg[s],
                    scales.quantity(),
                    tag + ": side row " + s);
        }
        return d;
    }

    private static void small(double v, double scale, String what) {
        assertTrue(Math.abs(v) <= EQUATIONS * Math.max(scale, 1), what + ": " + v);
    }

    private static void agree(double[] expected, double[] actual, String what) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertTrue(
                    Math.abs(expected[i] - actual[i]) <= AGREEMENT * Math.max(scale, 1e-12),
                    what + "[" + i + "]: dense " + expected[i] + ", tree " + actual[i]);
        }
    }

    @Test
    void recoveryPrefersTheCertifiedIterateAndOnlyAfterABreakdown() {
        IpmProblem p =
                new IpmProblem(
                        new P2PFormulation()
                                .formulate(RandomMarkets.generate(1, RandomMarkets.Spec.basic(6)))
                                .problem());
        ArcSet arcs = ArcSet.all(p);
        Iterate it = Iterate.start(p, arcs, Scales.of(p, arcs));
        Residuals res = new Residuals(p, arcs.m);
        res.evaluate(it, it.pairs());

        BreakdownRecovery none = new BreakdownRecovery();
        none.keepAcceptable(3, res, it);
        none.keepCertified(4, res, it);
        assertNull(none.returned(), "a run that did not break down returns its last iterate");

        BreakdownRecovery acceptableOnly = new BreakdownRecovery();
        acceptableOnly.keepAcceptable(3, res, it);
        InteriorPoint.Outcome out = new InteriorPoint.Outcome();
        acceptableOnly.breakDown(out, "test");
        assertFalse(out.numericalFailure, "an acceptable iterate was kept");
        BreakdownRecovery.Kept kept = acceptableOnly.returned();
        assertTrue(kept != null && kept.iteration() == 3, "the acceptable iterate");
        assertFalse(acceptableOnly.isCertified(kept));
        assertTrue(kept.point() != it && kept.point().x != it.x, "a copy, not the live iterate");

        BreakdownRecovery both = new BreakdownRecovery();
        both.keepAcceptable(5, res, it);
        both.keepCertified(4, res, it);
        assertTrue(both.lostCertified(5), "iteration 5 lost the certified iteration 4");
        BreakdownRecovery.Kept certified = both.returned();
        assertTrue(certified != null && certified.iteration() == 4, "the certified iterate");
        assertTrue(both.isCertified(certified));

        BreakdownRecovery nothing = new BreakdownRecovery();
        InteriorPoint.Outcome failed = new InteriorPoint.Outcome();
        nothing.breakDown(failed, "singular");
        assertTrue(failed.numericalFailure, "nothing kept: a numerical failure");
        assertSame("singular", failed.breakdown);
        assertNull(nothing.returned());
    }
}
