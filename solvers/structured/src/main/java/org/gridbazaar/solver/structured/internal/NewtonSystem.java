package org.gridbazaar.solver.structured.internal;

import static org.gridbazaar.solver.structured.internal.IpmProblem.maxNaN;

/**
 * The interior point's Newton directions, by reduction to node prices. Each iteration {@link
 * #factor} eliminates the arc flows through their diagonal barrier terms ({@code sigma = zf/f} plus
 * a primal regularisation of {@code 1e-11} price scale over injection scale, which caps the weights
 * {@code 1/sigma} that blow up on arcs carrying flow as {@code mu -> 0}) and each peer's injections
 * through its small block ({@link PeerBlocks}), leaving {@code (B^-1 + N S^-1 N') dy = r}, which a
 * {@link ReducedSystem} factorises and solves. {@link #solve} forms that right-hand side from the
 * {@link Residuals} and the {@link ComplementarityTargets}, recovers the whole {@link Direction}
 * from {@code dy}, and refines it against the unreduced equations. One instance per run.
 */
final class NewtonSystem {

    private final IpmProblem p;
    private final ReducedSystem reduced;
    private final PeerBlocks blocks;
    private final CouplingBorder border;
    private final int n, r;
    private final boolean[] fixed;
    private final double[] a, lo, hi;
    private final int[][] sideNodes;
    private final double[][] sideCoef;
    private final int[] coupling;

    /** Primal regularisation of the arc barriers, $/kW^2. */
    private final double regF;

    // per iteration: sigma, 1/f and 1/sigma per arc (products instead of divisions in the passes
    // over arcs)
    private double[] sigmaF, invF, invSigma;
    // work vectors of the direction solves, allocated once per run (per-arc ones again after
    // pruning)
    private final double[] rhoX, hr, tmp, gtdz, ex, ep, eg, zeroN, zeroR, rhs, sol;
    private double[] rhoF, ef;
    private Direction correction;

    /**
     * The Newton system of {@code p} over {@code arcs} arcs, solved by {@code reduced}, with the
     * problem's {@code scales}.
     */
    NewtonSystem(IpmProblem p, int arcs, ReducedSystem reduced, Scales scales) {
        this.p = p;
        this.reduced = reduced;
        n = p.n;
        r = p.r;
        fixed = p.fixed;
        a = p.a;
        lo = p.lo;
        hi = p.hi;
        sideNodes = p.sideNodes;
        sideCoef = p.sideCoef;
        coupling = p.coupling;
        blocks = new PeerBlocks(p);
        border = new CouplingBorder(p);
        regF = 1e-11 * scales.price() / scales.quantity();
        int nm = n + coupling.length;
        rhs = new double[nm];
        sol = new double[nm];
        rhoX = new double[n];
        hr = new double[n];
        tmp = new double[n];
        gtdz = new double[n];
        ex = new double[n];
        ep = new double[n];
        eg = new double[r];
        zeroN = new double[n];
        zeroR = new double[r];
        arcsChanged(arcs);
    }

    /** The run now has {@code arcs} arcs (arc pruning): the per-arc work follows. */
    void arcsChanged(int arcs) {
        sigmaF = new double[arcs];
        invF = new double[arcs];
        invSigma = new double[arcs];
        rhoF = new double[arcs];
        ef = new double[arcs];
        correction = new Direction(n, arcs, r);
    }

    /**
     * Block inverses, arc weights and the coupling border at {@code it}, and the reduced system's
     * factorisation; false when the reduced matrix is not numerically positive definite.
     */
    boolean factor(Iterate it) {
        blocks.invert(it);
        int m = it.arcs.m;
        double[] f = it.f, zf = it.zf;
        for (int t = 0; t < m; t++) {
            // primal regularisation caps the arc weights 1/sigma that blow up on positive
            // arcs as mu -> 0; refinement below removes most of the perturbation
            invF[t] = 1 / f[t];
            sigmaF[t] = zf[t] * invF[t] + regF;
            invSigma[t] = 1 / sigmaF[t];
        }
        if (coupling.length > 0) {
            border.prepare(blocks, it.sg, it.zg);
        }
        return reduced.factor(blocks, it.arcs, sigmaF, invSigma, border);
    }

    /**
     * Solves the Newton system at {@code it} for the residuals {@code res} and the complementarity
     * targets {@code c} into {@code d}, and refines the solution twice against the unreduced
     * equations: eliminating the arcs divides by barrier terms that span many orders of magnitude
     * near the optimum, and one refinement step restores the balance equations to rounding level.
     */
    void solve(Direction d, Iterate it, Residuals res, ComplementarityTargets c) {
        double[] rdx = res.rdx, rdf = res.rdf, rp = res.rp, rg = res.rg;
        solveDirection(d, it, rdx, rdf, rp, rg, c.rcl, c.rcu, c.rcf, c.rcg, false);
        int m = it.arcs.m;
        int[] tail = it.arcs.tail, head = it.arcs.head;
        Direction e = correction;
        double[] ex = this.ex, ef = this.ef, ep = this.ep, eg = this.eg, gtdz = this.gtdz;
        for (int pass = 0; pass < 2; pass++) {
            java.util.Arrays.fill(gtdz, 0);
            for (int s = 0; s < r; s++) {
                for (int i = 0; i < sideNodes[s].length; i++) {
                    gtdz[sideNodes[s][i]] += sideCoef[s][i] * d.dzg[s];
                }
            }
            double dualError = 0, sideError = 0;
            for (int k = 0; k < n; k++) {
                ex[k] =
                        fixed[k]
                                ? 0
                                : rdx[k] + a[k] * d.dx[k] - d.dy[k] - d.dzl[k] + d.dzu[k] + gtdz[k];
                ep[k] = rp[k] + d.dx[k];
                dualError = maxNaN(dualError, Math.abs(ex[k]));
            }
            for (int t = 0; t < m; t++) {
                ef[t] = rdf[t] + d.dy[tail[t]] - d.dy[head[t]] - d.dzf[t];
                ep[tail[t]] -= d.df[t];
                ep[head[t]] += d.df[t];
                dualError = maxNaN(dualError, Math.abs(ef[t]));
            }
            for (int s = 0; s < r; s++) {
                eg[s] = rg[s] + p.dotSide(s, d.dx) + d.dsg[s];
                sideError = Math.max(sideError, Math.abs(eg[s]));
            }
            if (reduced.refinementNegligible(ep, dualError, sideError)) {
                break;
            }
            solveDirection(e, it, ex, ef, ep, eg, zeroN, zeroN, null, zeroR, true);
            d.add(e);
        }
    }

