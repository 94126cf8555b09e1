package org.gridbazaar.solver.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gridbazaar.formulation.MarketProblem;

/**
 * The peers a node hosts from its own case ({@code gridbazaar node --peers CASE --ids ...}): the
 * market of that case, the hosted peers' indices in it, and the digest of its public data. Such a
 * node builds its peers' agents itself, so their costs, bounds and rows never cross the wire; the
 * platform sends it only what every party knows (the caps of the trades and the local tolerance).
 * Markets over time only (admm's horizon negotiation).
 */
public final class OwnPeers {

    private final MarketProblem market;
    private final int[] peers;
    private final List<String> ids;
    private final String digest;

    private OwnPeers(MarketProblem market, int[] peers, List<String> ids) {
        this.market = market;
        this.peers = peers;
        this.ids = ids;
        this.digest = digest(market);
    }

    /**
     * The peers {@code ids} (their labels) of {@code market}.
     *
     * @throws IllegalArgumentException naming every id that is not a peer of the market or is given
     *     twice
     */
    public static OwnPeers of(MarketProblem market, List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("--ids names no peer; maybe --ids A,B");
        }
        List<String> unknown = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int[] peers = new int[ids.size()];
        for (int q = 0; q < ids.size(); q++) {
            String id = ids.get(q);
            if (!seen.add(id)) {
                twice.add(id);
            }
            peers[q] = -1;
            for (int p = 0; p < market.peerCount(); p++) {
                if (market.peerLabel(p).equals(id)) {
                    peers[q] = p;
                }
            }
            if (peers[q] < 0) {
                unknown.add(id);
            }
        }
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            List<String> all = new ArrayList<>();
            for (int p = 0; p < market.peerCount(); p++) {
                all.add(market.peerLabel(p));
            }
            problems.add(
                    "peer"
                            + (unknown.size() == 1 ? " " : "s ")
                            + String.join(", ", unknown)
                            + " of --ids "
                            + (unknown.size() == 1 ? "is" : "are")
                            + " not in the case "
                            + market.name()
                            + "; its peers are "
                            + String.join(", ", all));
        }
        if (!twice.isEmpty()) {
            problems.add("--ids names " + String.join(", ", twice) + " more than once");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        java.util.Arrays.sort(peers);
        return new OwnPeers(market, peers, List.copyOf(ids));
    }

    /** The market of the node's case. */
    public MarketProblem market() {
        return market;
    }

    /** The hosted peers' indices in the market, increasing. */
    public int[] peers() {
        return peers.clone();
    }

    /** The hosted peers' ids as given. */
    public List<String> ids() {
        return ids;
    }

    /** The digest of the market's public data ({@link #digest(MarketProblem)}). */
    public String digest() {
        return digest;
    }

    /**
     * SHA-256 (hex) of a market's public data: its peers' ids in order, each node's peer, commodity
     * and period, each private variable's peer and period, and each trade's (arc's) two nodes. Two
     * parties whose digests agree index peers, nodes and trades the same way; costs, bounds and
     * rows are not part of it.
     */
    public static String digest(MarketProblem m) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(12);
            for (int p = 0; p < m.peerCount(); p++) {
                byte[] id = m.peerLabel(p).getBytes(StandardCharsets.UTF_8);
                sha.update(b.clear().putInt(id.length).flip());
                sha.update(id);
            }
            int[] np = m.nodePeer(), nc = m.nodeCommodity(), nt = m.nodePeriod();
            for (int k = 0; k < m.nodeCount(); k++) {
                sha.update(b.clear().putInt(np[k]).putInt(nc[k]).putInt(nt[k]).flip());
            }
            for (int v = 0; v < m.variableCount(); v++) {
                sha.update(b.clear().putInt(m.variablePeer(v)).putInt(m.variablePeriod(v)).flip());
            }
            int[] tail = m.tail(), head = m.head();
            for (int a = 0; a < tail.length; a++) {
                sha.update(b.clear().putInt(tail[a]).putInt(head[a]).flip());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
