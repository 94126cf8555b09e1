package org.gridbazaar.solver.admm;

import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.testkit.SolverContract;

/**
 * The shared solver contract with the tolerances of the distributed solvers ({@link AdmmSolver},
 * {@link ConsensusSolver}), cross-checked against {@link StructuredIpmSolver}
 * on every formulation the contract covers (preferences, networks with resistance and congestion
 * penalties, heat with CHP polygons, fixed demands, infeasible markets).
 *
 * <p>Tolerances are the for distributed solvers: objectives to 1e-4 relative, set-points (and
 * prices) to 1e-3. The solver runs at relative tolerance 1e-6. KKT and result checks use 1e-4: every
 * condition the checker measures is bounded by the stopping rule, up to a factor that the checker
 * does not know of. Stationarity of trades and node prices is within the dual residual (arc prices
 * are the prices after the last correction, node prices are each peer's exact multiplier), but a
 * peer's balance {@code x = N f} adds up the mismatch over its trades: at most
 * {@code sqrt(links)} times the 2-norm bound {@code sqrt(peers) eps S_P}, i.e. up to about 40 eps S_P
 * on the contract's 60-peer market. 1e-4 is 100 times the solver's tolerance and leaves that margin.
 */
abstract class DistributedContract extends SolverContract {

    @Override
    protected MarketSolver reference() {
        return new StructuredIpmSolver();
    }

    @Override
    protected double objectiveTolerance() {
        return 1e-4;
    }

    @Override
    protected double setPointTolerance() {
        return 1e-3;
    }

    @Override
    protected double kktTolerance() {
        return 1e-4;
    }

    @Override
    protected SolverOptions options() {
        return SolverOptions.DEFAULTS.withTolerance(1e-6).withMaxIterations(20_000);
    }
}