    /**
     * One Newton direction {@code d} for the residuals {@code rd*}, {@code rp}, {@code rg} and the
     * complementarity targets {@code rc*} ({@code rcf} {@code null}: zero on every arc, as in a
     * refinement pass).
     */
    private void solveDirection(
            Direction d,
            Iterate it,
            double[] rdx,
            double[] rdf,
            double[] rp,
            double[] rg,
            double[] rcl,
            double[] rcu,
            double[] rcf,
            double[] rcg,
            boolean refinement) {
        int m = it.arcs.m;
        int[] tail = it.arcs.tail, head = it.arcs.head;
        double[] x = it.x, zl = it.zl, zu = it.zu, zf = it.zf, sg = it.sg, zg = it.zg;
        double[] invF = this.invF, invSigma = this.invSigma;
        double[] rhoX = this.rhoX, rhoF = this.rhoF, hr = this.hr;
        for (int k = 0; k < n; k++) {
            rhoX[k] = fixed[k] ? 0 : -rdx[k] + rcl[k] / (x[k] - lo[k]) - rcu[k] / (hi[k] - x[k]);
        }
        int local = r - coupling.length;
        for (int s = 0; s < local; s++) {
            double v = (rcg[s] + zg[s] * rg[s]) / sg[s];
            for (int i = 0; i < sideNodes[s].length; i++) {
                int k = sideNodes[s][i];
                if (!fixed[k]) {
                    rhoX[k] -= sideCoef[s][i] * v;
                }
            }
        }
        blocks.apply(rhoX, hr);
        double[] rv = rhs;
        for (int k = 0; k < n; k++) {
            rv[k] = -rp[k] - hr[k];
        }
        for (int t = 0; t < m; t++) {
            double rho = rcf == null ? -rdf[t] : -rdf[t] + rcf[t] * invF[t];
            rhoF[t] = rho;
            double v = rho * invSigma[t];
            rv[tail[t]] += v;
            rv[head[t]] -= v;
        }
        // coupling rows keep their multiplier step as an unknown: -U' dy + K dz = (rc + z rg)/z +
        // U' rhoX
        for (int c = 0; c < coupling.length; c++) {
            int s = coupling[c];
            double v = (rcg[s] + zg[s] * rg[s]) / zg[s];
            double[] u = border.u[c];
            for (int k = 0; k < n; k++) {
                v += u[k] * rhoX[k];
            }
            rv[n + c] = v;
        }
        reduced.solve(rhs, sol, refinement);
        System.arraycopy(sol, 0, d.dy, 0, n);
        double[] tmp = this.tmp;
        for (int k = 0; k < n; k++) {
            tmp[k] = rhoX[k] + d.dy[k];
        }
        for (int c = 0; c < coupling.length; c++) {
            int s = coupling[c];
            double dz = sol[n + c];
            d.dzg[s] = dz;
            for (int i = 0; i < sideNodes[s].length; i++) {
                tmp[sideNodes[s][i]] -= sideCoef[s][i] * dz;
            }
        }
        blocks.apply(tmp, d.dx);
        for (int t = 0; t < m; t++) {
            double df = (rhoF[t] - (d.dy[tail[t]] - d.dy[head[t]])) * invSigma[t];
            d.df[t] = df;
            d.dzf[t] = ((rcf == null ? 0 : rcf[t]) - zf[t] * df) * invF[t];
        }
        for (int k = 0; k < n; k++) {
            if (fixed[k]) {
                d.dx[k] = 0;
                d.dzl[k] = 0;
                d.dzu[k] = 0;
            } else {
                d.dzl[k] = (rcl[k] - zl[k] * d.dx[k]) / (x[k] - lo[k]);
                d.dzu[k] = (rcu[k] + zu[k] * d.dx[k]) / (hi[k] - x[k]);
            }
        }
        for (int s = 0; s < local; s++) {
            d.dsg[s] = -rg[s] - p.dotSide(s, d.dx);
            d.dzg[s] = (rcg[s] - zg[s] * d.dsg[s]) / sg[s];
        }
        for (int c = 0; c < coupling.length; c++) {
            int s = coupling[c];
            if (zg[s] > sg[s]) {
                // active: the multiplier step is the accurate one; complementarity gives the
                // slack's
                d.dsg[s] = (rcg[s] - sg[s] * d.dzg[s]) / zg[s];
            } else {
                d.dsg[s] = -rg[s] - p.dotSide(s, d.dx);
                d.dzg[s] = (rcg[s] - zg[s] * d.dsg[s]) / sg[s];
            }
        }
    }
}
