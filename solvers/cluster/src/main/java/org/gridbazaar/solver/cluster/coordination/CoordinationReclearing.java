package org.gridbazaar.solver.cluster.coordination;

import java.util.function.Supplier;
import org.gridbazaar.architecture.ArchitectureMarket;
import org.gridbazaar.architecture.Clearing;
import org.gridbazaar.architecture.PriceCoordination;
import org.gridbazaar.architecture.coordination.CoordinationTransport;
import org.gridbazaar.architecture.coordination.MemberUnresponsiveException;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.model.PeerId;

/**
 * Price coordination that survives lost members: clears a design through a transport, and when some
 * members stop answering, clears the design again on the population without them (each leaves its
 * community; a community left empty leaves the design) through the surviving nodes. Nothing of the
 * stopped run is kept: a clearing without some members' answers is not the market's.
 */
public final class CoordinationReclearing {

    private CoordinationReclearing() {}

    /**
     * What a run gave.
     *
     * @param clearing the clearing of the whole design, or {@code null} when members were lost
     * @param lost why the run stopped (the members and round), or {@code null}
     * @param reduced the design without the lost members, or {@code null}
     * @param reclear its clearing on the surviving nodes, or {@code null} when none was made
     * @param reclearFailure why the re-clear was not made or failed, or {@code null}
     */
    public record Outcome(
            Clearing clearing,
            MemberUnresponsiveException lost,
            ArchitectureMarket reduced,
            Clearing reclear,
            String reclearFailure) {

        /** Whether members were lost. */
        public boolean lostAny() {
            return lost != null;
        }
    }

    /**
     * Clears {@code design} through {@code transports}; on lost members, again without them through
     * {@code survivors.get()}.
     */
    public static Outcome clear(
            ArchitectureMarket design,
            double tolerance,
            int maxRounds,
            CoordinationTransport.Factory transports,
            Supplier<CoordinationTransport.Factory> survivors) {
        try {
            return new Outcome(
                    PriceCoordination.clear(design, tolerance, maxRounds, transports),
                    null,
                    null,
                    null,
                    null);
        } catch (MemberUnresponsiveException lost) {
            ArchitectureMarket reduced;
            try {
                CommunityMarket rest = design.population();
                for (String member : lost.members()) {
                    rest = rest.withoutPeer(PeerId.of(member));
                }
                reduced = ArchitectureMarket.of(rest, design.architecture());
            } catch (IllegalArgumentException e) {
                return new Outcome(null, lost, null, null, e.getMessage());
            }
            try {
                return new Outcome(
                        null,
                        lost,
                        reduced,
                        PriceCoordination.clear(reduced, tolerance, maxRounds, survivors.get()),
                        null);
            } catch (MemberUnresponsiveException
                    | IllegalStateException
                    | IllegalArgumentException e) {
                return new Outcome(null, lost, reduced, null, e.getMessage());
            }
        }
    }
}
