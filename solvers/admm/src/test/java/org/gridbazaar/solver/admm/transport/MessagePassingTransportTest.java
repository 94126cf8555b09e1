package org.gridbazaar.solver.admm.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.P2PFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.MarketSolver;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.admm.AdmmSolver;
import org.gridbazaar.solver.admm.ConsensusSolver;
import org.gridbazaar.testkit.RandomMarkets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agents split over several hosts that exchange only {@link Proposals} and {@link Inbox} values
 * (what a remote transport carries) reach the in-process result bit for bit: the messages carry
 * everything a round needs.
 */
class MessagePassingTransportTest {

    /**
     * Hosts agents round-robin on {@code hosts} local boards; the platform's routed board relays.
     */
    static class MessagePassing implements Transport {
        private final ProposalBoard platform;
        private final List<AgentHost> hosts = new ArrayList<>();
        private int round;

        MessagePassing(List<AgentSpec> agents, ProposalBoard platform, int hostCount) {
            this.platform = platform;
            for (int h = 0; h < hostCount; h++) {
                List<AgentSpec> mine = new ArrayList<>();
                for (int i = h; i < agents.size(); i += hostCount) {
                    mine.add(agents.get(i));
                }
                hosts.add(new AgentHost(mine, ProposalBoard.local(mine), 1));
            }
            collect(0);
        }

        private void collect(int k) {
            for (AgentHost h : hosts) {
                for (int i = 0; i < h.board().peerCount(); i++) {
                    platform.post(h.board().proposals(i, k));
                }
            }
            for (int p = 0; p < platform.peerCount(); p++) {
                platform.deliverTo(p);
            }
        }

        @Override
        public void round(RoundStart start) {
            for (AgentHost h : hosts) {
                for (int i = 0; i < h.board().peerCount(); i++) {
                    h.board()
                            .receive(
                                    platform.inbox(
                                            platform.indexOf(h.board().peerAt(i)), start.round()));
                }
                h.update(start);
            }
            round = start.round();
            collect(round);
        }

        @Override
        public int firstInfeasiblePeer() {
            int first = -1;
            for (AgentHost h : hosts) {
                int p = h.firstInfeasiblePeer();
                if (p >= 0 && (first < 0 || p < first)) {
                    first = p;
                }
            }
            return first;
        }

        @Override
        public double[] mismatchSupports(boolean weighted, double volumeBound) {
            double[] out = new double[platform.peerCount()];
            for (AgentHost h : hosts) {
                double[] v = h.mismatchSupports(weighted, volumeBound);
                for (int i = 0; i < v.length; i++) {
                    out[h.board().peerAt(i)] = v[i];
                }
            }
            return out;
        }

        @Override
        public List<PeerReport> reports() {
            PeerReport[] out = new PeerReport[platform.peerCount()];
            for (AgentHost h : hosts) {
                for (PeerReport r : h.reports(round)) {
                    out[r.peer()] = r;
                }
            }
            return List.of(out);
        }

        @Override
        public void close() {
            hosts.forEach(AgentHost::close);
        }
    }

    private static MarketProblem problem(long seed, boolean full) {
        return new P2PFormulation()
                .formulate(
                        RandomMarkets.generate(
                                seed,
                                full ? RandomMarkets.Spec.full(16) : RandomMarkets.Spec.basic(24)))
                .problem();
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 11})
    void agentsOnThreeHostsMatchInProcessBitForBit(long seed) {
        for (boolean full : new boolean[] {false, true}) {
            MarketProblem p = problem(seed, full);
            for (boolean consensus : new boolean[] {false, true}) {
                MarketSolver local = consensus ? new ConsensusSolver() : new AdmmSolver();
                Transport.Factory three = (agents, board) -> new MessagePassing(agents, board, 3);
                MarketSolver remote =
                        consensus
                                ? new ConsensusSolver(AdmmOptions.DEFAULTS, three)
                                : new AdmmSolver(AdmmOptions.DEFAULTS, three);
                ProblemSolution a = local.solve(p, SolverOptions.DEFAULTS),
                        b = remote.solve(p, SolverOptions.DEFAULTS);
                String where =
                        "seed "
                                + seed
                                + (full ? " full" : " basic")
                                + (consensus ? " consensus" : " admm");
                assertEquals(Status.OPTIMAL, a.status(), where);
                assertEquals(a.status(), b.status(), where);
                assertEquals(a.iterations(), b.iterations(), where);
                assertArrayEquals(a.x(), b.x(), 0.0, where);
                assertArrayEquals(a.f(), b.f(), 0.0, where);
                assertArrayEquals(a.y(), b.y(), 0.0, where);
                assertArrayEquals(a.arcPrices(), b.arcPrices(), 0.0, where);
            }
        }
    }

    @Test
    void aTransportThatLosesAPeerEndsTheRunWithoutAPointNamingIt() {
        MarketProblem p = problem(5, false);
        Transport.Factory failing =
                (agents, board) ->
                        new MessagePassing(agents, board, 2) {
                            @Override
                            public void round(RoundStart start) {
                                if (start.round() == 7) {
                                    throw new PeerUnresponsiveException(
                                            List.of(3), 7, "no answer within 1 s");
                                }
                                super.round(start);
                            }
                        };
        ProblemSolution s =
                new AdmmSolver(AdmmOptions.DEFAULTS, failing).solve(p, SolverOptions.DEFAULTS);
        assertEquals(Status.ITERATION_LIMIT, s.status());
        assertTrue(!s.hasPoint(), "no half-written point");
        assertTrue(s.message().contains(p.peerLabel(3)), s.message());
        assertEquals(7, s.iterations());
    }

    @Test
    void aBoardRefusesProposalsOfAPeerItDoesNotHoldOrWithOtherLinks() {
        MarketProblem p = problem(5, false);
        List<AgentSpec> specs = new ArrayList<>();
        Transport.Factory capture =
                (agents, board) -> {
                    specs.addAll(agents);
                    return Transport.inProcess(1).open(agents, board);
                };
        new AdmmSolver(AdmmOptions.DEFAULTS, capture)
                .solve(p, SolverOptions.DEFAULTS.withMaxIterations(1));
        ProposalBoard one = ProposalBoard.local(List.of(specs.get(0)));
        ProposalBoard all = ProposalBoard.routed(specs);
        Proposals other = all.proposals(1, 0);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> one.post(other));
        assertTrue(e.getMessage().contains("peer 1"), e.getMessage());
        Proposals p0 = all.proposals(0, 0);
        Proposals wrong =
                new Proposals(
                        NegotiationMessage.VERSION,
                        0,
                        0,
                        new int[p0.size()],
                        p0.commodities(),
                        p0.trades(),
                        p0.prices(),
                        p0.penalties());
        assertThrows(IllegalArgumentException.class, () -> one.post(wrong));
    }

    @Test
    void messagesOfAnotherVersionAreRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new RoundStart(2, 1, 1, false));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }
}
