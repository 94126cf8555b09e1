package org.gridbazaar.architecture.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridbazaar.architecture.Architecture;
import org.gridbazaar.architecture.ArchitectureMarket;
import org.gridbazaar.architecture.Clearing;
import org.gridbazaar.architecture.PriceCoordination;
import org.gridbazaar.community.Community;
import org.gridbazaar.community.CommunityManager;
import org.gridbazaar.community.CommunityMarket;
import org.gridbazaar.community.GridConnection;
import org.gridbazaar.model.Market;
import org.gridbazaar.model.PeerId;
import org.gridbazaar.model.QuadraticCost;
import org.gridbazaar.result.Status;
import org.junit.jupiter.api.Test;

/**
 * The coordination messages as values: they cross CBOR bit for bit, refuse another layout version,
 * and the counts a clearing reports are exactly the messages it exchanged and their CBOR sizes; a
 * transport whose members stop answering stops the clearing with their ids and is closed.
 */
class CoordinationMessagesTest {

    /** Two communities, a linear producer and quadratic members, local P2P over two managers. */
    static CommunityMarket twoCommunities() {
        Market m =
                Market.builder("two")
                        .producer("G1", 0, 10, QuadraticCost.of(0.5, 20, 0))
                        .consumer("C1", -12, 0, QuadraticCost.of(1, 90, 0))
                        .producer("G2", 0, 8, QuadraticCost.linear(55))
                        .consumer("C2", -9, 0, QuadraticCost.of(2, 80, 0))
                        .build();
        return CommunityMarket.of(
                m,
                List.of(
                        new Community(
                                "north",
                                List.of(PeerId.of("G1"), PeerId.of("C1")),
                                new CommunityManager(PeerId.of("n"), 0, 1.5)),
                        new Community(
                                "south",
                                List.of(PeerId.of("G2"), PeerId.of("C2")),
                                new CommunityManager(PeerId.of("s"), 0, 0))),
                GridConnection.flat(70, 40, 1));
    }

    @Test
    void everyMessageCrossesCborBitForBit() {
        List<CoordinationMessage> all =
                List.of(
                        MemberSpec.of("A1", "m", -21.7, 0, 4, 130, 0.25),
                        PriceAnnouncement.of(3, "m", "A1", 70.000000000000014),
                        new MemberAnswer(
                                CoordinationMessage.VERSION,
                                3,
                                "A1",
                                -15,
                                -15,
                                0.25,
                                Double.NEGATIVE_INFINITY,
                                Double.POSITIVE_INFINITY),
                        new SharedSums(
                                CoordinationMessage.VERSION,
                                3,
                                "m",
                                "k",
                                -1e-17,
                                2.5,
                                0.1,
                                -3,
                                Double.POSITIVE_INFINITY),
                        Settlement.of("m", "A1", 70, 1.0 / 3),
                        new SetPoint(CoordinationMessage.VERSION, "A1", -Math.PI));
        for (CoordinationMessage message : all) {
            byte[] bytes = CoordinationCodec.encode(message);
            assertEquals(message, CoordinationCodec.decode(bytes, message.getClass()));
            assertEquals(bytes.length, CoordinationCodec.size(message));
        }
        // a price and an answer: ids, a version and 8-byte doubles, some tens of bytes each
        assertTrue(
                CoordinationCodec.size(all.get(1)) < 80, "" + CoordinationCodec.size(all.get(1)));
    }

