package org.gridbazaar.solver;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.Horizon;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Series;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.horizon.StorageTarget;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.StorageOutcome;
import org.gridbazaar.result.Termination;

/**
 * Clears a long horizon as overlapping windows: the market over periods {@code start ..
 * start+window-1} is cleared, its first {@code step} periods are committed, and the next window
 * starts {@code step} periods later from the committed state: each storage unit's energy, and each
 * ramp-limited peer's device power as its initial power.
 *
 * <p>What a window cannot see is handled so that no committed decision breaks a rule:
 *
 * <ul>
 *   <li>a storage target in a later period is not enforced until it enters a window (a window may
 *       therefore commit a discharge that makes a later target unreachable; that window is then
 *       infeasible, and the run stops with its status and reason);
 *   <li>an energy window is enforced in the first clearing window that contains its last period, on
 *       its periods from that window's start, with the energy already committed in its earlier
 *       periods subtracted from its bounds; before that it is not enforced.
 * </ul>
 *
 * The stitched result has the committed periods, storage trajectories and objective (the sum of the
 * committed periods' objectives and throughput costs); its solver statistics add up the windows'
 * iterations and seconds.
 */
public final class RollingHorizon {

    private RollingHorizon() {}

    /**
     * Clears {@code market} in windows of {@code window} periods advancing by {@code step}.
     *
     * @throws IllegalArgumentException unless {@code 1 <= step <= window}
     */
    public static MultiPeriodResult clear(
            MultiPeriodMarket market,
            int window,
            int step,
            MarketSolver solver,
            SolverOptions options) {
        if (step < 1 || window < step) {
            throw new IllegalArgumentException(
                    "rolling horizon needs 1 <= STEP <= WINDOW, got window "
                            + window
                            + ", step "
                            + step);
        }
        int periods = market.periodCount();
        double dt = market.hoursPerPeriod();
        List<Peer> peers = market.peers();
        // the committed state
        double[] energy = new double[peers.size()];
        double[] device = new double[peers.size()];
        boolean[] hasDevice = new boolean[peers.size()];
        for (int i = 0; i < peers.size(); i++) {
            Storage s = market.storage().get(peers.get(i).id());
            energy[i] = s == null ? 0 : s.initialKwh();
        }
        double[][] committedDevice = new double[peers.size()][periods];
        List<MarketResult> committed = new ArrayList<>(periods);
        double[][] charge = new double[peers.size()][periods],
                discharge = new double[peers.size()][periods],
                level = new double[peers.size()][periods];
        double objective = 0;
        int iterations = 0;
        double seconds = 0, primal = 0, dual = 0;
        String solverName = solver.name();
        for (int start = 0; start < periods; start += step) {
            int end = Math.min(start + window, periods);
            MultiPeriodMarket part =
                    slice(market, start, end, energy, device, hasDevice, committedDevice);
            MultiPeriodResult r = MultiPeriodClearing.clear(part, solver, options);
            iterations += r.solver().iterations();
            seconds += r.solver().seconds();
            primal = Math.max(primal, r.solver().primalResidual());
            dual = Math.max(dual, r.solver().dualResidual());
            solverName = r.solver().solver();
            if (!r.status().hasSolution() || r.periodCount() == 0) {
                String why =
                        "window of periods "
                                + start
                                + ".."
                                + (end - 1)
                                + ": "
                                + r.status()
                                + (r.message().isEmpty() ? "" : " (" + r.message() + ")");
                return new MultiPeriodResult(
                        market.name(),
                        Termination.withoutPoint(r.termination().reason(), why),
                        Double.NaN,
                        dt,
                        List.of(),
                        List.of(),
                        new SolverStats(solverName, iterations, seconds, primal, dual, Double.NaN));
            }
            int keep = Math.min(step, end - start);
            for (int t = 0; t < keep; t++) {
                MarketResult pr = r.period(t);
                committed.add(pr);
                objective += pr.objective();
                for (int i = 0; i < peers.size(); i++) {
                    PeerId id = peers.get(i).id();
                    double g = pr.peers().get(i).power();
                    var unit = r.storage(id.value());
                    if (unit.isPresent()) {
                        StorageOutcome u = unit.get();
                        double c = u.chargeKw(t), d = u.dischargeKw(t);
                        g = g - d + c;
                        charge[i][start + t] = c;
                        discharge[i][start + t] = d;
                        level[i][start + t] = u.energyKwh(t);
                        energy[i] = u.energyKwh(t);
                        objective += dt * market.storage().get(id).throughputCost() * (c + d);
                    }
                    device[i] = g;
                    hasDevice[i] = true;
                    committedDevice[i][start + t] = g;
                }
            }
        }
        List<StorageOutcome> storage = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            if (market.storage().containsKey(peers.get(i).id())) {
                storage.add(
                        new StorageOutcome(peers.get(i).id(), charge[i], discharge[i], level[i]));
            }
        }
        Termination termination =
                committed.stream().allMatch(p -> p.status() == org.gridbazaar.result.Status.OPTIMAL)
                        ? Termination.optimal(
                                "cleared in windows of " + window + " periods advancing by " + step)
                        : committed.stream()
                                .filter(p -> p.status() != org.gridbazaar.result.Status.OPTIMAL)
                                .findFirst()
                                .orElseThrow()
                                .termination();
        return new MultiPeriodResult(
                market.name(),
                termination,
                objective,
                dt,
                committed,
                storage,
                new SolverStats(solverName, iterations, seconds, primal, dual, Double.NaN));
    }

    /** The market over periods {@code start .. end-1}, starting from the committed state. */
    private static MultiPeriodMarket slice(
            MultiPeriodMarket market,
            int start,
            int end,
            double[] energy,
            double[] device,
            boolean[] hasDevice,
            double[][] committedDevice) {
        int n = end - start;
        MultiPeriodMarket.Builder b =
                MultiPeriodMarket.builder(market.name(), Horizon.of(n, market.hoursPerPeriod()))
                        .periods(t -> market.period(start + t));
        List<Peer> peers = market.peers();
        for (int i = 0; i < peers.size(); i++) {
            PeerId id = peers.get(i).id();
            Storage s = market.storage().get(id);
            if (s != null) {
                Storage.Builder sb =
                        Storage.builder(
                                        s.capacityKwh(),
                                        Math.min(s.capacityKwh(), Math.max(s.minKwh(), energy[i])))
                                .minKwh(s.minKwh())
                                .chargeKw(slice(s.chargeKw(), start, end))
                                .dischargeKw(slice(s.dischargeKw(), start, end))
                                .usageKwh(slice(s.usageKwh(), start, end))
                                .efficiencies(s.chargeEfficiency(), s.dischargeEfficiency())
                                .standingLossPerHour(s.standingLossPerHour())
                                .throughputCost(s.throughputCost());
                for (StorageTarget target : s.targets()) {
                    if (target.period() >= start && target.period() < end) {
                        sb.target(target.period() - start, target.minKwh());
                    }
                }
                b.storage(id.value(), sb.build());
            }
            Ramp ramp = market.ramps().get(id);
            if (ramp != null) {
                b.ramp(
                        id.value(),
                        start == 0
                                ? ramp
                                : new Ramp(
                                        ramp.upKw(),
                                        ramp.downKw(),
                                        hasDevice[i] ? device[i] : ramp.initialKw()));
            }
            for (EnergyWindow w : market.energyWindows().getOrDefault(id, List.of())) {
                if (w.to() < start || w.to() >= end) {
                    continue; // already enforced, or not yet visible
                }
                double done = 0;
                for (int t = w.from(); t < start; t++) {
                    done += market.hoursPerPeriod() * committedDevice[i][t];
                }
                b.energyWindow(
                        id.value(),
                        new EnergyWindow(
                                Math.max(w.from(), start) - start,
                                w.to() - start,
                                w.hasMin() ? w.minKwh() - done : Double.NaN,
                                w.hasMax() ? w.maxKwh() - done : Double.NaN));
            }
        }
        return b.build();
    }

    private static Series slice(Series s, int start, int end) {
        if (s.isConstant()) {
            return s;
        }
        double[] out = new double[end - start];
        for (int t = start; t < end; t++) {
            out[t - start] = s.at(t);
        }
        return Series.of(out);
    }
}
