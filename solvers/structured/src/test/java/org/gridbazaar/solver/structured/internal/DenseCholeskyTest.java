package org.gridbazaar.solver.structured.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dense Cholesky solves positive definite systems to rounding, in both its orders, and refuses
 * an indefinite matrix.
 */
class DenseCholeskyTest {

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(
            ints = {
                1,
                7,
                64,
                300,
                DenseCholesky.BLOCKED_FROM,
                DenseCholesky.BLOCKED_FROM + 1,
                1234
            })
    void solvesAPositiveDefiniteSystemToRounding(int n) {
        Random r = new Random(n);
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = r.nextDouble() - 0.5;
                m[i][j] = s;
                m[j][i] = s;
            }
            m[i][i] += n;
        }
        DenseCholesky d = new DenseCholesky(n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, d.data, i * n, n);
        }
        assertTrue(d.factor());
        double[] b = new double[n], x = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextDouble() - 0.5;
        }
        double[] copy = b.clone();
        d.solve(b, x);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double s = -b[i];
            for (int j = 0; j < n; j++) {
                s += m[i][j] * x[j];
            }
            worst = Math.max(worst, Math.abs(s));
        }
        assertTrue(worst < 1e-12, "residual " + worst);
        assertTrue(java.util.Arrays.equals(copy, b), "the right-hand side is left as it was");
    }

    @Test
    void anIndefiniteMatrixIsRefused() {
        DenseCholesky d = new DenseCholesky(2);
        d.data[0] = 1;
        d.data[1] = 2;
        d.data[2] = 2;
        d.data[3] = 1;
        assertFalse(d.factor());
    }
}
