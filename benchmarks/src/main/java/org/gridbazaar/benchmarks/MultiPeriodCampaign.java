package org.gridbazaar.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.model.CongestionPenalty;
import org.gridbazaar.model.Market;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;
import org.gridbazaar.solver.UnsupportedProblemException;
import org.gridbazaar.testkit.RandomHorizons;

/**
 * A robustness campaign of the default solver on markets over time: every seed of a range of {@link
 * RandomHorizons} markets (all of them feasible by construction) with storage, electric vehicles,
 * ramps, energy windows, radial networks with penalties (on every odd seed with a network, the
 * congestion penalty made automatic: {@link #withAutoCongestion}), heat and CHP regions, up to
 * {@code MAX_PEERS} peers and {@code MAX_PERIODS} periods of 1, 0.5 or 0.25 h, cleared by {@code
 * structured-ipm}. Every answer other than {@code OPTIMAL} is a defect and is listed with its seed
 * and message. Where the market is small enough ({@code peers x periods <= CROSS_CHECK} cells), it
 * is also cleared by {@code ojalgo-qp}, links and all, and the objectives must agree to 1e-6
 * relative; a non-{@code OPTIMAL} answer of {@code ojalgo-qp} is counted, not a defect, and so is
 * its refusal of a market above its size limit.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar org.gridbazaar.benchmarks.MultiPeriodCampaign
 * FIRST_SEED LAST_SEED [MAX_PEERS [MAX_PERIODS [CROSS_CHECK]]]} (defaults 150, 48, 400); one line
 * per seed (status, iterations, thread CPU seconds), then the defects. Exits with status 1 when
 * there is one.
 */
public final class MultiPeriodCampaign {

    private MultiPeriodCampaign() {}

    /** Relative objective agreement required between structured-ipm and ojalgo-qp. */
    static final double AGREEMENT = 1e-6;

    /**
     * On every odd seed whose market has a network, its congestion penalty (or one of 0.01 $/kW)
     * made automatic: penalized lines are those over capacity without it, found per period.
     */
    static MultiPeriodMarket withAutoCongestion(MultiPeriodMarket m, long seed) {
        if (seed % 2 == 0 || m.period(0).network().isEmpty()) {
            return m;
        }
        return m.withPeriods(
                t -> {
                    Market p = m.period(t);
                    double beta = p.congestionPenalty().map(CongestionPenalty::beta).orElse(0.01);
                    return p.toBuilder().congestionPenalty(CongestionPenalty.auto(beta)).build();
                });
    }

    public static void main(String[] args) {
        long first = Long.parseLong(args[0]), last = Long.parseLong(args[1]);
        int maxPeers = args.length > 2 ? Integer.parseInt(args[2]) : 150;
        int maxPeriods = args.length > 3 ? Integer.parseInt(args[3]) : 48;
        int crossCheck = args.length > 4 ? Integer.parseInt(args[4]) : 400;
        RandomHorizons.Spec spec =
                new RandomHorizons.Spec(2, maxPeers, maxPeriods, true, true, true, true);
        MarketSolver solver = Solvers.defaultSolver();
        MarketSolver reference = Solvers.require("ojalgo-qp");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<String> defects = new ArrayList<>();
        double cpuTotal = 0;
        int crossChecked = 0, referenceFailures = 0, refused = 0;
        for (long seed = first; seed <= last; seed++) {
            MultiPeriodMarket m = withAutoCongestion(RandomHorizons.generate(seed, spec), seed);
            long cpu = threads.getCurrentThreadCpuTime();
            MultiPeriodResult r;
            try {
                r = MultiPeriodClearing.clear(m, solver, SolverOptions.DEFAULTS);
            } catch (RuntimeException e) {
                defects.add("seed " + seed + ": threw " + e);
                System.out.printf(Locale.ROOT, "seed %d: threw %s%n", seed, e);
                continue;
            }
            double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            cpuTotal += seconds;
            int peers = m.peers().size();
            String line =
                    String.format(
                            Locale.ROOT,
                            "seed %d: %d peers, %d x %.2f h, %d storage, %d ramps, %d windowed:"
                                    + " %s in %d iterations, %.2f s CPU, objective %.9e",
                            seed,
                            peers,
                            m.periodCount(),
                            m.hoursPerPeriod(),
                            m.storage().size(),
                            m.ramps().size(),
                            m.energyWindows().size(),
                            r.status(),
                            r.solver().iterations(),
                            seconds,
                            r.objective());
            if (r.status() != Status.OPTIMAL) {
                defects.add("seed " + seed + ": " + r.status() + ": " + r.message());
                line += " -- " + r.message();
            }
            if (peers * m.periodCount() <= crossCheck) {
                // the same market, links and all, cleared by ojalgo-qp (peer blocks included);
                // a market above its size limit is counted as refused, not cross-checked
                MultiPeriodResult b;
                try {
                    b = MultiPeriodClearing.clear(m, reference, SolverOptions.DEFAULTS);
                } catch (UnsupportedProblemException e) {
                    refused++;
                    System.out.println(line + "; ojalgo-qp refused: " + e.getMessage());
                    continue;
                }
                crossChecked++;
                double diff = Math.abs(r.objective() - b.objective());
                double scale = Math.max(1, Math.abs(b.objective()));
                line +=
                        String.format(
                                Locale.ROOT,
                                "; ojalgo-qp %s, objectives differ by %.1e relative",
                                b.status(),
                                diff / scale);
                if (b.status() != Status.OPTIMAL) {
                    line += " (ojalgo-qp: " + b.message() + ")";
                    referenceFailures++;
                } else if (r.status() == Status.OPTIMAL && !(diff <= AGREEMENT * scale)) {
                    defects.add(
                            String.format(
                                    Locale.ROOT,
                                    "seed %d: objective %.9e, ojalgo-qp %.9e",
                                    seed,
                                    r.objective(),
                                    b.objective()));
                }
            }
            System.out.println(line);
        }
        System.out.printf(
                Locale.ROOT,
                "%d seeds (%d cross-checked against ojalgo-qp, which did not answer OPTIMAL on %d"
                        + " and refused %d more as too large), %.1f s CPU in the default"
                        + " solver's clearings; %d defects%n",
                last - first + 1,
                crossChecked,
                referenceFailures,
                refused,
                cpuTotal,
                defects.size());
        defects.forEach(System.out::println);
        if (!defects.isEmpty()) {
            System.exit(1);
        }
    }
}
