package org.gridbazaar.community;

import java.util.Objects;
import org.gridbazaar.model.PeerId;

/**
 * The manager of a community: the agent that trades with the community's members and, on their
 * behalf, with the grid and with other managers.
 *
 * <p>Its own preferences (Moret and Pinson, "Energy collectives: a community and fairness based
 * approach to future electricity markets", IEEE Trans. Power Syst. 34(5), 2019, the "common
 * preference" of autonomy):
 *
 * <ul>
 *   <li>{@code autonomyCost}, $/kWh {@code >= 0}: a cost the community places on every kWh it
 *       imports from the grid (the {@code tau_aut} of the DTU summer-school code), on top of the
 *       import tariff. It is a preference, not a payment to the grid: the grid receives its tariff,
 *       and the community price rises by up to this much, which the manager keeps;
 *   <li>{@code margin}, $/kWh {@code >= 0}: a fee the manager charges on every kWh a member trades
 *       with it, in either direction (a member pays {@code margin * |q|}, the manager receives it).
 * </ul>
 *
 * @param id the manager's id; not the id of a peer of the market
 * @param autonomyCost $/kWh on the community's import
 * @param margin $/kWh on each member's trades with the manager
 */
public record CommunityManager(PeerId id, double autonomyCost, double margin) {

    public CommunityManager {
        Objects.requireNonNull(id, "manager id");
        if (!(autonomyCost >= 0) || !Double.isFinite(autonomyCost)) {
            throw new IllegalArgumentException(
                    "manager "
                            + id.value()
                            + ": autonomyCost must be finite and >= 0 $/kWh, got "
                            + autonomyCost);
        }
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException(
                    "manager "
                            + id.value()
                            + ": margin must be finite and >= 0 $/kWh, got "
                            + margin);
        }
    }

    /** A manager without preferences: no autonomy cost, no margin. */
    public static CommunityManager of(String id) {
        return new CommunityManager(PeerId.of(id), 0, 0);
    }
}
