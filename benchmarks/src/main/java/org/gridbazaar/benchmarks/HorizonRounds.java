package org.gridbazaar.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.support.SeparableQp;
import org.gridbazaar.solver.support.SeparableQpSolver;

/**
 * The rounds of {@code admm} on a market over time ({@code
 * org.gridbazaar.solver.admm.internal.HorizonNegotiation}, not exported), rebuilt from the public
 * {@link MarketProblem} and {@link SeparableQpSolver} so that they can be timed where the solver's
 * own set-up cannot finish (its per-peer set-up reads {@link MarketProblem#tail()} and {@link
 * MarketProblem#head()}, each a copy of the whole arc array, once per arc: work proportional to
 * peers x arcs^2). Every round is the solver's: each peer builds its block over the horizon (its
 * nodes, private variables, one copy per arc it is an end of, capped at the least of its period's
 * supply and demand bounds; its balance and side rows with the same order keys) with the proximal
 * terms of the current prices, consensus trades and penalty, and solves it with a new {@link
 * SeparableQpSolver} at the local tolerance 1e-9; then consensus, prices and the max-norm residuals
 * relative to the problem's injection and price scales, and the residual balancing of the defaults
 * ({@link AdmmOptions#mu()}, {@link AdmmOptions#tau()} every 5 rounds). Not rebuilt: the
 * certificate (a feasible point and a lower bound), which the solver tries every 25 rounds and
 * whenever the residuals pass; it costs two more local solves per peer each time.
 *
 * <p>Units: trades in kW, prices in $/kW, penalty in $/kW^2; residuals relative (max-norm primal
 * residual over the injection scale, max-norm dual residual over the price scale), as in the
 * solver's trace.
 */
final class HorizonRounds {

    /** The local tolerance of the solver's peers at tolerances of 1e-6 and above. */
    static final double LOCAL_TOLERANCE = 1e-9;

    private final MarketProblem problem;
    private final AdmmOptions tuning;
    private final Block[] blocks;
    private final int[] sellerPeer, sellerSlot, buyerPeer, buyerSlot;
    private final double injScale, priceScale;
    private final boolean parallel;
    private double[] lambda, m;
    private double rho;
    private int round;

    /** What one round did: residuals, times and the work of the peers' local solves. */
    record Round(
            int round,
            double primal,
            double dual,
            double rho,
            double wallSeconds,
            double blockCpuSeconds,
            int localIterations,
            int notConverged,
            int warmStarted) {}

    HorizonRounds(MarketProblem problem, AdmmOptions tuning) {
        this.problem = problem;
        this.tuning = tuning;
        int na = problem.arcCount(), np = problem.peerCount();
        int[] tail = problem.tail(), head = problem.head(), nodePeer = problem.nodePeer();
        double[] b = problem.linear();
        List<List<Integer>> peerArcs = new ArrayList<>(), peerSides = new ArrayList<>();
        for (int i = 0; i < np; i++) {
            peerArcs.add(new ArrayList<>());
            peerSides.add(new ArrayList<>());
        }
        for (int a = 0; a < na; a++) {
            peerArcs.get(nodePeer[tail[a]]).add(a);
            if (nodePeer[head[a]] != nodePeer[tail[a]]) {
                peerArcs.get(nodePeer[head[a]]).add(a);
            }
        }
        for (int r = 0; r < problem.sideConstraintCount(); r++) {
            peerSides.get(problem.sidePeer(r)).add(r);
        }
        Data d = new Data(problem);
        blocks = new Block[np];
        for (int i = 0; i < np; i++) {
            blocks[i] = new Block(d, i, peerArcs.get(i), peerSides.get(i));
        }
        sellerPeer = new int[na];
        sellerSlot = new int[na];
        buyerPeer = new int[na];
        buyerSlot = new int[na];
        for (Block h : blocks) {
            for (int l = 0; l < h.arcs.length; l++) {
                int a = h.arcs[l];
                if (h.side[l] != Block.BUYS) {
                    sellerPeer[a] = h.peer;
                    sellerSlot[a] = l;
                }
                if (h.side[l] != Block.SELLS) {
                    buyerPeer[a] = h.peer;
                    buyerSlot[a] = l;
                }
            }
        }
        injScale = problem.injectionScale();
        priceScale = problem.priceScale();
        lambda = new double[na];
        m = new double[na];
        for (int a = 0; a < na; a++) {
            lambda[a] = 0.5 * (b[tail[a]] + b[head[a]]);
        }
        rho = tuning.rho0() * priceScale / injScale;
        parallel = tuning.threads() != 1 && np > 1;
    }

