package org.gridbazaar.formulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridbazaar.grid.RadialFeeder;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.result.LineFlow;
import org.gridbazaar.result.MarketResult;
import org.gridbazaar.result.NetworkOutcome;
import org.gridbazaar.result.PeerOutcome;
import org.gridbazaar.result.SolverStats;
import org.gridbazaar.result.Status;
import org.gridbazaar.result.Termination;
import org.gridbazaar.result.Trade;

/**
 * A market together with its {@link MarketProblem} and the map between them: which node is which
 * peer's power or heat, which arc is which directed trade. Reads a {@link ProblemSolution} back as
 * a {@link MarketResult} keyed by peer ids.
 */
public final class FormulatedMarket {

    /**
     * Relative size below which a net trade is left out of results: relative to the smaller of its
     * two peers' largest bound magnitudes (the most either could trade), not to the market's
     * largest bound, so that one huge but slack bound does not hide every trade.
     */
    public static final double TRADE_REPORT_TOLERANCE = 1e-9;

    private final Market market;
    private final MarketProblem problem;
    private final int[] powerNode, heatNode;
    private final int[][] arcPeers;
    private final int[] arcCommodity;
    private final RadialFeeder feeder;
    private final int[][] limitRows;

    /** Per arc: its group (see {@link #groupArcs}); per group: lower and higher peer, commodity. */
    private final int[] arcGroup, groupLow, groupHigh, groupCommodity;

    /** The problem's node bounds, kW. */
    private final double[] lower, upper;

    FormulatedMarket(
            Market market,
            MarketProblem problem,
            int[] powerNode,
            int[] heatNode,
            List<int[]> arcPeers,
            List<Integer> arcCommodity,
            RadialFeeder feeder,
            List<int[]> limitRows) {
        this.limitRows = limitRows.toArray(int[][]::new);
        this.market = market;
        this.problem = problem;
        this.lower = problem.lower();
        this.upper = problem.upper();
        this.powerNode = powerNode;
        this.heatNode = heatNode;
        this.arcPeers = arcPeers.toArray(int[][]::new);
        this.arcCommodity = arcCommodity.stream().mapToInt(Integer::intValue).toArray();
        this.feeder = feeder;
        this.arcGroup = groupArcs(market.peers().size());
        int groups = 0;
        for (int g : arcGroup) {
            groups = Math.max(groups, g + 1);
        }
        groupLow = new int[groups];
        groupHigh = new int[groups];
        groupCommodity = new int[groups];
        for (int t = 0; t < arcGroup.length; t++) {
            int g = arcGroup[t];
            groupLow[g] = Math.min(this.arcPeers[t][0], this.arcPeers[t][1]);
            groupHigh[g] = Math.max(this.arcPeers[t][0], this.arcPeers[t][1]);
            groupCommodity[g] = this.arcCommodity[t];
        }
    }

    /** The market. */
    public Market market() {
        return market;
    }

    /** The problem to hand to a solver. */
    public MarketProblem problem() {
        return problem;
    }

    /** The node of peer {@code i}'s power injection. */
    public int powerNode(int peer) {
        return powerNode[peer];
    }

    /** The node of peer {@code i}'s heat injection, or -1. */
    public int heatNode(int peer) {
        return heatNode[peer];
    }

    /** The indexed feeder, when the market has a network. */
    public Optional<RadialFeeder> feeder() {
        return Optional.ofNullable(feeder);
    }

