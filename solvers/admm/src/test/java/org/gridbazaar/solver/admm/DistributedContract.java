package org.gridbazaar.solver.admm;

import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.structured.StructuredIpmSolver;
import org.gridbazaar.testkit.SolverContract;

/**
 * The shared solver contract with the tolerances of the distributed solvers ({@link AdmmSolver},
 * {@link ConsensusSolver}), cross-checked against {@link StructuredIpmSolver} on every formulation
 * the contract covers (preferences, networks with resistance and congestion penalties, heat with
 * CHP polygons, fixed demands, infeasible markets).
 *
 * <p>Tolerances are the for distributed solvers: objectives to 1e-4 relative, set-points
 * (and prices) to 1e-3. The solver runs at relative tolerance 1e-6. KKT and result checks use 1e-4:
 * every condition the checker measures is bounded by the stopping rule, up to a factor that the
 * checker does not know of. Stationarity of trades and node prices is within the dual residual (arc
 * prices are the prices after the last correction, node prices are each peer's exact multiplier);
 * an {@code OPTIMAL} point is feasible ({@code x = N f}, within bounds) and its objective certified
 * within 1e-6 of the optimum, so 1e-4 leaves a margin of 100. Every badly scaled shape of the test
 * kit runs, none excluded: residuals are scaled per trade and per peer.
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
