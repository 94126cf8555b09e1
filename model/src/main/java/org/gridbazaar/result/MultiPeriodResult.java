package org.gridbazaar.result;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gridbazaar.model.PeerId;

/**
 * The outcome of clearing a market over a horizon: why the solver stopped, the horizon's objective,
 * one {@link MarketResult} per period and each storage unit's trajectory. Immutable.
 *
 * <p>Each period's result holds what a single-period result holds for that period: set-points (a
 * peer's {@code power} is its net power {@code P_t}, what it trades), trades, network quantities,
 * and prices in $/kWh (the multiplier of the period's constraint divided by the period length). A
 * period result's objective is that period's share of the horizon objective in $: its costs,
 * penalties and preference terms times the period length. The horizon objective adds the storage
 * units' throughput costs. Without a solution, {@link #periods()} and {@link #storage()} are empty
 * and {@link #objective()} is {@code NaN}.
 */
public final class MultiPeriodResult {

    private final String caseName;
    private final Termination termination;
    private final double objective;
    private final double hoursPerPeriod;
    private final List<MarketResult> periods;
    private final List<StorageOutcome> storage;
    private final SolverStats solver;
    private final Map<PeerId, StorageOutcome> storageById = new HashMap<>();

    /**
     * @param caseName the market's name
     * @param termination why the solver stopped and what the point is
     * @param objective horizon objective, $ ({@code NaN} without a solution)
     * @param hoursPerPeriod period length, h
     * @param periods one result per period, in order (empty without a solution)
     * @param storage every storage unit's trajectory, in the market's peer order
     * @param solver statistics of the solve (of the last solve when several were needed)
     */
    public MultiPeriodResult(
            String caseName,
            Termination termination,
            double objective,
            double hoursPerPeriod,
            List<MarketResult> periods,
            List<StorageOutcome> storage,
            SolverStats solver) {
        this.caseName = Objects.requireNonNull(caseName, "caseName");
        this.termination = Objects.requireNonNull(termination, "termination");
        this.objective = objective;
        this.hoursPerPeriod = hoursPerPeriod;
        this.periods = List.copyOf(periods);
        this.storage = List.copyOf(storage);
        this.solver = Objects.requireNonNull(solver, "solver");
        for (StorageOutcome s : this.storage) {
            storageById.put(s.id(), s);
        }
    }

    /** The market's name. */
    public String caseName() {
        return caseName;
    }

    /** The file format's status. */
    public Status status() {
        return termination.status();
    }

    /** Why the solver stopped and what the returned point is. */
    public Termination termination() {
        return termination;
    }

    /** What the solver said about how it stopped, or why the market is infeasible; may be empty. */
    public String message() {
        return termination.detail();
    }

    /** Horizon objective, $; {@code NaN} without a solution. */
    public double objective() {
        return objective;
    }

    /** Period length, h. */
    public double hoursPerPeriod() {
        return hoursPerPeriod;
    }

    /** Number of periods with a result (0 without a solution). */
    public int periodCount() {
        return periods.size();
    }

    /** Per-period results, in order. */
    public List<MarketResult> periods() {
        return periods;
    }

    /** The result of period {@code t}. */
    public MarketResult period(int t) {
        return periods.get(t);
    }

    /** Storage trajectories, in the market's peer order. */
    public List<StorageOutcome> storage() {
        return storage;
    }

    /** The trajectory of a peer's storage unit, if it has one (constant time). */
    public Optional<StorageOutcome> storage(String peerId) {
        return Optional.ofNullable(storageById.get(new PeerId(peerId)));
    }

    /** Solver statistics. */
    public SolverStats solver() {
        return solver;
    }

    @Override
    public String toString() {
        return "MultiPeriodResult["
                + caseName
                + ", "
                + status()
                + ", objective "
                + objective
                + " $, "
                + periods.size()
                + " periods]";
    }
}
