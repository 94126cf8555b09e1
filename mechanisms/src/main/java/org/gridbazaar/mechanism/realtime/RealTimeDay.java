package org.gridbazaar.mechanism.realtime;

import java.util.List;

/**
 * The outcome of the real-time loop over a day: one {@link PeriodOutcome} per period, and the money
 * it moved.
 *
 * <p><b>Money.</b> Every community pays the cleared price on its award in every period ({@code
 * price * awardKw * dt}, $; negative when it is paid); the LSE receives the sum, {@code price *
 * lseSupplyKw * dt}, so what the communities pay is what the LSE receives, period by period. The
 * LSE buys the feeder's losses at the wholesale price on top ({@link #lseLossCost()}).
 *
 * @param hoursPerPeriod the length of a period, h
 * @param lse the LSE's offer
 * @param periods one outcome per period, in order
 */
public record RealTimeDay(double hoursPerPeriod, LseSupply lse, List<PeriodOutcome> periods) {

    /** Copies the list. */
    public RealTimeDay {
        periods = List.copyOf(periods);
    }

    /** The community's cost over the day, $: the sum of its payments. */
    public double cost(String community) {
        double s = 0;
        for (PeriodOutcome p : periods) {
            s += p.community(community).paymentDollars();
        }
        return s;
    }

    /**
     * What the LSE receives from the communities over the day, $: {@code sum price * lseSupplyKw *
     * dt}.
     */
    public double lseRevenue() {
        double s = 0;
        for (PeriodOutcome p : periods) {
            s += p.price() * p.lseSupplyKw() * hoursPerPeriod;
        }
        return s;
    }

    /** What the feeder's losses cost the LSE at the wholesale price over the day, $. */
    public double lseLossCost() {
        double s = 0;
        for (PeriodOutcome p : periods) {
            s += lse.wholesale(p.period()) * p.lossesKw() * hoursPerPeriod;
        }
        return s;
    }

    /** The feeder's losses over the day, kWh. */
    public double lossesKwh() {
        return periods.stream().mapToDouble(PeriodOutcome::lossesKw).sum() * hoursPerPeriod;
    }

    /**
     * The largest {@code |curveErrorKw|} of any community in any period, kW (NaN if not measured).
     */
    public double maxCurveErrorKw() {
        double m = 0;
        for (PeriodOutcome p : periods) {
            for (CommunityPeriod c : p.communities()) {
                m = Math.max(m, Math.abs(c.curveErrorKw()));
                if (Double.isNaN(c.curveErrorKw())) {
                    return Double.NaN;
                }
            }
        }
        return m;
    }
}
