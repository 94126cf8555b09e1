package org.gridbazaar.mechanism;

/**
 * The clearing of {@link Clearing#between}: one forward merge over both curves' breakpoints that
 * finds the range of prices where excess demand is within the tolerance, then the tie rules. {@link
 * #steps()} counts the work (breakpoints and merged prices visited) so that tests can check it is
 * linear.
 */
final class CurveCrossing {

    private final BidCurve demand;
    private final BidCurve supply;
    private final double tol;
    private long steps;
    private BidCurve.Cursor d;
    private BidCurve.Cursor s;

    CurveCrossing(BidCurve demand, BidCurve supply, double toleranceKw) {
        if (demand.side() != BidCurve.Side.DEMAND || supply.side() != BidCurve.Side.SUPPLY) {
            throw new IllegalArgumentException(
                    "clearing takes a demand curve and a supply curve, not "
                            + demand.side()
                            + " and "
                            + supply.side()
                            + "; Maybe swap them");
        }
        if (!(toleranceKw >= 0) || !Double.isFinite(toleranceKw)) {
            throw new IllegalArgumentException(
                    "clearing tolerance " + toleranceKw + " kW must be finite and non-negative");
        }
        this.demand = demand;
        this.supply = supply;
        this.tol = toleranceKw;
    }

    Clearing clear() {
        d = new BidCurve.Cursor(demand);
        s = new BidCurve.Cursor(supply);
        double pa = Double.NaN, pb = Double.NaN;
        boolean flat = false;
        double prevU = Double.NaN, prevRight = Double.NaN;
        double lo = Math.min(demand.minPrice(), supply.minPrice());
        double hi = Math.max(demand.maxPrice(), supply.maxPrice());
        double delta =
                Clearing.DEFAULT_RELATIVE_PRICE_TOLERANCE * Math.max(Math.abs(lo), Math.abs(hi));
        double u = lo;
        boolean first = true;
        while (true) {
            steps++;
            d.moveTo(u);
            s.moveTo(u);
            double left = d.left - s.left; // E just below u (on the first price: everywhere below)
            double right = d.right - s.right; // E just above u
            if (first) {
                if (left < -tol) {
                    return noTrade(Clearing.Kind.DEMAND_SHORT);
                }
                if (left <= tol) {
                    pa = Double.NEGATIVE_INFINITY;
                }
            } else {
                // E is linear from prevRight at prevU to left at u
                if (Double.isNaN(pa) && left <= tol) {
                    pa = level(prevU, prevRight, u, left, tol);
                } else if (!Double.isNaN(pa) && left >= -tol && u - prevU > delta) {
                    // the whole segment [prevU, u] is within the tolerance, and it is longer than
                    // the rounding of prices (members' breakpoints 1e-17 apart make segments too)
                    flat = true;
                }
                if (left < -tol) {
                    pb = level(prevU, prevRight, u, left, -tol);
                    break;
                }
            }
            if (Double.isNaN(pa) && right <= tol) {
                pa = u;
            }
            if (right < -tol) {
                pb = u;
                break;
            }
            prevU = u;
            prevRight = right;
            first = false;
            double next = Math.min(after(d, u), after(s, u));
            if (next == Double.POSITIVE_INFINITY) {
                if (Double.isNaN(pa)) {
                    return noTrade(Clearing.Kind.SUPPLY_SHORT);
                }
                pb = Double.POSITIVE_INFINITY;
                break;
            }
            u = next;
        }
        pa = Math.min(Math.max(pa, lo), hi);
        pb = Math.max(Math.min(pb, hi), pa);
        double price = pa == pb ? pa : 0.5 * pa + 0.5 * pb;
        // the quantities each curve takes at prices within the price tolerance: a step of one curve
        // and a step of the other whose prices differ only by rounding overlap as if at one price
        double qLow =
                Math.max(
                        demand.quantityAt(price + delta).lowKw(),
                        supply.quantityAt(price - delta).lowKw());
        double qHigh =
                Math.min(
                        demand.quantityAt(price - delta).highKw(),
                        supply.quantityAt(price + delta).highKw());
        if (flat) {
            return new Clearing(
                    price, qLow <= qHigh ? qHigh : mid(qLow, qHigh), Clearing.Kind.FLAT);
        }
        if (qHigh - qLow > tol) {
            return new Clearing(price, qHigh, Clearing.Kind.STEP);
        }
        return new Clearing(price, mid(qLow, qHigh), Clearing.Kind.POINT);
    }

    private static double mid(double a, double b) {
        return a == b ? a : 0.5 * a + 0.5 * b;
    }

    private static Clearing noTrade(Clearing.Kind kind) {
        return new Clearing(Double.NaN, 0, kind);
    }

    /** The first breakpoint price of the cursor's curve above {@code u}, or +Infinity. */
    private double after(BidCurve.Cursor c, double u) {
        BidCurve curve = c.curve;
        while (c.next < curve.size() && curve.price(c.next) <= u) {
            c.next++;
            steps++;
        }
        return c.next < curve.size() ? curve.price(c.next) : Double.POSITIVE_INFINITY;
    }

    /**
     * The price in {@code [x0, x1]} where the linear {@code E} from {@code e0 > level} to {@code e1
     * <= level} reaches {@code level}.
     */
    private static double level(double x0, double e0, double x1, double e1, double level) {
        if (e1 == level) {
            return x1;
        }
        double p = x0 + (e0 - level) / (e0 - e1) * (x1 - x0);
        return p < x0 ? x0 : p > x1 ? x1 : p;
    }

    /** The work of the last {@link #clear}: merged prices, breakpoints passed and curve reads. */
    long steps() {
        return steps + (d == null ? 0 : d.steps + s.steps);
    }
}