    /**
     * Reads a solution back as a result keyed by peer ids, with the solver's message.
     *
     * <p>A result never claims a solution it cannot state: when the solver's primal point
     * (set-points or trades) holds a value that is not finite, or the objective evaluated at it is
     * not finite (an overflow), the result has status {@link Status#NUMERICAL_ERROR}, no solution
     * and a message saying what was not finite, whatever status the solver reported.
     */
    public MarketResult result(ProblemSolution s) {
        SolverStats stats =
                new SolverStats(
                        s.solver(),
                        s.iterations(),
                        s.seconds(),
                        s.primalResidual(),
                        s.dualResidual(),
                        s.dualityGap());
        if (!s.status().hasSolution() || !s.hasPoint()) {
            return new MarketResult(
                    market.name(),
                    Termination.withoutPoint(s.termination().reason(), s.message()),
                    Double.NaN,
                    List.of(),
                    List.of(),
                    List.of(),
                    Optional.empty(),
                    stats);
        }
        String trouble = firstNonFinite("set-point", s.x());
        if (trouble == null) {
            trouble = firstNonFinite("trade", s.f());
        }
        if (trouble == null) {
            double objective = problem.objective(s.x(), s.f());
            if (!Double.isFinite(objective)) {
                trouble =
                        "the objective at the solver's point is "
                                + objective
                                + " $ (it overflows the range of a double)";
            }
        }
        if (trouble != null) {
            String message =
                    trouble
                            + "; the solver reported "
                            + s.status()
                            + (s.message().isEmpty() ? "" : " (" + s.message() + ")")
                            + ", but there is no solution to report";
            return new MarketResult(
                    market.name(),
                    Termination.withoutPoint(Termination.Reason.NUMERICAL_ERROR, message),
                    Double.NaN,
                    List.of(),
                    List.of(),
                    List.of(),
                    Optional.empty(),
                    stats);
        }
        double[] x = s.x(), f = s.f(), y = s.y();
        double[] prices = s.arcPrices();
        double[] sellerCost = problem.sellerCost(), buyerCost = problem.buyerCost();
        double[] mu = s.couplingDuals();
        double[] charges = null;
        if (prices == null && mu.length > 0 && mu.length == problem.couplingConstraintCount()) {
            // with line limits the congestion rent sits between the two sides of a trade that
            // crosses a binding line: the nodal price is y - G'mu, and the trade's price is what
            // the
            // seller receives; the buyer pays it plus the congestion charge (see P2PFormulation)
            double[] nodal = y.clone();
            double[] gmu = new double[y.length];
            for (int c = 0; c < mu.length; c++) {
                int[] nodes = problem.couplingNodes(c);
                double[] g = problem.couplingCoefficients(c);
                for (int i = 0; i < nodes.length; i++) {
                    nodal[nodes[i]] -= g[i] * mu[c];
                    gmu[nodes[i]] += g[i] * mu[c];
                }
            }
            int[] tail = problem.tail(), head = problem.head();
            prices = new double[f.length];
            charges = new double[f.length];
            for (int t = 0; t < prices.length; t++) {
                prices[t] = nodal[tail[t]] + sellerCost[t];
                // sum_l mu_l dF_l: one kW from tail to head changes F_l by G_l,tail - G_l,head
                charges[t] = gmu[tail[t]] - gmu[head[t]];
            }
            y = nodal;
        }
        List<Peer> peers = market.peers();
        List<PeerOutcome> outcomes = new ArrayList<>(peers.size());
        for (int i = 0; i < peers.size(); i++) {
            Peer p = peers.get(i);
            double pw = x[powerNode[i]];
            double cost = p.power().cost().value(pw);
            double heat = Double.NaN, heatPrice = Double.NaN;
            if (heatNode[i] >= 0) {
                heat = x[heatNode[i]];
                heatPrice = p.heat().cost().marginal(heat);
                cost += p.heat().cost().value(heat);
            }
            outcomes.add(
                    new PeerOutcome(
                            p.id(), pw, heat, p.power().cost().marginal(pw), heatPrice, cost));
        }
        List<Trade> power =
                trades(MarketProblem.POWER, f, y, prices, charges, sellerCost, buyerCost);
        List<Trade> heat = trades(MarketProblem.HEAT, f, y, prices, null, sellerCost, buyerCost);
        double objective = problem.objective(x, f);
        Optional<NetworkOutcome> net = Optional.empty();
        if (feeder != null) {
            double[] powerOut = new double[peers.size()];
            for (int i = 0; i < powerOut.length; i++) {
                powerOut[i] = x[powerNode[i]];
            }
            net = Optional.of(networkOutcome(powerOut, lineShadowPrices(s)));
        }
        return new MarketResult(
                market.name(), s.termination(), objective, outcomes, power, heat, net, stats);
    }

