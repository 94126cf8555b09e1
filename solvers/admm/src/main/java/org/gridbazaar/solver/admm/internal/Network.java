package org.gridbazaar.solver.admm.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The in-process network: every agent's inbox and outbox as slices of four flat arrays (one entry
 * per link end), and for each entry the entry at the other end of the same channel. Delivering a
 * round copies each outbox entry to the inbox entry of the partner's end; nothing else moves
 * between agents.
 */
final class Network {

    final double[] inTrade, inPrice, inPenalty, outTrade, outPrice, outPenalty;
    private final int[] offset, size, otherEnd;

    /** A network for agents {@code 0..n-1} whose links are on the given channels (each channel has exactly two ends). */
    Network(int[][] channelsOfAgent) {
        int n = channelsOfAgent.length;
        offset = new int[n + 1];
        size = new int[n];
        for (int a = 0; a < n; a++) {
            size[a] = channelsOfAgent[a].length;
            offset[a + 1] = offset[a] + size[a];
        }
        int total = offset[n];
        inTrade = new double[total];
        inPrice = new double[total];
        outTrade = new double[total];
        outPrice = new double[total];
        inPenalty = new double[total];
        outPenalty = new double[total];
        otherEnd = new int[total];
        Map<Integer, Integer> open = new HashMap<>();
        for (int a = 0; a < n; a++) {
            for (int l = 0; l < size[a]; l++) {
                int slot = offset[a] + l;
                Integer other = open.remove(channelsOfAgent[a][l]);
                if (other == null) {
                    open.put(channelsOfAgent[a][l], slot);
                } else {
                    otherEnd[slot] = other;
                    otherEnd[other] = slot;
                }
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException("channels with one end only: " + open.keySet());
        }
    }

    /** Agent {@code a}'s mailbox. */
    Agent.Mailbox mailbox(int a) {
        return new Agent.Mailbox(inTrade, inPrice, inPenalty, outTrade, outPrice, outPenalty, offset[a], size[a]);
    }

    /** The entry of agent {@code a}'s link {@code l}. */
    int slot(int a, int l) {
        return offset[a] + l;
    }

    /** Number of link ends (entries). */
    int size() {
        return otherEnd.length;
    }

    /** Number of agents. */
    int agents() {
        return size.length;
    }

    /** Delivers the outboxes of the other ends into agent {@code a}'s inbox. */
    void deliverTo(int a) {
        for (int s = offset[a], end = offset[a + 1]; s < end; s++) {
            int o = otherEnd[s];
            inTrade[s] = outTrade[o];
            inPrice[s] = outPrice[o];
            inPenalty[s] = outPenalty[o];
        }
    }
}
