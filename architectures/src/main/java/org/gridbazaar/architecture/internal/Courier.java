package org.gridbazaar.architecture.internal;

import java.util.List;

/**
 * The in-process network of price coordination: the only place a message crosses from one agent to
 * another, counting each message and its payload (8 bytes per number, no headers). A cluster would
 * put the wire here.
 */
public final class Courier {

    private long messages;
    private long bytes;

    /**
     * A coordinator sends {@code member} a price and receives its answer: two messages, 1 + 3
     * numbers.
     */
    public Answer ask(MemberAgent member, double price) {
        messages += 2;
        bytes += 8L * (1 + Answer.NUMBERS);
        return member.answer(price);
    }

    /** A coordinator sends {@code members} a price and sums their answers. */
    public Answer askAll(List<MemberAgent> members, double price) {
        Answer sum = Answer.ZERO;
        for (MemberAgent m : members) {
            sum = sum.plus(ask(m, price));
        }
        return sum;
    }

    /**
     * Each of {@code coordinators} sends every other one its community's sum: {@code k(k-1)}
     * messages of 3 numbers.
     */
    public void share(int coordinators) {
        long k = coordinators;
        messages += k * (k - 1);
        bytes += k * (k - 1) * 8L * Answer.NUMBERS;
    }

    /**
     * The last message to {@code member}: the price and its share of its range of optima (two
     * numbers); returns its set-point.
     */
    public double settle(MemberAgent member, double price, double theta) {
        messages += 1;
        bytes += 16;
        return member.settle(price, theta);
    }

    /** Messages so far. */
    public long messages() {
        return messages;
    }

    /** Payload bytes so far. */
    public long bytes() {
        return bytes;
    }
}