    @Test
    void aMessageOfAnotherVersionOrWithUnknownFieldsIsRefused() throws Exception {
        CBORMapper m = new CBORMapper();
        byte[] v2 =
                m.writeValueAsBytes(
                        Map.of(
                                "version",
                                2,
                                "round",
                                1,
                                "coordinator",
                                "m",
                                "member",
                                "A1",
                                "price",
                                70.0));
        UncheckedIOException e =
                assertThrows(
                        UncheckedIOException.class,
                        () -> CoordinationCodec.decode(v2, PriceAnnouncement.class));
        assertTrue(
                String.valueOf(e.getCause().getMessage()).contains("message version 2"),
                e.getCause().getMessage());
        byte[] extra =
                m.writeValueAsBytes(
                        Map.of("version", 1, "member", "A1", "power", 1.0, "cost", 3.0));
        assertThrows(
                UncheckedIOException.class, () -> CoordinationCodec.decode(extra, SetPoint.class));
        IllegalArgumentException bad =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> MemberSpec.of("A1", "m", 5, -5, 1, 0, 0));
        assertTrue(bad.getMessage().contains("member spec of A1"), bad.getMessage());
    }

    /** The in-process transport, keeping every message it carries. */
    static final class Recording implements CoordinationTransport {
        final CoordinationTransport inner;
        final List<CoordinationMessage> carried = new ArrayList<>();
        boolean closed;
        int failAt = Integer.MAX_VALUE;

        Recording(List<MemberSpec> members) {
            inner = CoordinationTransport.inProcess().open(members);
            carried.addAll(members);
        }

        @Override
        public List<MemberAnswer> round(List<PriceAnnouncement> announcements) {
            if (announcements.get(0).round() >= failAt) {
                throw new MemberUnresponsiveException(
                        List.of(announcements.get(0).member()),
                        announcements.get(0).round(),
                        "a test's mute node");
            }
            List<MemberAnswer> answers = inner.round(announcements);
            carried.addAll(announcements);
            carried.addAll(answers);
            return answers;
        }

        @Override
        public List<SetPoint> settle(List<Settlement> settlements) {
            List<SetPoint> set = inner.settle(settlements);
            carried.addAll(settlements);
            carried.addAll(set);
            return set;
        }

        @Override
        public void close() {
            closed = true;
            inner.close();
        }
    }

    @Test
    void aClearingCountsItsMessagesAndTheirCborSizes() {
        ArchitectureMarket design = ArchitectureMarket.of(twoCommunities(), Architecture.LOCAL_P2P);
        List<Recording> opened = new ArrayList<>();
        Clearing d =
                PriceCoordination.clear(
                        design,
                        1e-9,
                        50,
                        members -> {
                            Recording r = new Recording(members);
                            opened.add(r);
                            return r;
                        });
        Clearing plain = PriceCoordination.clear(design, 1e-9, 50);
        assertEquals(Status.OPTIMAL, d.status());
        assertEquals(plain.messages(), d.messages());
        assertEquals(plain.objective(), d.objective(), 0.0);
        Recording r = opened.get(0);
        assertTrue(r.closed, "the transport is closed after the clearing");
        int rounds = d.messages().rounds();
        assertTrue(rounds >= 2, "the linear producer at 55 needs a breakpoint: " + rounds);
        long carriedBytes = 0;
        for (CoordinationMessage m : r.carried) {
            carriedBytes += CoordinationCodec.size(m);
        }
        // the two managers' sums, both ways, every round
        long shared = 0;
        for (int k = 1; k <= rounds; k++) {
            shared +=
                    CoordinationCodec.size(
                                    new SharedSums(
                                            CoordinationMessage.VERSION,
                                            k,
                                            "n",
                                            "s",
                                            0,
                                            0,
                                            0,
                                            0,
                                            0))
                            + CoordinationCodec.size(
                                    new SharedSums(
                                            CoordinationMessage.VERSION,
                                            k,
                                            "s",
                                            "n",
                                            0,
                                            0,
                                            0,
                                            0,
                                            0));
        }
        assertEquals(4 + 4 * 2 * rounds + 2 * rounds + 4 * 2, d.messages().messages());
        assertEquals(r.carried.size() + 2L * rounds, d.messages().messages());
        assertEquals(carriedBytes + shared, d.messages().bytes());
    }

    @Test
    void membersThatStopAnsweringStopTheClearingByTheirIdsAndTheTransportIsClosed() {
        ArchitectureMarket design = ArchitectureMarket.of(twoCommunities(), Architecture.COMMUNITY);
        List<Recording> opened = new ArrayList<>();
        MemberUnresponsiveException e =
                assertThrows(
                        MemberUnresponsiveException.class,
                        () ->
                                PriceCoordination.clear(
                                        design,
                                        1e-9,
                                        50,
                                        members -> {
                                            Recording r = new Recording(members);
                                            r.failAt = 1;
                                            opened.add(r);
                                            return r;
                                        }));
        assertEquals(List.of("G1"), e.members());
        assertTrue(
                e.getMessage().startsWith("member G1 did not answer in round 1"), e.getMessage());
        assertTrue(opened.get(0).closed);
    }

    @Test
    void aHostRefusesTwoAgentsForOneMemberAndMessagesForAnother() {
        MemberSpec a = MemberSpec.of("A1", "m", -10, 0, 1, 100, 0);
        IllegalArgumentException twice =
                assertThrows(IllegalArgumentException.class, () -> new MemberHost(List.of(a, a)));
        assertTrue(twice.getMessage().contains("member A1 is specified twice"), twice.getMessage());
        MemberHost host = new MemberHost(List.of(a));
        IllegalArgumentException other =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> host.answer(PriceAnnouncement.of(1, "m", "A2", 70)));
        assertTrue(other.getMessage().contains("member A2, which is not hosted here"));
        // its answer at 70: (70 - 100) / 1 = -30, clipped to -10 kW
        assertEquals(-10, host.answer(PriceAnnouncement.of(1, "m", "A1", 70)).lo(), 0.0);
    }
}
