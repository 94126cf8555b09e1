package org.gridbazaar.architecture;

import java.util.List;
import org.gridbazaar.community.Community;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.community.GridConnection;
import org.gridbazaar.model.Market;
import org.gridbazaar.testkit.DtuExercise;

/**
 * The 14 agents of the DTU summer-school exercise ({@link DtuExercise}) as one community, import 70
 * and export 40 $/kWh. Test fixture, with the published optimum.
 */
final class DtuCommunity {

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
        return DtuExercise.market(pv7);
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
        return DtuExercise.setPoint(i, pv7, 70);
    }
}
