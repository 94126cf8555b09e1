package org.gridbazaar.formulation;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.horizon.Storage;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.StorageOutcome;
import org.gridbazaar.result.Termination;

/**
 * A market over time with its stacked {@link MarketProblem} (see {@link MultiPeriodFormulation})
 * and the maps between them. Reads a {@link ProblemSolution} of the stacked problem back as a
 * {@link MultiPeriodResult}: each period through that period's own {@link FormulatedMarket}, with
 * multipliers divided by the period length so that prices are in $/kWh.
 */
public final class FormulatedMultiPeriodMarket {

    private final MultiPeriodMarket market;
    private final List<FormulatedMarket> periods;
    private final MarketProblem problem;
    private final int[][] nodeOf, arcOf;
    private final int[][] charge, discharge, energy, device;

    /** Index of period {@code t}'s first coupling row in the stacked problem. */
    private final int[] firstCoupling;

    FormulatedMultiPeriodMarket(
            MultiPeriodMarket market,
            List<FormulatedMarket> periods,
            MarketProblem problem,
            int[][] nodeOf,
            int[][] arcOf,
            int[][] charge,
            int[][] discharge,
            int[][] energy,
            int[][] device) {
        this.market = market;
        this.periods = List.copyOf(periods);
        this.problem = problem;
        this.nodeOf = nodeOf;
        this.arcOf = arcOf;
        this.charge = charge;
        this.discharge = discharge;
        this.energy = energy;
        this.device = device;
        this.firstCoupling = new int[this.periods.size() + 1];
        for (int t = 0; t < this.periods.size(); t++) {
            firstCoupling[t + 1] =
                    firstCoupling[t] + this.periods.get(t).problem().couplingConstraintCount();
        }
    }

    /** The market. */
    public MultiPeriodMarket market() {
        return market;
    }

    /** The stacked problem to hand to a solver. */
    public MarketProblem problem() {
        return problem;
    }

    /** The formulated market of period {@code t} (its own single-period problem and maps). */
    public FormulatedMarket period(int t) {
        return periods.get(t);
    }

    /** The stacked node of period {@code t}'s node {@code k}. */
    public int stackedNode(int t, int k) {
        return nodeOf[t][k];
    }

    /** The stacked arc of period {@code t}'s arc {@code a}. */
    public int stackedArc(int t, int a) {
        return arcOf[t][a];
    }

    /**
     * The part of a solution of the stacked problem that belongs to period {@code t}, as a solution
     * of that period's own problem: set-points, trades, and multipliers divided by the period
     * length ($/kWh). Storage peers' set-points are their net power.
     */
    public ProblemSolution periodSolution(ProblemSolution s, int t) {
        double dt = market.hoursPerPeriod();
        double[] x = s.x(), f = s.f(), y = s.y();
        int[] nodes = nodeOf[t], arcs = arcOf[t];
        double[] xt = new double[nodes.length],
                yt = new double[nodes.length],
                ft = new double[arcs.length];
        for (int k = 0; k < nodes.length; k++) {
            xt[k] = x[nodes[k]];
            yt[k] = y.length == x.length ? y[nodes[k]] / dt : Double.NaN;
        }
        for (int a = 0; a < arcs.length; a++) {
            ft[a] = f[arcs[a]];
        }
        double[] prices = null;
        if (s.arcPrices() != null) {
            double[] all = s.arcPrices();
            prices = new double[arcs.length];
            for (int a = 0; a < arcs.length; a++) {
                prices[a] = all[arcs[a]] / dt;
            }
        }
        ProblemSolution out =
                ProblemSolution.of(
                                s.status(),
                                xt,
                                ft,
                                yt,
                                prices,
                                s.solver(),
                                s.iterations(),
                                s.seconds(),
                                s.primalResidual(),
                                s.dualResidual(),
                                s.dualityGap(),
                                List.of(),
                                s.message())
                        .withTermination(s.termination());
        MarketProblem q = periods.get(t).problem();
        double[] mu = s.couplingDuals();
        if (q.couplingConstraintCount() > 0 && mu.length == problem.couplingConstraintCount()) {
            int first = firstCoupling[t];
            double[] mut = new double[q.couplingConstraintCount()];
            for (int r = 0; r < mut.length; r++) {
                mut[r] = mu[first + r] / dt;
            }
            out = out.withCouplingDuals(mut);
        }
        return out;
    }

