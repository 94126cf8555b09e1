package org.gridbazaar.solver.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridbazaar.horizon.EnergyWindow;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Ramp;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.StorageOutcome;
import org.gridbazaar.result.Trade;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;

/**
 * Checks a {@link MultiPeriodResult} against its market at the level a user sees it, from the
 * result alone (not the solver's internal point): the spec's energy balance of every storage unit,
 * storage limits, targets, and per period the trades (allowed pairs, seller may sell, buyer may
 * buy, non-negative), each peer's net power against the sum of its trades, the device power ({@code
 * P - d + c}) against the period's bounds, ramp limits and energy windows.
 */
final class MultiPeriodChecks {

    private MultiPeriodChecks() {}

    /** Every violation, one line each; {@code tol} is absolute in kW and kWh. */
    static List<String> violations(MultiPeriodMarket m, MultiPeriodResult r, double tol) {
        List<String> out = new ArrayList<>();
        int periods = m.periodCount();
        double dt = m.hoursPerPeriod();
        if (r.periodCount() != periods) {
            out.add("result has " + r.periodCount() + " periods, the market " + periods);
            return out;
        }
        if (r.storage().size() != m.storage().size()) {
            out.add(
                    "result has "
                            + r.storage().size()
                            + " storage units, the market "
                            + m.storage().size());
        }
        Map<PeerId, double[]> device = new HashMap<>();
        for (Peer p : m.peers()) {
            double[] g = new double[periods];
            for (int t = 0; t < periods; t++) {
                g[t] = r.period(t).power(p.id().value());
            }
            device.put(p.id(), g);
        }
        for (Map.Entry<PeerId, Storage> e : m.storage().entrySet()) {
            String id = e.getKey().value();
            Storage s = e.getValue();
            StorageOutcome o = r.storage(id).orElse(null);
            if (o == null) {
                out.add("storage of " + id + " missing from the result");
                continue;
            }
            double keep = s.retention(dt), before = s.initialKwh();
            double[] g = device.get(e.getKey());
            for (int t = 0; t < periods; t++) {
                double c = o.chargeKw(t), d = o.dischargeKw(t), en = o.energyKwh(t);
                double expected =
                        keep * before
                                + dt * (s.chargeEfficiency() * c - d / s.dischargeEfficiency())
                                - s.usageKwh().at(t);
                check(
                        out,
                        Math.abs(en - expected),
                        tol,
                        id + " t=" + t + ": E = " + en + " but the balance gives " + expected);
                check(out, -c, tol, id + " t=" + t + ": charge " + c + " < 0");
                check(
                        out,
                        c - s.chargeKw().at(t),
                        tol,
                        id + " t=" + t + ": charge " + c + " above " + s.chargeKw().at(t));
                check(out, -d, tol, id + " t=" + t + ": discharge " + d + " < 0");
                check(
                        out,
                        d - s.dischargeKw().at(t),
                        tol,
                        id + " t=" + t + ": discharge " + d + " above " + s.dischargeKw().at(t));
                check(
                        out,
                        s.minKwh() - en,
                        tol,
                        id + " t=" + t + ": E = " + en + " below minKwh " + s.minKwh());
                check(
                        out,
                        en - s.capacityKwh(),
                        tol,
                        id + " t=" + t + ": E = " + en + " above capacity " + s.capacityKwh());
                g[t] = g[t] - d + c;
                before = en;
            }
            for (var target : s.targets()) {
                double en = o.energyKwh(target.period());
                check(
                        out,
                        target.minKwh() - en,
                        tol,
                        id + ": E = " + en + " misses its target " + target);
            }
        }
        for (int t = 0; t < periods; t++) {
            Market mt = m.period(t);
            MarketResult rt = r.period(t);
            Map<PeerId, Double> sums = new HashMap<>();
            double total = 0;
            for (Trade tr : rt.trades()) {
                String where = "t=" + t + " trade " + tr.seller() + " -> " + tr.buyer();
                Peer s = mt.peer(tr.seller()).orElse(null), b = mt.peer(tr.buyer()).orElse(null);
                if (s == null
                        || b == null
                        || !s.role().canSell()
                        || !b.role().canBuy()
                        || !mt.mayTrade(s.id(), b.id())) {
                    out.add(where + ": not an allowed trade");
                }
                check(out, -tr.quantity(), tol, where + ": quantity " + tr.quantity() + " < 0");
                sums.merge(tr.seller(), tr.quantity(), Double::sum);
                sums.merge(tr.buyer(), -tr.quantity(), Double::sum);
            }
            for (PeerOutcome o : rt.peers()) {
                double traded = sums.getOrDefault(o.id(), 0.0);
                check(
                        out,
                        Math.abs(o.power() - traded),
                        tol,
                        "t="
                                + t
                                + " peer "
                                + o.id()
                                + ": power "
                                + o.power()
                                + " but its trades sum to "
                                + traded);
                total += o.power();
            }
            check(
                    out,
                    Math.abs(total),
                    tol * Math.max(1, mt.peers().size()),
                    "t=" + t + ": net powers sum to " + total);
            for (Peer p : mt.peers()) {
                double g = device.get(p.id())[t];
                check(
                        out,
                        p.power().min() - g,
                        tol,
                        "t="
                                + t
                                + " peer "
                                + p.id()
                                + ": device power "
                                + g
                                + " below "
                                + p.power().min());
                check(
                        out,
                        g - p.power().max(),
                        tol,
                        "t="
                                + t
                                + " peer "
                                + p.id()
                                + ": device power "
                                + g
                                + " above "
                                + p.power().max());
            }
        }
        for (Map.Entry<PeerId, Ramp> e : m.ramps().entrySet()) {
            Ramp ramp = e.getValue();
            double[] g = device.get(e.getKey());
            for (int t = 0; t < periods; t++) {
                if (t == 0 && !ramp.hasInitial()) {
                    continue;
                }
                double prev = t == 0 ? ramp.initialKw() : g[t - 1];
                String where = e.getKey() + " t=" + t + ": ramp from " + prev + " to " + g[t];
                if (ramp.limitsUp()) {
                    check(
                            out,
                            g[t] - prev - ramp.upKw(),
                            tol,
                            where + " exceeds up " + ramp.upKw());
                }
                if (ramp.limitsDown()) {
                    check(
                            out,
                            prev - g[t] - ramp.downKw(),
                            tol,
                            where + " exceeds down " + ramp.downKw());
                }
            }
        }
        for (Map.Entry<PeerId, List<EnergyWindow>> e : m.energyWindows().entrySet()) {
            double[] g = device.get(e.getKey());
            for (EnergyWindow w : e.getValue()) {
                double energy = 0;
                for (int t = w.from(); t <= w.to(); t++) {
                    energy += dt * g[t];
                }
                String where = e.getKey() + " window " + w + ": energy " + energy;
                if (w.hasMin()) {
                    check(
                            out,
                            w.minKwh() - energy,
                            tol * (w.to() - w.from() + 1),
                            where + " below min");
                }
                if (w.hasMax()) {
                    check(
                            out,
                            energy - w.maxKwh(),
                            tol * (w.to() - w.from() + 1),
                            where + " above max");
                }
            }
        }
        return out;
    }

    /**
     * Clears {@code m} with {@code structured-ipm} at its default options, asserts {@code OPTIMAL}
     * and {@link #assertConsistent} at {@code tol} (kW, kWh), and returns the result.
     */
    static MultiPeriodResult solvedOptimal(MultiPeriodMarket m, double tol) {
        MultiPeriodResult r =
                MultiPeriodClearing.clear(m, new StructuredIpmSolver(), SolverOptions.DEFAULTS);
        assertEquals(Status.OPTIMAL, r.status(), r.message());
        assertConsistent(m, r, tol);
        return r;
    }

    /** Asserts that {@link #violations} is empty, listing every violation. */
    static void assertConsistent(MultiPeriodMarket m, MultiPeriodResult r, double tol) {
        List<String> v = violations(m, r, tol);
        if (!v.isEmpty()) {
            throw new AssertionError(
                    m
                            + " ("
                            + v.size()
                            + " violations, tol "
                            + tol
                            + "):\n  "
                            + String.join("\n  ", v.subList(0, Math.min(20, v.size()))));
        }
    }

    private static void check(List<String> out, double violation, double tol, String what) {
        if (!(violation <= tol)) {
            out.add(what + " (by " + violation + ")");
        }
    }
}
