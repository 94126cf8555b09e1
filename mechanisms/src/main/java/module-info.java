/**
 * Transactive mechanisms over markets: monotone piecewise-linear bid curves, their exact
 * aggregation and clearing ({@code org.gridbazaar.mechanism}), and a community's curve computed
 * from its members by clearing its market over a look-ahead; the real-time loop of communities with
 * their load-serving entity ({@code org.gridbazaar.mechanism.realtime}) and the bonus mechanism
 * against real-time imbalance ({@code org.gridbazaar.mechanism.bonus}).
 */
module org.gridbazaar.mechanisms {
    requires transitive org.gridbazaar.model;
    requires transitive org.gridbazaar.solver.spi;

    exports org.gridbazaar.mechanism;
    exports org.gridbazaar.mechanism.bonus;
    exports org.gridbazaar.mechanism.realtime;
}
