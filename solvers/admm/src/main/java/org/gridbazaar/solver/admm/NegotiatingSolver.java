package org.gridbazaar.solver.admm;

import java.util.Objects;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.internal.HorizonNegotiation;
import org.gridbazaar.solver.admm.internal.Negotiation;
import org.gridbazaar.solver.admm.transport.HorizonTransport;
import org.gridbazaar.solver.admm.transport.Transport;

/**
 * What {@link AdmmSolver} and {@link ConsensusSolver} share: the tuning, the default tolerance,
 * what they support (everything but constraints across peers) and the run of the peers'
 * negotiation; they differ only in their update rule ({@link Negotiation.Variant}) and name.
 */
abstract class NegotiatingSolver implements MarketSolver {

    private final AdmmOptions tuning;
    private final Negotiation.Variant variant;
    private final String name;

    /**
     * Where the single-period agents run, or {@code null} for in process on {@link
     * AdmmOptions#threads()} threads.
     */
    private final Transport.Factory transports;

    /**
     * Where the agents of markets over time run, or {@code null} for in process (in parallel unless
     * {@link AdmmOptions#threads()} is 1).
     */
    private final HorizonTransport.Factory horizonTransports;

    NegotiatingSolver(
            AdmmOptions tuning,
            Negotiation.Variant variant,
            String name,
            Transport.Factory transports) {
        this(tuning, variant, name, transports, null);
    }

    NegotiatingSolver(
            AdmmOptions tuning,
            Negotiation.Variant variant,
            String name,
            Transport.Factory transports,
            HorizonTransport.Factory horizonTransports) {
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.variant = variant;
        this.name = name;
        this.transports = transports;
        this.horizonTransports = horizonTransports;
    }

    /** The tuning. */
    public AdmmOptions tuning() {
        return tuning;
    }

    /** {@link AdmmOptions#DEFAULT_TOLERANCE}. */
    @Override
    public double defaultTolerance() {
        return AdmmOptions.DEFAULT_TOLERANCE;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Support supports(MarketProblem problem) {
        if (HorizonNegotiation.applies(problem)) {
            return HorizonNegotiation.supports(problem);
        }
        return Negotiation.supports(problem);
    }

    @Override
    public ProblemSolution solve(MarketProblem problem, SolverOptions options) {
        requireSupported(problem);
        if (HorizonNegotiation.applies(problem)) {
            return HorizonNegotiation.run(
                    problem,
                    options,
                    tuning,
                    variant,
                    name,
                    horizonTransports == null
                            ? HorizonTransport.inProcess(tuning.threads() != 1)
                            : horizonTransports);
        }
        return Negotiation.run(
                problem,
                options,
                tuning,
                variant,
                name,
                transports == null ? Transport.inProcess(tuning.threads()) : transports);
    }
}