    /** Runs one round. */
    Round round() {
        long t0 = System.nanoTime();
        round++;
        int np = blocks.length, na = problem.arcCount();
        final double[] lam = lambda, mm = m;
        final double r = rho;
        IntStream range = IntStream.range(0, np);
        (parallel ? range.parallel() : range)
                .forEach(i -> blocks[i].respond(lam, r, mm, LOCAL_TOLERANCE));
        double rMax = 0, sMax = 0;
        double[] mNew = new double[na];
        for (int a = 0; a < na; a++) {
            double s = blocks[sellerPeer[a]].copy(sellerSlot[a]),
                    bu = blocks[buyerPeer[a]].copy(buyerSlot[a]);
            mNew[a] = 0.5 * (s + bu);
            if (sellerPeer[a] != buyerPeer[a] || sellerSlot[a] != buyerSlot[a]) {
                lambda[a] += rho * (bu - s) / 2;
            }
            rMax = Math.max(rMax, Math.abs(bu - s));
            sMax = Math.max(sMax, rho * Math.abs(mNew[a] - m[a]));
        }
        m = mNew;
        double primal = rMax / injScale, dual = sMax / priceScale, used = rho;
        if (tuning.adaptive() && round % 5 == 0 && round <= 2000) {
            rho *=
                    primal > tuning.mu() * dual
                            ? tuning.tau()
                            : dual > tuning.mu() * primal ? 1 / tuning.tau() : 1;
        }
        long cpu = 0;
        int iterations = 0, failed = 0, warmStarted = 0;
        for (Block h : blocks) {
            cpu += h.cpuNanos;
            iterations += h.iterations;
            failed += h.converged ? 0 : 1;
            warmStarted += h.warm ? 1 : 0;
        }
        return new Round(
                round,
                primal,
                dual,
                used,
                (System.nanoTime() - t0) / 1e9,
                cpu / 1e9,
                iterations,
                failed,
                warmStarted);
    }

    /** The peers' blocks (for the block-solve measurements). */
    Block[] blocks() {
        return blocks;
    }

    /** The problem's arrays, read once (each accessor of {@link MarketProblem} copies). */
    private static final class Data {
        final MarketProblem p;
        final int[] tail, head, nodePeer, period;
        final double[] lo, hi, qa, b, vlo, vhi, vq, vb, sc, bc, cap;

        Data(MarketProblem p) {
            this.p = p;
            tail = p.tail();
            head = p.head();
            nodePeer = p.nodePeer();
            period = p.nodePeriod();
            lo = p.lower();
            hi = p.upper();
            qa = p.quadratic();
            b = p.linear();
            vlo = p.variableLower();
            vhi = p.variableUpper();
            vq = p.variableQuadratic();
            vb = p.variableLinear();
            sc = p.sellerCost();
            bc = p.buyerCost();
            int periods = Math.max(1, p.periodCount());
            int[] commodity = p.nodeCommodity();
            double[] supply = new double[2 * periods], demand = new double[2 * periods];
            for (int k = 0; k < p.nodeCount(); k++) {
                int g = commodity[k] * periods + period[k];
                supply[g] += Math.max(0, hi[k]);
                demand[g] += Math.max(0, -lo[k]);
            }
            cap = new double[p.arcCount()];
            for (int a = 0; a < cap.length; a++) {
                int g = commodity[tail[a]] * periods + period[tail[a]];
                cap[a] = Math.min(supply[g], demand[g]);
            }
        }
    }

