package org.gridbazaar.community;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gridbazaar.model.PeerId;

/**
 * An energy community: an id, its members (peers of the market) and an optional manager.
 *
 * <p>Without a manager the community is still managed by an agent that trades with its members and
 * the grid (every architecture needs one to clear it); that agent has the id {@code <id>-manager}
 * and no preferences ({@link #effectiveManager()}).
 *
 * @param id the community's id, not blank
 * @param members its members, at least one, no repeats (declaration order kept)
 * @param manager the manager with its own preferences, or {@code null} for one without any
 */
public record Community(String id, List<PeerId> members, CommunityManager manager) {

    public Community {
        Objects.requireNonNull(id, "community id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("community id must not be blank");
        }
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("community " + id + ": needs at least one member");
        }
        Set<PeerId> seen = new HashSet<>();
        for (PeerId m : members) {
            if (!seen.add(m)) {
                throw new IllegalArgumentException(
                        "community " + id + ": member " + m.value() + " is listed twice");
            }
        }
    }

    /** A community without a declared manager. */
    public static Community of(String id, List<String> members) {
        return new Community(id, members.stream().map(PeerId::of).toList(), null);
    }

    /** The declared manager, if any. */
    public Optional<CommunityManager> declaredManager() {
        return Optional.ofNullable(manager);
    }

    /** The declared manager, or one without preferences called {@code <id>-manager}. */
    public CommunityManager effectiveManager() {
        return manager != null ? manager : CommunityManager.of(id + "-manager");
    }

    /**
     * The same community with {@code member} removed (for drop-out studies); at least one member
     * must remain.
     */
    public Community without(PeerId member) {
        return new Community(id, members.stream().filter(m -> !m.equals(member)).toList(), manager);
    }
}
