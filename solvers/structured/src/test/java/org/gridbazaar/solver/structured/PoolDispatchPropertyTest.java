package org.gridbazaar.solver.structured;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.testkit.HardMarkets;

/**
 * Properties over generated pool markets (producers and consumers that may all trade, no
 * preferences or network), whose exact optimum {@link HardMarkets#dispatch} computes: whatever the
 * scales of costs and bounds (quadratic coefficients from 0 to 1e3, ranges from 1e-3 to 1e6 kW),
 * the default solver answers {@code OPTIMAL} with that optimum (objective and unique set-points).
 * jqwik shrinks a failing market to a smallest one and prints its seed.
 */
class PoolDispatchPropertyTest {

    /** One peer: quadratic and linear coefficient, and the magnitude of its range (kW). */
    record Side(double a, double b, double range, boolean fixed) {}

    @Provide
    Arbitrary<List<Side>> sides() {
        Arbitrary<Double> a =
                Arbitraries.oneOf(
                        Arbitraries.just(0.0), Arbitraries.doubles().between(1e-6, 1e3).ofScale(9));
        Arbitrary<Double> b = Arbitraries.doubles().between(1, 100);
        Arbitrary<Double> range = Arbitraries.of(1e-3, 0.1, 1.0, 10.0, 100.0, 1e4, 1e6);
        Arbitrary<Boolean> fixed = Arbitraries.of(false, false, false, true);
        return Combinators.combine(a, b, range, fixed)
                .as(Side::new)
                .list()
                .ofMinSize(2)
                .ofMaxSize(12);
    }

    /**
     * Markets the solver did not solve to OPTIMAL (printed after the run; any one fails the
     * property).
     */
    static final java.util.concurrent.atomic.AtomicInteger UNSOLVED =
            new java.util.concurrent.atomic.AtomicInteger();

    /** Markets tried. */
    static final java.util.concurrent.atomic.AtomicInteger TRIED =
            new java.util.concurrent.atomic.AtomicInteger();

    @net.jqwik.api.lifecycle.AfterContainer
    static void report() {
        System.out.println(
                "PoolDispatchPropertyTest: "
                        + UNSOLVED.get()
                        + " of "
                        + TRIED.get()
                        + " markets not solved to OPTIMAL");
    }

    // a fixed seed keeps the build deterministic; change it (or remove it locally) to explore
    @Property(tries = 150, seed = "20261207")
    void theDefaultSolverIsExactWheneverItSaysOptimal(@ForAll("sides") List<Side> sides) {
        Market.Builder builder = Market.builder("pool");
        boolean anyProducer = false, anyConsumer = false;
        for (int i = 0; i < sides.size(); i++) {
            Side s = sides.get(i);
            boolean producer = i % 2 == 0;
            // a fixed consumer needs a producer that can serve it: keep every fixed demand within
            // what
            // the first producer (never fixed, range 1e6 kW at b = 200) can supply
            if (producer) {
                anyProducer = true;
                builder.producer("P" + i, 0, s.range(), QuadraticCost.of(s.a(), s.b(), 0));
            } else {
                anyConsumer = true;
                double lo = -s.range();
                builder.consumer(
                        "C" + i, lo, s.fixed() ? lo : 0, QuadraticCost.of(s.a(), s.b() + 20, 0));
            }
        }
        builder.producer("backstop", 0, 1e7, QuadraticCost.of(0, 200, 0));
        if (!anyConsumer || !anyProducer) {
            builder.consumer("flex", -10, 0, QuadraticCost.of(0.01, 50, 0));
        }
        Market m = builder.build();
        TRIED.incrementAndGet();
        HardMarkets.Dispatch exact = HardMarkets.dispatch(m);
        MarketResult r = MarketClearing.clear(m, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        if (r.status() != Status.OPTIMAL) {
            // every generated market is feasible and bounded: structured-ipm must solve it to its
            // optimum (at 2026-12-07 it did on these 150 and on 400 under each of five other seeds)
            UNSOLVED.incrementAndGet();
            throw new AssertionError(
                    "a feasible bounded market, yet " + r.status() + ": " + r.message());
        }
        double tol = 1e-6 * Math.max(1, Math.abs(exact.objective()));
        if (!(Math.abs(r.objective() - exact.objective()) <= tol)) {
            throw new AssertionError("objective " + r.objective() + ", exact " + exact.objective());
        }
        exact.setPoints()
                .forEach(
                        (id, x) -> {
                            // the solver's certificate accepts quantity residuals up to 1e-6 of
                            // each node's own
                            // scale and price residuals up to 1e-6 of each node's price scale; a
                            // price off by dp
                            // moves a node with curvature a by dp / a (nearly linear peers have
                            // ill-conditioned
                            // set-points), so prices are allowed 1e-5 here: ten times the
                            // acceptance, far below an
                            // error such as a peer left at 0 instead of its bound
                            double a =
                                    m.peer(org.gridbazaar.model.PeerId.of(id))
                                            .orElseThrow()
                                            .power()
                                            .cost()
                                            .a();
                            double t =
                                    2e-6 * exact.scales().get(id)
                                            + (a > 0
                                                    ? 1e-5
                                                            * Math.max(1, Math.abs(exact.price()))
                                                            / a
                                                    : 0);
                            if (!(Math.abs(r.power(id) - x) <= t)) {
                                throw new AssertionError(
                                        "set-point of "
                                                + id
                                                + ": "
                                                + r.power(id)
                                                + ", exact "
                                                + x
                                                + " (tolerance "
                                                + t
                                                + "); solver said: "
                                                + r.message()
                                                + "; market "
                                                + sides);
                            }
                        });
    }
}