    /**
     * One peer's local problem over the horizon: variables (nodes, private variables, arc copies)
     * with bounds and separable costs, rows with their order keys; the arc copies' costs change
     * every round.
     */
    static final class Block {
        static final int SELLS = 1, BUYS = -1, BOTH = 0;
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        final int peer, nx, nz;
        final int[] arcs, side;
        final double[] ownCost, lo, hi, q, c;
        private final List<int[]> rowVars = new ArrayList<>();
        private final List<double[]> rowCoefs = new ArrayList<>();
        private final List<Double> rhs = new ArrayList<>();
        private final List<Boolean> equality = new ArrayList<>();
        private final List<Long> keys = new ArrayList<>();
        private double[] u;
        long cpuNanos;
        int iterations;
        boolean converged;

        Block(Data d, int peer, List<Integer> arcList, List<Integer> sides) {
            MarketProblem p = d.p;
            this.peer = peer;
            int[] nodes = p.nodesOfPeer(peer), vars = p.variablesOfPeer(peer);
            nx = nodes.length;
            nz = vars.length;
            arcs = arcList.stream().mapToInt(Integer::intValue).toArray();
            int nv = nx + nz + arcs.length;
            lo = new double[nv];
            hi = new double[nv];
            q = new double[nv];
            c = new double[nv];
            side = new int[arcs.length];
            ownCost = new double[arcs.length];
            java.util.Map<Integer, Integer> nodeLocal = new java.util.HashMap<>();
            java.util.Map<Integer, Integer> varLocal = new java.util.HashMap<>();
            for (int l = 0; l < nx; l++) {
                int k = nodes[l];
                nodeLocal.put(k, l);
                lo[l] = d.lo[k];
                hi[l] = d.hi[k];
                q[l] = d.qa[k];
                c[l] = d.b[k];
            }
            for (int l = 0; l < nz; l++) {
                int v = vars[l];
                varLocal.put(v, nx + l);
                lo[nx + l] = d.vlo[v];
                hi[nx + l] = d.vhi[v];
                q[nx + l] = d.vq[v];
                c[nx + l] = d.vb[v];
            }
            List<List<Integer>> rv = new ArrayList<>();
            List<List<Double>> rc = new ArrayList<>();
            for (int l = 0; l < nx; l++) {
                rv.add(new ArrayList<>(List.of(l)));
                rc.add(new ArrayList<>(List.of(1.0)));
            }
            for (int l = 0; l < arcs.length; l++) {
                int a = arcs[l], j = nx + nz + l;
                Integer tl = nodeLocal.get(d.tail[a]), hl = nodeLocal.get(d.head[a]);
                side[l] = tl != null && hl != null ? BOTH : tl != null ? SELLS : BUYS;
                ownCost[l] =
                        side[l] == BOTH ? d.sc[a] + d.bc[a] : side[l] == SELLS ? d.sc[a] : d.bc[a];
                lo[j] = 0;
                hi[j] = d.cap[a];
                if (tl != null) {
                    rv.get(tl).add(j);
                    rc.get(tl).add(-1.0);
                }
                if (hl != null) {
                    rv.get(hl).add(j);
                    rc.get(hl).add(1.0);
                }
            }
            for (int l = 0; l < nx; l++) {
                row(
                        rv.get(l).stream().mapToInt(Integer::intValue).toArray(),
                        rc.get(l).stream().mapToDouble(Double::doubleValue).toArray(),
                        true,
                        0,
                        4L * d.period[nodes[l]]);
            }
            int periods = Math.max(1, p.periodCount());
            for (int r : sides) {
                int[] sn = p.sideNodes(r), sv = p.sideVariables(r);
                double[] cn = p.sideCoefficients(r), cv = p.sideVariableCoefficients(r);
                int[] vs = new int[sn.length + sv.length];
                double[] cs = new double[vs.length];
                int minP = Integer.MAX_VALUE, maxP = Integer.MIN_VALUE;
                for (int l = 0; l < sn.length; l++) {
                    vs[l] = nodeLocal.get(sn[l]);
                    cs[l] = cn[l];
                    minP = Math.min(minP, d.period[sn[l]]);
                    maxP = Math.max(maxP, d.period[sn[l]]);
                }
                for (int l = 0; l < sv.length; l++) {
                    vs[sn.length + l] = varLocal.get(sv[l]);
                    cs[sn.length + l] = cv[l];
                    minP = Math.min(minP, p.variablePeriod(sv[l]));
                    maxP = Math.max(maxP, p.variablePeriod(sv[l]));
                }
                long key = vs.length == 0 ? 0 : maxP - minP <= 1 ? 4L * maxP + 1 : 4L * periods + 1;
                row(vs, cs, p.sideIsEquality(r), p.sideRhs(r), key);
            }
        }

