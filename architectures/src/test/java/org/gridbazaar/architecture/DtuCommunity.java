package org.gridbazaar.architecture;

import java.util.List;
import org.gridbazaar.community.Community;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.community.GridConnection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.QuadraticCost;

/**
 * The 14 agents of the DTU summer-school exercise (A-Eltved/peer-2-peer-markets, p2p.ipynb): bounds
 * {@code [Pmin + Pren, Pmax + Pren]} kW, cost {@code 0.5 a p^2 + b p}, one community, import 70 and
 * export 40 $/kWh. Test fixture, with the published optimum.
 */
final class DtuCommunity {

    static final double[] P_MIN = {
        -21.7, -94.2, -47.8, -7.6, -11.2, -29.5, -9., -3.5, -6.1, -13.5, -14.9, 0., 0., 0.
    };
    static final double[] P_MAX = {0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 20., 50., 10.};
    static final double[] P_REN = {0., 0., 0., 14.9, 9., 10., 18.5, 2., 7., 5., 5., 0., 0., 0.};
    static final double[] A = {4., 1., 2., 10., 8., 4., 9., 15., 18., 7., 6., 7., 2., 8.};
    static final double[] B = {
        130., 120., 135., 125., 140., 145., 150., 135., 140., 125., 120., 25., 10., 20.
    };

    /**
     * Published optimum with PV: objective $ (grid cost included) and import kW (exact: price 70,
     * p_i = clip((70 - b_i)/a_i)).
     */
    static final double OBJECTIVE = -3395.5726;

    static final double IMPORT = 75.761905;

    /** With agent 7's PV at 0. */
    static final double OBJECTIVE_NOPV = -4917.2532;

    static final double IMPORT_NOPV = 94.150794;

    private DtuCommunity() {}

    static Market market(boolean pv7) {
        Market.Builder b = Market.builder(pv7 ? "dtu14-community" : "dtu14-community-nopv");
        for (int i = 0; i < 14; i++) {
            double ren = i == 6 && !pv7 ? 0 : P_REN[i];
            double lo = P_MIN[i] + ren, hi = P_MAX[i] + ren;
            QuadraticCost c = QuadraticCost.of(A[i], B[i], 0);
            String id = "A" + (i + 1);
            if (hi <= 0) {
                b.consumer(id, lo, hi, c);
            } else if (lo >= 0) {
                b.producer(id, lo, hi, c);
            } else {
                b.prosumer(id, lo, hi, c);
            }
        }
        return b.build();
    }

    static CommunityMarket population(boolean pv7) {
        Market m = market(pv7);
        return CommunityMarket.of(
                m,
                List.of(new Community("dtu14", m.peers().stream().map(p -> p.id()).toList(), null)),
                GridConnection.flat(70, 40, 1));
    }

    /**
     * The closed-form set-point of agent {@code i} (0-based) at price 70: {@code clip((70 - b)/a,
     * lo, hi)}.
     */
    static double setPoint(int i, boolean pv7) {
        double ren = i == 6 && !pv7 ? 0 : P_REN[i];
        return Math.max(P_MIN[i] + ren, Math.min(P_MAX[i] + ren, (70 - B[i]) / A[i]));
    }
}
