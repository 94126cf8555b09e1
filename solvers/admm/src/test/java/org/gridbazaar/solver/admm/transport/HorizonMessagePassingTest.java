package org.gridbazaar.solver.admm.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.admm.AdmmOptions;
import org.gridbazaar.solver.admm.AdmmSolver;
import org.gridbazaar.testkit.RandomHorizons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agents of a market over time split over several {@link HorizonHost}s that see only {@link
 * HorizonSpec}, {@link HorizonPrices} and {@link HorizonCheck} values (what a remote transport
 * carries) reach the in-process result bit for bit, in the same rounds; a host that stops answering
 * ends the run without a point, naming its peers.
 */
class HorizonMessagePassingTest {

    static final SolverOptions OPTIONS = SolverOptions.DEFAULTS.withTolerance(1e-6);

    /** Hosts agents round-robin on {@code hostCount} hosts; host {@code dead} dies in round 3. */
    static final class Split implements HorizonTransport {
        private final List<HorizonHost> hosts = new ArrayList<>();
        private final List<List<Integer>> peersOf = new ArrayList<>();
        private final int dead;

        Split(List<HorizonSpec> agents, int hostCount, int dead) {
            this.dead = dead;
            for (int h = 0; h < hostCount; h++) {
                List<HorizonSpec> mine = new ArrayList<>();
                List<Integer> ids = new ArrayList<>();
                for (int i = h; i < agents.size(); i += hostCount) {
                    mine.add(agents.get(i));
                    ids.add(i);
                }
                hosts.add(new HorizonHost(mine, false));
                peersOf.add(ids);
            }
        }

        private <Q, A> List<A> spread(
                List<Q> requests, java.util.function.BiFunction<HorizonHost, List<Q>, List<A>> f) {
            List<A> out = new ArrayList<>(java.util.Collections.nCopies(requests.size(), null));
            for (int h = 0; h < hosts.size(); h++) {
                List<Q> mine = new ArrayList<>();
                for (int i : peersOf.get(h)) {
                    mine.add(requests.get(i));
                }
                List<A> answers = f.apply(hosts.get(h), mine);
                for (int q = 0; q < answers.size(); q++) {
                    out.set(peersOf.get(h).get(q), answers.get(q));
                }
            }
            return out;
        }

        @Override
        public List<HorizonCopies> round(List<HorizonPrices> prices) {
            if (dead >= 0 && prices.get(0).round() == 3) {
                throw new PeerUnresponsiveException(peersOf.get(dead), 3, "host " + dead);
            }
            return spread(prices, HorizonHost::round);
        }

        @Override
        public List<HorizonCheckResult> check(List<HorizonCheck> checks) {
            return spread(checks, HorizonHost::check);
        }

        @Override
        public List<HorizonReport> reports(int round) {
            HorizonReport[] out =
                    new HorizonReport[hosts.stream().mapToInt(h -> h.peers().length).sum()];
            for (HorizonHost h : hosts) {
                for (HorizonReport r : h.reports(round)) {
                    out[r.peer()] = r;
                }
            }
            return List.of(out);
        }

        @Override
        public void close() {}
    }

    static MarketProblem horizon(long seed, boolean linked) {
        return new MultiPeriodFormulation()
                .formulate(
                        RandomHorizons.generate(
                                seed,
                                RandomHorizons.Spec.full()
                                        .withPeers(3, 8)
                                        .withMaxPeriods(6)
                                        .withLinked(linked)))
                .problem();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {2, 12})
    void agentsOnThreeHostsMatchInProcessBitForBit(long seed) {
        MarketProblem p = horizon(seed, true);
        ProblemSolution in = new AdmmSolver(AdmmOptions.DEFAULTS).solve(p, OPTIONS);
        ProblemSolution split =
                new AdmmSolver(AdmmOptions.DEFAULTS, null, specs -> new Split(specs, 3, -1))
                        .solve(p, OPTIONS);
        assertEquals(Status.OPTIMAL, in.status(), in.message());
        assertEquals(in.status(), split.status());
        assertEquals(in.iterations(), split.iterations(), "rounds");
        assertArrayEquals(in.x(), split.x(), "set-points");
        assertArrayEquals(in.f(), split.f(), "trades");
        assertArrayEquals(in.y(), split.y(), "node prices");
        assertArrayEquals(in.arcPrices(), split.arcPrices(), "arc prices");
        assertArrayEquals(in.privateVariables(), split.privateVariables(), "private variables");
        assertArrayEquals(in.sideDuals(), split.sideDuals(), "row multipliers");
        assertEquals(in.dualityGap(), split.dualityGap(), 0.0, "gap");
    }

    @Test
    void aHostThatStopsAnsweringEndsTheRunWithoutAPoint() {
        MarketProblem p = horizon(9, true);
        ProblemSolution s =
                new AdmmSolver(AdmmOptions.DEFAULTS, null, specs -> new Split(specs, 3, 1))
                        .solve(p, OPTIONS);
        assertEquals(Status.ITERATION_LIMIT, s.status());
        assertFalse(s.hasPoint(), "no half-settled point");
        assertEquals(3, s.iterations());
        assertTrue(s.message().contains(p.peerLabel(1)), s.message());
    }
}