    /**
     * Reads a solution of the stacked problem back as a result over the horizon.
     *
     * <p>Each period's result comes from its own {@link FormulatedMarket}; for a peer with storage
     * the set-point stays its net power {@code P_t} while its price, cost and share of the
     * objective are those of its device power {@code g_t}. Period objectives are in $ (the period's
     * costs times {@code dt}); the horizon objective is their sum plus throughput costs, the
     * stacked problem's objective at the point.
     */
    public MultiPeriodResult result(ProblemSolution s) {
        double dt = market.hoursPerPeriod();
        SolverStats stats =
                new SolverStats(
                        s.solver(),
                        s.iterations(),
                        s.seconds(),
                        s.primalResidual(),
                        s.dualResidual(),
                        s.dualityGap());
        if (!s.status().hasSolution() || !s.hasPoint()) {
            return new MultiPeriodResult(
                    market.name(),
                    Termination.withoutPoint(s.termination().reason(), s.message()),
                    Double.NaN,
                    dt,
                    List.of(),
                    List.of(),
                    stats);
        }
        double[] z = s.privateVariables();
        List<Peer> peers = market.peers();
        List<MarketResult> out = new ArrayList<>(market.periodCount());
        for (int t = 0; t < market.periodCount(); t++) {
            MarketResult r = periods.get(t).result(periodSolution(s, t));
            if (!r.status().hasSolution()) {
                // the point was not finite: the horizon has no solution to report either
                return new MultiPeriodResult(
                        market.name(),
                        r.termination(),
                        Double.NaN,
                        dt,
                        List.of(),
                        List.of(),
                        stats);
            }
            out.add(withDevicePower(r, t, z, peers, dt));
        }
        List<StorageOutcome> storage = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            if (charge[i] != null) {
                int T = market.periodCount();
                double[] c = new double[T], d = new double[T], e = new double[T];
                for (int t = 0; t < T; t++) {
                    c[t] = z[charge[i][t]];
                    d[t] = z[discharge[i][t]];
                    e[t] = z[energy[i][t]];
                }
                storage.add(new StorageOutcome(peers.get(i).id(), c, d, e));
            }
        }
        double objective = problem.objective(s.x(), z, s.f());
        return new MultiPeriodResult(
                market.name(), s.termination(), objective, dt, out, storage, stats);
    }

    /**
     * Period result with storage peers' price and cost at their device power, and the objective in
     * $.
     */
    private MarketResult withDevicePower(
            MarketResult r, int t, double[] z, List<Peer> peers, double dt) {
        List<PeerOutcome> outcomes = new ArrayList<>(r.peers());
        double objective = r.objective();
        for (int i = 0; i < peers.size(); i++) {
            Storage unit = market.storage().get(peers.get(i).id());
            if (unit == null) {
                continue;
            }
            PeerOutcome o = outcomes.get(i);
            QuadraticCost cost = market.period(t).peers().get(i).power().cost();
            double g = z[-2 - device[i][t]];
            double heatCost =
                    Double.isNaN(o.heat())
                            ? 0
                            : market.period(t).peers().get(i).heat().cost().value(o.heat());
            objective += cost.value(g) - cost.value(o.power());
            outcomes.set(
                    i,
                    new PeerOutcome(
                            o.id(),
                            o.power(),
                            o.heat(),
                            cost.marginal(g),
                            o.heatPrice(),
                            cost.value(g) + heatCost));
        }
        return new MarketResult(
                r.caseName(),
                r.termination(),
                dt * objective,
                outcomes,
                r.trades(),
                r.heatTrades(),
                r.network(),
                r.solver());
    }
}
