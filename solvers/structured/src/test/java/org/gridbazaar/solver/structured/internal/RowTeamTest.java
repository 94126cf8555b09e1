package org.gridbazaar.solver.structured.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

/**
 * The two-thread row sharing: every row of every product is computed exactly once, products do
 * not bleed into each other (a late helper must not take a chunk of the next product with the
 * previous one's work), and chunks follow the work per row.
 */
class RowTeamTest {

    @Test
    void everyRowOfEveryProductIsComputedOnce() {
        int rows = 1000;
        int[] start = new int[rows + 1];
        for (int k = 0; k < rows; k++) {
            start[k + 1] = start[k] + 1 + (k % 7) * 3;
        }
        try (RowTeam team = new RowTeam(start)) {
            for (int product = 1; product <= 5000; product++) {
                AtomicIntegerArray count = new AtomicIntegerArray(rows);
                int tag = product;
                int[] seenTag = new int[rows];
                team.run((from, to) -> {
                    for (int k = from; k < to; k++) {
                        count.incrementAndGet(k);
                        seenTag[k] = tag;
                    }
                });
                for (int k = 0; k < rows; k++) {
                    assertEquals(1, count.get(k), "product " + product + ", row " + k);
                    assertEquals(product, seenTag[k], "product " + product + ", row " + k + " written by another product's work");
                }
            }
        }
    }

    @Test
    void chunksBalanceWorkNotRows() {
        // the first 10 rows hold half the work
        int rows = 1010;
        int[] start = new int[rows + 1];
        for (int k = 0; k < rows; k++) {
            start[k + 1] = start[k] + (k < 10 ? 1000 : 10);
        }
        int[] largest = new int[1];
        try (RowTeam team = new RowTeam(start)) {
            team.run((from, to) -> {
                synchronized (largest) {
                    largest[0] = Math.max(largest[0], start[to] - start[from]);
                }
            });
        }
        int total = start[rows];
        assertTrue(largest[0] <= 2.0 * total / RowTeam.CHUNKS + 1000,
                "largest chunk " + largest[0] + " of " + total);
    }
}
