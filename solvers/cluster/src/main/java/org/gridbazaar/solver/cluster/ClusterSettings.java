package org.gridbazaar.solver.cluster;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the platform talks to the nodes, read from the {@code gridbazaar.cluster} section of Pekko's
 * (HOCON) configuration; defaults are in this module's {@code reference.conf}.
 *
 * @param roundTimeout how long the platform waits for a node's answer to one request
 * @param attempts how many times a request is sent before its node's peers are declared lost
 *     ({@code >= 1}); a node answers a re-sent request from its last answer
 * @param discoveryTimeout how long the platform waits for the expected number of nodes to register
 * @param startTimeout how long the platform waits for a node to start its agents (the first request
 *     of a negotiation, which on a fresh node also loads and compiles the code)
 * @param rejoinTimeout how long the platform of a negotiation over time waits, after a node stopped
 *     answering, for a new node (a restarted one) to register and take over the lost node's peers
 *     from their last state; 0 for not at all (the market is re-cleared without them at once)
 */
public record ClusterSettings(
        Duration roundTimeout,
        int attempts,
        Duration discoveryTimeout,
        Duration startTimeout,
        Duration rejoinTimeout) {

    /** Checks that durations are positive and at least one attempt is made. */
    public ClusterSettings {
        if (roundTimeout.isNegative() || roundTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "gridbazaar.cluster.round-timeout must be positive, got " + roundTimeout);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException(
                    "gridbazaar.cluster.attempts must be >= 1, got " + attempts);
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "gridbazaar.cluster.start-timeout must be positive, got " + startTimeout);
        }
        if (rejoinTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "gridbazaar.cluster.rejoin-timeout must be >= 0, got " + rejoinTimeout);
        }
        if (discoveryTimeout.isNegative() || discoveryTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "gridbazaar.cluster.discovery-timeout must be positive, got "
                            + discoveryTimeout);
        }
    }

    /** The settings in {@code config}'s {@code gridbazaar.cluster} section. */
    public static ClusterSettings from(Config config) {
        Config c = config.getConfig("gridbazaar.cluster");
        return new ClusterSettings(
                c.getDuration("round-timeout"),
                c.getInt("attempts"),
                c.getDuration("discovery-timeout"),
                c.getDuration("start-timeout"),
                c.getDuration("rejoin-timeout"));
    }

    /** These settings with another round time-out. */
    public ClusterSettings withRoundTimeout(Duration value) {
        return new ClusterSettings(value, attempts, discoveryTimeout, startTimeout, rejoinTimeout);
    }

    /** These settings with another number of attempts. */
    public ClusterSettings withAttempts(int value) {
        return new ClusterSettings(
                roundTimeout, value, discoveryTimeout, startTimeout, rejoinTimeout);
    }

    /** These settings with another rejoin time-out (0: no rejoin). */
    public ClusterSettings withRejoinTimeout(Duration value) {
        return new ClusterSettings(roundTimeout, attempts, discoveryTimeout, startTimeout, value);
    }
}
