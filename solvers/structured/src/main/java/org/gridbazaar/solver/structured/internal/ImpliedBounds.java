package org.gridbazaar.solver.structured.internal;

import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.solver.support.TradingComponents;

/**
 * An exact presolve that replaces huge bounds that can never bind by bounds implied by the balance.
 *
 * <p>Why: every tolerance of both methods is relative to the market's quantity and price scales,
 * and one slack bound of {@code 1e15} kW beside peers of a few hundred kW makes those scales
 * meaningless (a tolerance of {@code 1e-9} of it is a megawatt). Within one connected component of
 * the trading graph (per commodity), trades only move energy between its nodes, so {@code -sum_{j
 * != k} hi_j <= x_k <= -sum_{j != k} lo_j}. A bound is replaced by that implied bound plus a margin
 * of the implied bounds' own size, so the new bound is strictly slack at every feasible point: the
 * feasible set, the optimum and its multipliers are unchanged (a bound that never binds has a zero
 * multiplier). Only bounds at least ten times larger than their replacement are replaced, so
 * ordinary markets are solved as they are.
 *
 * <p>The same presolve turns the cost of a fixed node ({@code lo == hi}, a fixed demand) into the
 * constant it is: {@code 0.5 a x^2 + b x + c} at the fixed set-point. The objective is unchanged,
 * and so is the optimum; but a fixed 1e6 kW demand with {@code a = 1} no longer sets a price scale
 * of 1e6 $/kW against which every other peer's prices would be measured.
 */
public final class ImpliedBounds {

    /** A bound is replaced only when it is at least this many times the replacement's magnitude. */
    static final double REPLACE_RATIO = 10;

    private ImpliedBounds() {}

    /** The problem with its huge slack bounds tightened, or {@code p} itself when none is. */
    public static MarketProblem tighten(MarketProblem p) {
        int n = p.nodeCount();
        double[] lo = p.lower(), hi = p.upper();
        int[] tail = p.tail(), head = p.head();
        int[] comp = TradingComponents.of(n, tail, head);
        boolean[] traded = new boolean[n];
        for (int t = 0; t < tail.length; t++) {
            traded[tail[t]] = traded[head[t]] = true;
        }
        double[] sumLo = new double[n], sumHi = new double[n];
        for (int k = 0; k < n; k++) {
            int c = comp[k];
            sumLo[c] += lo[k];
            sumHi[c] += hi[k];
        }
        double[] newLo = lo.clone(), newHi = hi.clone();
        boolean changed = false;
        for (int k = 0; k < n; k++) {
            if (!traded[k] || lo[k] == hi[k]) {
                continue;
            }
            int c = comp[k];
            double upper = -(sumLo[c] - lo[k]), lower = -(sumHi[c] - hi[k]);
            double margin = Math.max(Math.abs(upper), Math.abs(lower));
            if (!(margin > 0) || !Double.isFinite(margin) || upper < lo[k] || lower > hi[k]) {
                continue; // nothing to scale by, or a component that cannot balance: left to the
                // feasibility checks
            }
            double h = upper + margin, l = lower - margin;
            if (h < hi[k] && REPLACE_RATIO * Math.abs(h) < Math.abs(hi[k]) && h > lo[k]) {
                newHi[k] = h;
                changed = true;
            }
            if (l > lo[k] && REPLACE_RATIO * Math.abs(l) < Math.abs(lo[k]) && l < newHi[k]) {
                newLo[k] = l;
                changed = true;
            }
        }
        double[] a = p.quadratic(), lin = p.linear(), c0 = p.constant();
        for (int k = 0; k < n; k++) {
            if (lo[k] == hi[k] && (a[k] != 0 || lin[k] != 0)) {
                c0[k] += (0.5 * a[k] * lo[k] + lin[k]) * lo[k];
                a[k] = 0;
                lin[k] = 0;
                changed = true;
            }
        }
        if (!changed) {
            return p;
        }
        MarketProblem.Builder b = MarketProblem.builder(p.name());
        for (int q = 0; q < p.peerCount(); q++) {
            b.peer(p.peerLabel(q));
        }
        int[] peer = p.nodePeer(), commodity = p.nodeCommodity(), period = p.nodePeriod();
        for (int k = 0; k < n; k++) {
            b.node(peer[k], commodity[k], period[k], a[k], lin[k], c0[k], newLo[k], newHi[k]);
        }
        double[] sc = p.sellerCost(), bc = p.buyerCost();
        for (int t = 0; t < tail.length; t++) {
            b.arc(tail[t], head[t], sc[t], bc[t]);
        }
        for (int s = 0; s < p.sideConstraintCount(); s++) {
            b.sideConstraint(p.sideNodes(s), p.sideCoefficients(s), p.sideRhs(s));
        }
        for (int r = 0; r < p.couplingConstraintCount(); r++) {
            b.couplingConstraint(
                    p.couplingLabel(r),
                    p.couplingNodes(r),
                    p.couplingCoefficients(r),
                    p.couplingRhs(r));
        }
        return b.build();
    }
}
