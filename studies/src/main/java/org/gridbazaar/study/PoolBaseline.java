package org.gridbazaar.study;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.model.Injection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.Network;
import org.gridbazaar.model.Peer;
import org.gridbazaar.model.Role;

/**
 * The seed's pool-based baseline (section 12.6.5.2): "by considering G20 as the only producer of
 * the network, the basic P2P model would turn into an economic dispatch problem for a pool-based
 * market". The grid connection is every peer at the feeder's root bus that can sell; every other
 * peer keeps its demand but may not sell (a producer's power bounds become {@code [0, 0]}, a
 * prosumer's upper bound {@code min(max, 0)}). Preferences and penalties are dropped, so the market
 * clears as one pool; its line flows and losses are the baseline the P2P market is compared with.
 */
public final class PoolBaseline {

    private PoolBaseline() {}

    /**
     * The pool market of {@code market}.
     *
     * @throws IllegalArgumentException when the market has no network, or no peer at the root bus
     *     can sell
     */
    public static Market of(Market market) {
        Network net =
                market.network()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "market "
                                                        + market.name()
                                                        + " has no network: the pool baseline needs the root bus's grid connection"));
        String root = net.rootBus();
        List<String> grid = gridConnection(market);
        if (grid.isEmpty()) {
            throw new IllegalArgumentException(
                    "market "
                            + market.name()
                            + ": no peer at root bus "
                            + root
                            + " can sell, so there is no grid connection to supply the pool");
        }
        Market.Builder b =
                Market.builder(market.name() + "-pool")
                        .description(
                                "pool baseline of "
                                        + market.name()
                                        + ": only "
                                        + String.join(", ", grid)
                                        + " supplies")
                        .network(net);
        for (Peer p : market.peers()) {
            if (grid.contains(p.id().value()) || !p.role().canSell()) {
                b.peer(p);
                continue;
            }
            Injection pw = p.power();
            double max = Math.min(pw.max(), 0);
            double min = Math.min(pw.min(), max);
            Role role = p.role() == Role.PRODUCER ? Role.PRODUCER : Role.CONSUMER;
            if (role == Role.PRODUCER) {
                min = 0;
                max = 0;
            }
            b.peer(
                    new Peer(
                            p.id(),
                            role,
                            p.bus(),
                            new Injection(min, max, pw.cost()),
                            p.heat(),
                            p.chpRegion()));
        }
        market.powerFactors().forEach((id, pf) -> b.powerFactor(id.value(), pf));
        return b.build();
    }

    /**
     * The ids of the peers at the root bus that can sell (the grid connection), in market order.
     */
    public static List<String> gridConnection(Market market) {
        List<String> out = new ArrayList<>();
        market.network()
                .ifPresent(
                        net -> {
                            for (Peer p : market.peers()) {
                                if (net.rootBus().equals(p.bus()) && p.role().canSell()) {
                                    out.add(p.id().value());
                                }
                            }
                        });
        return out;
    }
}