        private void row(int[] vars, double[] coefs, boolean eq, double right, long key) {
            rowVars.add(vars);
            rowCoefs.add(coefs);
            rhs.add(right);
            equality.add(eq);
            keys.add(key);
        }

        /** The block with the current costs. */
        SeparableQp build() {
            SeparableQp.Builder b = SeparableQp.builder();
            for (int j = 0; j < lo.length; j++) {
                b.variable(lo[j], hi[j], q[j], c[j]);
            }
            for (int r = 0; r < rhs.size(); r++) {
                b.row(rowVars.get(r), rowCoefs.get(r), equality.get(r), rhs.get(r), keys.get(r));
            }
            return b.build();
        }

        /** The last solve's outcome, and whether it came from the warm start. */
        SeparableQpSolver.Outcome last;

        /** Forgets the last outcome: the next solve is by the interior point from scratch. */
        void forget() {
            last = null;
        }

        boolean warm;

        /** Sets the arc copies' proximal costs, then builds and solves the block (timed). */
        void respond(double[] lambda, double rho, double[] m, double tol) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            for (int l = 0; l < arcs.length; l++) {
                int a = arcs[l], j = nx + nz + l;
                if (side[l] == BOTH) {
                    q[j] = 0;
                    c[j] = ownCost[l];
                } else {
                    q[j] = rho;
                    c[j] = ownCost[l] - side[l] * lambda[a] - rho * m[a];
                }
            }
            // as the solver does: from the last round's active set, the interior point when that
            // guess leads to no answer
            SeparableQp problem = build();
            SeparableQpSolver.Outcome o =
                    last != null && last.stop == SeparableQpSolver.Stop.CONVERGED
                            ? SeparableQpSolver.solveFrom(problem, last, tol)
                            : null;
            warm = o != null;
            if (o == null) {
                o =
                        new SeparableQpSolver(problem)
                                .solve(
                                        tol,
                                        200,
                                        Double.POSITIVE_INFINITY,
                                        SeparableQpSolver.Monitor.NONE);
            }
            last = o;
            u = o.u.clone();
            for (int j = 0; j < u.length; j++) {
                u[j] = Math.min(Math.max(u[j], lo[j]), hi[j]);
            }
            iterations = o.iterations;
            converged = o.stop == SeparableQpSolver.Stop.CONVERGED;
            cpuNanos = THREADS.getCurrentThreadCpuTime() - c0;
        }

        /** The peer's copy of its {@code l}-th arc from its last solve. */
        double copy(int l) {
            return u[nx + nz + l];
        }

        /** Variables of the block. */
        int variables() {
            return lo.length;
        }

        /** Rows of the block. */
        int rows() {
            return rhs.size();
        }
    }
}
