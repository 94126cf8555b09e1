package org.gridbazaar.mechanism.realtime;

import java.util.Map;
import org.gridbazaar.horizon.MultiPeriodMarket;
import org.gridbazaar.result.MultiPeriodResult;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.MultiPeriodClearing;
import org.gridbazaar.solver.SolverOptions;

/**
 * A community's day under a {@link Tariff}: its members respond to the tariff's prices, storage
 * optimised against them, and it pays the tariff on its imports and is paid on its exports.
 *
 * <p>The tariff is known for the whole day, so the response is one clearing of the community's day
 * with two connection peers in every period: {@value #IMPORT_PEER} (power {@code [0, C]} at the
 * import price) and {@value #EXPORT_PEER} (power {@code [-C, 0]} at the export price), {@code C}
 * the connection limit. This is what the real-time loop would dispatch with the rest of the day as
 * look-ahead and exact forecasts. The cost is the bill, {@code sum_t dt (importPrice_t * import_t -
 * exportPrice_t * export_t)}, $.
 *
 * @param community the community's name
 * @param tariff the tariff
 * @param netImportKw the community's net import per period, kW (positive when it buys)
 * @param costDollars the bill over the day, $
 * @param result the clearing of the day, with the two connection peers
 */
public record TariffResponse(
        String community,
        Tariff tariff,
        double[] netImportKw,
        double costDollars,
        MultiPeriodResult result) {

    /** The id of the connection peer that sells to the community. */
    public static final String IMPORT_PEER = "community-grid-import";

    /** The id of the connection peer that buys from the community. */
    public static final String EXPORT_PEER = "community-grid-export";

    /** Copies the array. */
    public TariffResponse {
        netImportKw = netImportKw.clone();
    }

    /** The net import per period, kW (a copy). */
    @Override
    public double[] netImportKw() {
        return netImportKw.clone();
    }

    /**
     * Clears the community's day under the tariff.
     *
     * @throws IllegalArgumentException when the tariff's periods differ from the community's
     * @throws IllegalStateException when the solver does not answer {@code OPTIMAL}
     */
    public static TariffResponse of(
            Community community, Tariff tariff, MarketSolver solver, SolverOptions options) {
        int n = community.periodCount();
        if (tariff.periodCount() != n) {
            throw new IllegalArgumentException(
                    "tariff "
                            + tariff.name()
                            + " has "
                            + tariff.periodCount()
                            + " periods but community "
                            + community.name()
                            + " has "
                            + n);
        }
        double c = community.connectionKw();
        MultiPeriodMarket day = CommunityWindow.window(community, 0, n, Map.of());
        MultiPeriodMarket priced =
                day.withPeriods(
                        t ->
                                CommunityWindow.withConnection(
                                        CommunityWindow.withConnection(
                                                day.period(t),
                                                IMPORT_PEER,
                                                0,
                                                c,
                                                tariff.importPrice(t)),
                                        EXPORT_PEER,
                                        -c,
                                        0,
                                        tariff.exportPrice(t)));
        MultiPeriodResult r = MultiPeriodClearing.clear(priced, solver, options);
        if (r.status() != Status.OPTIMAL) {
            throw new IllegalStateException(
                    "community "
                            + community.name()
                            + " under tariff "
                            + tariff.name()
                            + ": solver "
                            + solver.name()
                            + " answered "
                            + r.status()
                            + " ("
                            + r.message()
                            + ")");
        }
        double dt = day.hoursPerPeriod();
        double[] net = new double[n];
        double cost = 0;
        for (int t = 0; t < n; t++) {
            double in = r.period(t).power(IMPORT_PEER), out = r.period(t).power(EXPORT_PEER);
            net[t] = in + out;
            cost += dt * (tariff.importPrice(t) * in + tariff.exportPrice(t) * out);
        }
        return new TariffResponse(community.name(), tariff, net, cost, r);
    }
}
