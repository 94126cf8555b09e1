package org.gridbazaar.architecture;

import java.util.Objects;

/**
 * What one participant pays and receives in a clearing, summed over its periods, in $.
 *
 * <p>Energy is settled at the price of each trade: a buyer pays {@code price * quantity * h} to its
 * seller for every trade of {@code quantity} kW over a period of {@code h} hours. Fees are the
 * managers' margins: a member pays {@code margin * |q| * h} on its trade {@code q} with its
 * manager, which the manager receives. All amounts are {@code >= 0}.
 *
 * @param id the participant (a peer, a manager, the pool operator, or {@value #GRID})
 * @param kind what it is
 * @param energyPaid $ paid for energy bought
 * @param energyReceived $ received for energy sold
 * @param feesPaid $ of margins paid to a manager
 * @param feesReceived $ of margins collected from members
 */
public record Bill(
        String id,
        Kind kind,
        double energyPaid,
        double energyReceived,
        double feesPaid,
        double feesReceived) {

    /** The id of the grid connection's bill (import and export together). */
    public static final String GRID = "grid";

    /** The kinds of participants. */
    public enum Kind {
        /** A peer of the population. */
        PEER,
        /** A community manager or the pool operator. */
        COORDINATOR,
        /** The grid connection: it receives the import payments and pays for exports. */
        GRID
    }

    public Bill {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }

    /** What it pays minus what it receives, $ (negative: it is paid on balance). */
    public double net() {
        return energyPaid + feesPaid - energyReceived - feesReceived;
    }

    /** Everything it pays, $. */
    public double paid() {
        return energyPaid + feesPaid;
    }

    /** Everything it receives, $. */
    public double received() {
        return energyReceived + feesReceived;
    }
}
