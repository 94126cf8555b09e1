package org.gridbazaar.solver.admm.transport;

/** Checks shared by the per-link messages. */
final class Links {

    private Links() {}

    static void check(
            String what, int peer, int[] partners, int[] commodities, double[]... values) {
        if (peer < 0) {
            throw new IllegalArgumentException(what + ": peer must be >= 0, got " + peer);
        }
        int n = partners.length;
        if (commodities.length != n) {
            throw new IllegalArgumentException(
                    what
                            + " of peer "
                            + peer
                            + ": "
                            + n
                            + " partners but "
                            + commodities.length
                            + " commodities");
        }
        for (double[] v : values) {
            if (v.length != n) {
                throw new IllegalArgumentException(
                        what
                                + " of peer "
                                + peer
                                + ": "
                                + n
                                + " partners but "
                                + v.length
                                + " values in one array");
            }
        }
    }
}
