package org.gridbazaar.benchmarks;

import java.util.concurrent.TimeUnit;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.admm.AdmmSolver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The distributed solver {@code admm} on the markets over time of {@link BenchmarkHorizons} ({@code
 * market} is {@code "SPEC@PERIODS"}, as in {@link MultiPeriodBenchmark}):
 *
 * <ul>
 *   <li>{@link #round}: one round of the negotiation on 2 threads, as {@link HorizonRounds}
 *       rebuilds it (every peer solves its block over the horizon, then consensus, prices and
 *       residuals; no certificate); successive invocations are successive rounds of one
 *       negotiation;
 *   <li>{@link #blockSolve}: one peer's first-round block solve by a new {@code SeparableQpSolver}
 *       (tolerance 1e-9), cycling over the peers: from scratch every time (the block's last outcome
 *       forgotten), as in the first round; later rounds start from the last active set and cost
 *       what {@link #round} shows;
 *   <li>{@link #clear}: a whole clearing by {@link AdmmSolver} at its default tolerance (1e-6); run
 *       it with {@code -bm ss} on small markets only: the solver's set-up grows as peers x arcs^2
 *       (about 40 s at {@code 50x20@24}, see {@code docs/benchmarks.md}). Teardown fails the trial
 *       unless it is {@link Status#OPTIMAL} and within its tolerance of the default solver's
 *       optimum.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MultiPeriodAdmmBenchmark {

    /** The negotiation whose rounds {@link #round} runs. */
    @State(Scope.Benchmark)
    public static class Rounds {
        /** The market over time, {@code "SPEC@PERIODS"}. */
        @Param({"1000x20@24"})
        public String market;

        HorizonRounds rounds;
        HorizonRounds.Round last;

        /** Builds the market and the peers' blocks. */
        @Setup(Level.Trial)
        public void setUp() {
            rounds = new HorizonRounds(problem(market), AdmmOptions.DEFAULTS.withThreads(2));
        }

        /** Fails the trial if a local solve did not converge or a residual is not finite. */
        @TearDown(Level.Trial)
        public void check() {
            if (last != null
                    && (last.notConverged() > 0
                            || !Double.isFinite(last.primal())
                            || !Double.isFinite(last.dual()))) {
                throw new IllegalStateException(market + ": " + last);
            }
            if (last != null) {
                System.out.printf(
                        java.util.Locale.ROOT,
                        "%n%s: %d rounds, last primal %.3e, dual %.3e (relative)%n",
                        market,
                        last.round(),
                        last.primal(),
                        last.dual());
            }
        }
    }

    /** The peers' blocks at the first round's prices, for {@link #blockSolve}. */
    @State(Scope.Benchmark)
    public static class Blocks {
        /** The market over time, {@code "SPEC@PERIODS"}. */
        @Param({"1000x20@24"})
        public String market;

        HorizonRounds.Block[] blocks;
        double[] lambda, m;
        double rho;
        int next;
        int notConverged;

        /** Builds the market, the peers' blocks and the first round's prices. */
        @Setup(Level.Trial)
        public void setUp() {
            MarketProblem p = problem(market);
            blocks = new HorizonRounds(p, AdmmOptions.DEFAULTS.withThreads(1)).blocks();
            lambda = new double[p.arcCount()];
            m = new double[p.arcCount()];
            int[] tail = p.tail(), head = p.head();
            double[] b = p.linear();
            for (int a = 0; a < lambda.length; a++) {
                lambda[a] = 0.5 * (b[tail[a]] + b[head[a]]);
            }
            rho = AdmmOptions.DEFAULTS.rho0() * p.priceScale() / p.injectionScale();
        }

        /** Fails the trial if a block solve did not converge. */
        @TearDown(Level.Trial)
        public void check() {
            if (notConverged > 0) {
                throw new IllegalStateException(
                        market + ": " + notConverged + " block solves did not converge");
            }
        }
    }

    /** A whole clearing by {@code admm}, checked against the default solver. */
    @State(Scope.Benchmark)
    public static class Clearing {
        /** The market over time, {@code "SPEC@PERIODS"}. */
        @Param({"50x20@24"})
        public String market;

        MarketProblem problem;
        AdmmSolver solver;
        double reference;
        ProblemSolution last;

        /** Builds the market and clears it once with the default solver (the reference). */
        @Setup(Level.Trial)
        public void setUp() {
            problem = problem(market);
            solver = new AdmmSolver();
            ProblemSolution ref = Solvers.defaultSolver().solve(problem, SolverOptions.DEFAULTS);
            if (ref.status() != Status.OPTIMAL) {
                throw new IllegalStateException(market + " reference: " + ref.message());
            }
            reference = problem.objective(ref.x(), ref.privateVariables(), ref.f());
        }

        /** Fails the trial unless the last clearing is optimal and agrees with the reference. */
        @TearDown(Level.Trial)
        public void check() {
            if (last == null) {
                return;
            }
            double objective = problem.objective(last.x(), last.privateVariables(), last.f());
            double relative = Math.abs(objective - reference) / Math.max(1, Math.abs(reference));
            System.out.printf(
                    java.util.Locale.ROOT,
                    "%n%s admm: %s after %d rounds, objective %.10e $ against %.10e $ (%.2e relative)%n",
                    market,
                    last.status(),
                    last.iterations(),
                    objective,
                    reference,
                    relative);
            if (last.status() != Status.OPTIMAL || relative > solver.defaultTolerance()) {
                throw new IllegalStateException(market + " admm: " + last.message());
            }
        }
    }

    static MarketProblem problem(String market) {
        return new MultiPeriodFormulation().formulate(BenchmarkHorizons.named(market)).problem();
    }

    /** One round of the negotiation (2 threads); returns its relative primal residual. */
    @Benchmark
    public double round(Rounds s) {
        s.last = s.rounds.round();
        return s.last.primal();
    }

    /** One peer's first-round block solve; returns its interior-point iterations. */
    @Benchmark
    public int blockSolve(Blocks s) {
        HorizonRounds.Block b = s.blocks[s.next];
        s.next = (s.next + 1) % s.blocks.length;
        b.forget();
        b.respond(s.lambda, s.rho, s.m, HorizonRounds.LOCAL_TOLERANCE);
        if (!b.converged) {
            s.notConverged++;
        }
        return b.iterations;
    }

    /** A whole clearing by {@code admm} at its default tolerance. */
    @Benchmark
    public ProblemSolution clear(Clearing s) {
        s.last =
                s.solver.solve(
                        s.problem,
                        SolverOptions.DEFAULTS.withTolerance(s.solver.defaultTolerance()));
        return s.last;
    }
}
