package org.gridbazaar.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A market participant: a building, household, generator or the grid connection.
 *
 * <p>Every peer has a power side; a peer may also have a heat side, and a CHP unit (a peer with
 * both) may have a feasible {@link ChpRegion}. Sign convention: injections are positive when the
 * peer sells. Checks that involve the role and other peers are made by {@link
 * Market.Builder#build()}.
 *
 * @param id unique identifier
 * @param role producer, consumer or prosumer
 * @param bus the network bus the peer is connected to, or {@code null} without a network
 * @param power power bounds (kW) and cost
 * @param heat heat bounds (kW thermal) and cost, or {@code null} when the peer has no heat side
 * @param chpRegion CHP feasible region in the (heat, power) plane, or {@code null}
 */
public record Peer(
        PeerId id, Role role, String bus, Injection power, Injection heat, ChpRegion chpRegion) {

    public Peer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role of peer " + id);
        Objects.requireNonNull(power, "power of peer " + id);
    }

    /** A peer with a power side only and no bus. */
    public static Peer of(String id, Role role, double min, double max, QuadraticCost cost) {
        return new Peer(PeerId.of(id), role, null, Injection.of(min, max, cost), null, null);
    }

    /** The bus, if the peer is placed on one. */
    public Optional<String> busId() {
        return Optional.ofNullable(bus);
    }

    /** The heat side, if any. */
    public Optional<Injection> heatSide() {
        return Optional.ofNullable(heat);
    }

    /** The CHP region, if any. */
    public Optional<ChpRegion> region() {
        return Optional.ofNullable(chpRegion);
    }

    /** This peer placed on {@code bus}. */
    public Peer atBus(String newBus) {
        return new Peer(id, role, newBus, power, heat, chpRegion);
    }

    /** This peer with a heat side. */
    public Peer withHeat(Injection newHeat) {
        return new Peer(id, role, bus, power, newHeat, chpRegion);
    }

    /** This peer with a CHP feasible region (needs a heat side). */
    public Peer withChpRegion(ChpRegion region) {
        return new Peer(id, role, bus, power, heat, region);
    }
}