    /** What the first value that is not finite is, or {@code null} when all are finite. */
    private static String firstNonFinite(String what, double[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                return "a "
                        + what
                        + " of the solver's point is "
                        + values[k]
                        + " (index "
                        + k
                        + ")";
            }
        }
        return null;
    }

    /**
     * Whether the problem enforces line capacities (see {@link P2PFormulation#withLineLimits()}).
     */
    public boolean enforcesLineLimits() {
        return limitRows.length > 0;
    }

    /**
     * Shadow price per line index ($/kW, signed as {@link LineFlow#shadowPrice()}): {@code NaN} for
     * lines without an enforced limit, all {@code NaN} when the solution has no coupling
     * multipliers.
     */
    private double[] lineShadowPrices(ProblemSolution s) {
        double[] out = new double[feeder.network().lines().size()];
        java.util.Arrays.fill(out, Double.NaN);
        double[] mu = s.couplingDuals();
        if (limitRows.length == 0 || mu.length != limitRows.length) {
            return out;
        }
        List<Line> lines = feeder.network().lines();
        for (int l = 0; l < out.length; l++) {
            if (!Double.isNaN(lines.get(l).capacityKw())) {
                out[l] = 0; // enforced; lines with no peer below can never bind
            }
        }
        for (int r = 0; r < limitRows.length; r++) {
            int l = limitRows[r][0];
            out[l] += limitRows[r][1] * mu[r];
        }
        return out;
    }

    /**
     * Line flows, losses and congestion implied by the peers' power injections (kW, market order).
     */
    public NetworkOutcome networkOutcome(double[] peerPowerKw) {
        return networkOutcome(peerPowerKw, null);
    }

    private NetworkOutcome networkOutcome(double[] peerPowerKw, double[] shadow) {
        if (feeder == null) {
            throw new IllegalStateException("market " + market.name() + " has no network");
        }
        double[] busInjection = new double[feeder.busCount()];
        List<Peer> peers = market.peers();
        for (int i = 0; i < peers.size(); i++) {
            busInjection[feeder.bus(peers.get(i).bus())] += peerPowerKw[i];
        }
        double[] flows = feeder.lineFlows(busInjection);
        List<Line> lines = feeder.network().lines();
        List<LineFlow> lineFlows = new ArrayList<>(lines.size());
        List<String> congested = new ArrayList<>();
        for (int l = 0; l < flows.length; l++) {
            Line line = lines.get(l);
            double cap = line.capacityKw();
            double loading = Double.isNaN(cap) ? Double.NaN : 100 * Math.abs(flows[l]) / cap;
            lineFlows.add(
                    new LineFlow(
                            line.id(), flows[l], loading, shadow == null ? Double.NaN : shadow[l]));
            if (!Double.isNaN(cap) && Math.abs(flows[l]) > cap * (1 + 1e-9)) {
                congested.add(line.id());
            }
        }
        List<String> penalized = market.congestionPenalty().map(c -> c.lines()).orElse(List.of());
        return new NetworkOutcome(
                lineFlows,
                feeder.lossEstimateKw(flows),
                congested,
                penalized,
                ac(busInjection, peerPowerKw));
    }

    /** The AC sweep of the set-points, reactive power from the peers' power factors. */
    private org.gridbazaar.result.AcOutcome ac(double[] busInjectionKw, double[] peerPowerKw) {
        double[] q = new double[feeder.busCount()];
        List<Peer> peers = market.peers();
        for (int i = 0; i < peers.size(); i++) {
            q[feeder.bus(peers.get(i).bus())] +=
                    market.powerFactor(peers.get(i).id()).reactiveKvar(peerPowerKw[i]);
        }
        for (int b = 0; b < q.length; b++) {
            if (!Double.isFinite(busInjectionKw[b]) || !Double.isFinite(q[b])) {
                // a finite set-point times a power factor's tan(acos(pf)) can still overflow; the
                // sweep cannot start from it, so it is reported as not converged, not thrown
                return new org.gridbazaar.result.AcOutcome(
                        false,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        feeder.busName(b),
                        Double.NaN,
                        List.of());
            }
        }
        org.gridbazaar.grid.AcPowerFlowResult r =
                org.gridbazaar.grid.AcPowerFlow.DEFAULT.solve(feeder, busInjectionKw, q);
        List<String> violations = new ArrayList<>();
        for (org.gridbazaar.grid.AcPowerFlowResult.BusVoltage v : r.busVoltages()) {
            if (v.magnitudePu() < org.gridbazaar.result.AcOutcome.MIN_VOLTAGE_PU
                    || v.magnitudePu() > org.gridbazaar.result.AcOutcome.MAX_VOLTAGE_PU) {
                violations.add(v.bus());
            }
        }
        return new org.gridbazaar.result.AcOutcome(
                r.converged(),
                r.lossesKw(),
                r.lossesKvar(),
                r.minimumVoltage().magnitudePu(),
                r.minimumVoltage().bus(),
                r.maximumVoltage().magnitudePu(),
                violations,
                r.maximumVoltage().bus());
    }

    /**
     * Trades of one commodity; {@code charges} per arc (the congestion charge, $/kW) or {@code
     * null} when not known.
     */
    private List<Trade> trades(
            int commodity,
            double[] f,
            double[] y,
            double[] prices,
            double[] charges,
            double[] sellerCost,
            double[] buyerCost) {
        // net flow per unordered pair (arc group); remember the arc carrying the larger flow for
        // the price
        int groups = groupLow.length;
        double[] net = new double[groups],
                price = new double[groups],
                largest = new double[groups],
                charge = new double[groups];
        java.util.Arrays.fill(price, Double.NaN);
        java.util.Arrays.fill(charge, Double.NaN);
        java.util.Arrays.fill(largest, -1);
        for (int t = 0; t < arcPeers.length; t++) {
            if (arcCommodity[t] != commodity) {
                continue;
            }
            int i = arcPeers[t][0], j = arcPeers[t][1], g = arcGroup[t];
            net[g] += i < j ? f[t] : -f[t];
            if (f[t] > largest[g]) {
                largest[g] = f[t];
                price[g] =
                        prices != null
                                ? prices[t]
                                : 0.5
                                        * ((y[nodeOf(i, commodity)] + sellerCost[t])
                                                + (y[nodeOf(j, commodity)] - buyerCost[t]));
                charge[g] = charges != null ? charges[t] : Double.NaN;
            }
        }
        List<Trade> out = new ArrayList<>();
        List<Peer> peers = market.peers();
        for (int g = 0; g < groups; g++) {
            double v = net[g];
            if (groupCommodity[g] != commodity
                    || Math.abs(v)
                            <= TRADE_REPORT_TOLERANCE
                                    * Math.min(
                                            reach(groupLow[g], commodity),
                                            reach(groupHigh[g], commodity))) {
                continue;
            }
            PeerId a = peers.get(groupLow[g]).id(), b = peers.get(groupHigh[g]).id();
            out.add(
                    v > 0
                            ? new Trade(a, b, v, price[g], charge[g])
                            : new Trade(b, a, -v, price[g], charge[g]));
        }
        return out;
    }

    /**
     * Numbers the arcs' groups: the arcs of one commodity between the same two peers (both
     * directions) form a group, and groups are numbered in the order of their first arc. Linear in
     * arcs and peers (a counting sort by the lower peer), so that reading a result back costs no
     * hashing per arc. Sets {@link #arcGroup}, {@link #groupLow}, {@link #groupHigh} and {@link
     * #groupCommodity}.
     */
    private int[] groupArcs(int peerCount) {
        int arcs = arcPeers.length;
        int[] start = new int[peerCount + 1];
        for (int[] ij : arcPeers) {
            start[Math.min(ij[0], ij[1]) + 1]++;
        }
        for (int k = 0; k < peerCount; k++) {
            start[k + 1] += start[k];
        }
        int[] byLow = new int[arcs];
        int[] fill = start.clone();
        for (int t = 0; t < arcs; t++) {
            byLow[fill[Math.min(arcPeers[t][0], arcPeers[t][1])]++] = t;
        }
        int[] first = new int[arcs];
        int[] seen = new int[2 * peerCount]; // (higher peer, commodity) -> first arc + 1 within
        // one bucket
        for (int lo = 0; lo < peerCount; lo++) {
            for (int k = start[lo]; k < start[lo + 1]; k++) {
                int t = byLow[k];
                int slot =
                        2 * Math.max(arcPeers[t][0], arcPeers[t][1])
                                + (arcCommodity[t] == MarketProblem.POWER ? 0 : 1);
                if (seen[slot] == 0) {
                    seen[slot] = t + 1;
                }
                first[t] = seen[slot] - 1;
            }
            for (int k = start[lo]; k < start[lo + 1]; k++) {
                int t = byLow[k];
                seen[
                                2 * Math.max(arcPeers[t][0], arcPeers[t][1])
                                        + (arcCommodity[t] == MarketProblem.POWER ? 0 : 1)] =
                        0;
            }
        }
        int[] group = new int[arcs];
        int count = 0;
        for (int t = 0; t < arcs; t++) {
            group[t] = first[t] == t ? count++ : group[first[t]];
        }
        return group;
    }

    /**
     * The most peer {@code peer} could trade of {@code commodity}: its largest bound magnitude, kW.
     */
    private double reach(int peer, int commodity) {
        int k = nodeOf(peer, commodity);
        return k < 0 ? 0 : Math.max(Math.abs(lower[k]), Math.abs(upper[k]));
    }

    private int nodeOf(int peer, int commodity) {
        return commodity == MarketProblem.POWER ? powerNode[peer] : heatNode[peer];
    }

    /** A result with no solution, for statuses decided before any solver ran. */
    public MarketResult withoutSolution(Status status, String solver) {
        return new MarketResult(
                market.name(),
                status,
                Double.NaN,
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                new SolverStats(solver, 0, 0, Double.NaN, Double.NaN, Double.NaN));
    }
}
