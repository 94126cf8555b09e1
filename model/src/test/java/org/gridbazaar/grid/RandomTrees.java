package org.gridbazaar.grid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Network;

/** Seeded random radial networks: random shape, lines in random order and random direction. */
final class RandomTrees {

    private RandomTrees() {}

    /**
     * A random tree on buses {@code B0..B(n-1)} rooted at {@code B0}; each bus {@code k > 0} hangs
     * from a uniformly chosen earlier bus, so shapes range from chains to stars.
     */
    static Network tree(Random random, int buses, double nominalVoltageKv) {
        List<Line> lines = new ArrayList<>();
        for (int k = 1; k < buses; k++) {
            int parent = random.nextInt(k);
            double r = 0.05 + random.nextDouble();
            double x = random.nextDouble();
            String a = "B" + parent;
            String b = "B" + k;
            lines.add(
                    random.nextBoolean()
                            ? Line.of("L" + k, a, b, r, x)
                            : Line.of("L" + k, b, a, r, x));
        }
        Collections.shuffle(lines, random);
        return new Network(nominalVoltageKv, "B0", lines);
    }
}
