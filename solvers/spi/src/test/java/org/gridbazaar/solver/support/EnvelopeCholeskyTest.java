package org.gridbazaar.solver.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The envelope factorization on two threads gives the factor of one thread bit for bit (the same
 * operations on every entry in the same order), on random envelopes of positive definite matrices
 * and on singular ones whose pivots are replaced, and the factor solves the system.
 */
class EnvelopeCholeskyTest {

    /** A random matrix {@code B B' + shift I} restricted to a random envelope, and its envelope. */
    private static EnvelopeCholesky random(long seed, int n, double shift) {
        Random r = new Random(seed);
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = r.nextInt(10) == 0 ? 0 : Math.max(0, i - 1 - r.nextInt(60));
        }
        EnvelopeCholesky k = new EnvelopeCholesky(first);
        for (int i = 0; i < n; i++) {
            for (int j = first[i]; j < i; j++) {
                k.values[k.index(i, j)] = r.nextGaussian() * 0.1;
            }
            // diagonally dominant when shifted, so positive definite
            double row = 0;
            for (int j = first[i]; j < i; j++) {
                row += Math.abs(k.values[k.index(i, j)]);
            }
            k.values[k.index(i, i)] = shift * (1 + row + 0.1 * n);
        }
        return k;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void twoThreadsGiveTheSameFactorBitForBit(long seed) {
        int n = 700;
        EnvelopeCholesky one = random(seed, n, 1), two = random(seed, n, 1);
        double[] matrix = one.values.clone();
        one.factor(false);
        two.factor(true);
        assertArrayEquals(one.values, two.values, 0.0);
        assertEquals(0, two.replacedPivots());
        // the factor solves the system: L L' x = b with the original matrix
        Random r = new Random(seed);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextGaussian();
        }
        double[] x = b.clone();
        two.solve(x);
        EnvelopeCholesky original = random(seed, n, 1);
        assertArrayEquals(matrix, original.values, 0.0);
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = firstOf(original, i);
        }
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                int lo = Math.min(i, j), hi = Math.max(i, j);
                if (lo >= first[hi]) {
                    s += original.values[original.index(hi, lo)] * x[j];
                }
            }
            worst = Math.max(worst, Math.abs(s - b[i]));
        }
        assertTrue(worst < 1e-9, "residual " + worst);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 8})
    void replacedPivotsAreCountedOnBothThreads(long seed) {
        int n = 400;
        EnvelopeCholesky one = random(seed, n, 1), two = random(seed, n, 1);
        // zero rows and columns: every one of them a pivot to replace
        for (int i = 0; i < n; i += 7) {
            for (EnvelopeCholesky k : new EnvelopeCholesky[] {one, two}) {
                for (int row = i; row < n; row++) {
                    if (firstOf(k, row) <= i) {
                        k.values[k.index(row, i)] = 0;
                    }
                }
                for (int j = firstOf(k, i); j <= i; j++) {
                    k.values[k.index(i, j)] = 0;
                }
            }
        }
        one.factor(false);
        two.factor(true);
        assertArrayEquals(one.values, two.values, 0.0);
        assertEquals((n + 6) / 7, one.replacedPivots());
        assertEquals(one.replacedPivots(), two.replacedPivots());
    }

    private static int firstOf(EnvelopeCholesky k, int i) {
        int j = i;
        while (j > 0 && inside(k, i, j - 1)) {
            j--;
        }
        return j;
    }

    private static boolean inside(EnvelopeCholesky k, int i, int j) {
        try {
            k.index(i, j);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
