package org.gridbazaar.solver.support;

/**
 * The exact optimum of a tiny bounded QP with diagonal Hessian by enumeration of active sets: every
 * variable at its lower bound, its upper bound or free, every inequality row active or not; each
 * choice whose equality-constrained subproblem has a unique minimiser (a nonsingular KKT matrix)
 * gives a candidate point, and the least objective among the feasible candidates is the optimum (a
 * convex QP on a bounded feasible set has an optimal point whose active constraints determine it
 * uniquely, and at most {@code n} independent ones do). Exponential: for up to about 4 variables
 * and 8 rows.
 */
final class ActiveSetReference {

    private ActiveSetReference() {}

    /** A tiny QP in dense form: {@code a[r]} the coefficients of row {@code r}. */
    record Qp(
            double[] lo,
            double[] hi,
            double[] q,
            double[] c,
            double[][] a,
            double[] b,
            boolean[] equality) {

        double objective(double[] u) {
            double s = 0;
            for (int j = 0; j < u.length; j++) {
                s += (0.5 * q[j] * u[j] + c[j]) * u[j];
            }
            return s;
        }

        /** Largest violation of a bound or row at {@code u}. */
        double violation(double[] u) {
            double v = 0;
            for (int j = 0; j < u.length; j++) {
                v = Math.max(v, Math.max(lo[j] - u[j], u[j] - hi[j]));
            }
            for (int r = 0; r < b.length; r++) {
                double t = -b[r];
                for (int j = 0; j < u.length; j++) {
                    t += a[r][j] * u[j];
                }
                v = Math.max(v, equality[r] ? Math.abs(t) : t);
            }
            return v;
        }

        SeparableQp build() {
            SeparableQp.Builder bld = SeparableQp.builder();
            int n = lo.length;
            int[] vars = new int[n];
            for (int j = 0; j < n; j++) {
                vars[j] = bld.variable(lo[j], hi[j], q[j], c[j]);
            }
            for (int r = 0; r < b.length; r++) {
                bld.row(vars, a[r].clone(), equality[r], b[r], 0);
            }
            return bld.build();
        }
    }

    /** The optimal objective, or NaN when no candidate is feasible. */
    static double optimum(Qp p, double tolerance) {
        int n = p.lo.length, m = p.b.length;
        int[] inequalities = new int[m];
        int ni = 0;
        for (int r = 0; r < m; r++) {
            if (!p.equality[r]) {
                inequalities[ni++] = r;
            }
        }
        double best = Double.NaN;
        int varChoices = (int) Math.pow(3, n);
        for (int vc = 0; vc < varChoices; vc++) {
            for (int rc = 0; rc < 1 << ni; rc++) {
                double[] u = candidate(p, vc, rc, inequalities, ni);
                if (u != null && p.violation(u) <= tolerance && !(p.objective(u) >= best)) {
                    best = p.objective(u);
                }
            }
        }
        return best;
    }

    private static double[] candidate(Qp p, int vc, int rc, int[] inequalities, int ni) {
        int n = p.lo.length, m = p.b.length;
        double[] u = new double[n];
        int[] state = new int[n]; // 0 lower, 1 upper, 2 free
        int code = vc;
        int free = 0;
        for (int j = 0; j < n; j++) {
            state[j] = code % 3;
            code /= 3;
            if (state[j] == 0) {
                u[j] = p.lo[j];
            } else if (state[j] == 1) {
                u[j] = p.hi[j];
            } else {
                free++;
            }
        }
        if (p.lo.length > 0) {
            for (int j = 0; j < n; j++) {
                if (state[j] == 1 && p.lo[j] == p.hi[j]) {
                    return null; // the same point as at the lower bound
                }
            }
        }
        int active = n - free + Integer.bitCount(rc);
        for (int r = 0; r < m; r++) {
            active += p.equality[r] ? 1 : 0;
        }
        if (active > n) {
            return null; // dependent: some subset of these determines the same point
        }
        int[] rows = new int[m];
        int k = 0;
        for (int r = 0; r < m; r++) {
            if (p.equality[r]) {
                rows[k++] = r;
            }
        }
        for (int i = 0; i < ni; i++) {
            if ((rc >> i & 1) != 0) {
                rows[k++] = inequalities[i];
            }
        }
        int[] fv = new int[free];
        int f = 0;
        for (int j = 0; j < n; j++) {
            if (state[j] == 2) {
                fv[f++] = j;
            }
        }
        // KKT: [Q_ff A_f'; A_f 0] [u_f; y] = [-c_f; b - A_x u_x]
        int size = free + k;
        if (size == 0) {
            return u;
        }
        double[][] kkt = new double[size][size + 1];
        for (int i = 0; i < free; i++) {
            kkt[i][i] = p.q[fv[i]];
            kkt[i][size] = -p.c[fv[i]];
            for (int r = 0; r < k; r++) {
                kkt[i][free + r] = p.a[rows[r]][fv[i]];
                kkt[free + r][i] = p.a[rows[r]][fv[i]];
            }
        }
        for (int r = 0; r < k; r++) {
            double t = p.b[rows[r]];
            for (int j = 0; j < n; j++) {
                if (state[j] != 2) {
                    t -= p.a[rows[r]][j] * u[j];
                }
            }
            kkt[free + r][size] = t;
        }
        double[] x = solve(kkt);
        if (x == null) {
            return null;
        }
        for (int i = 0; i < free; i++) {
            u[fv[i]] = x[i];
        }
        return u;
    }

    /**
     * Solves the symmetric system {@code m} (right-hand side in its last column) after a symmetric
     * equilibration (Ruiz: rows and columns scaled until their largest entries are about 1), by
     * Gaussian elimination with partial pivoting; {@code null} when (nearly) singular.
     */
    private static double[] solve(double[][] m) {
        int n = m.length;
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1);
        for (int pass = 0; pass < 8; pass++) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    r[i] = Math.max(r[i], Math.abs(m[i][j]));
                }
            }
            for (int i = 0; i < n; i++) {
                double f = r[i] == 0 ? 1 : 1 / Math.sqrt(r[i]);
                d[i] *= f;
                for (int j = 0; j < n; j++) {
                    m[i][j] *= f;
                    m[j][i] *= f;
                }
                m[i][n] *= f;
            }
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(m[piv][col]) <= 1e-10) {
                return null;
            }
            double[] t = m[piv];
            m[piv] = m[col];
            m[col] = t;
            for (int r = col + 1; r < n; r++) {
                double factor = m[r][col] / m[col][col];
                for (int j = col; j <= n; j++) {
                    m[r][j] -= factor * m[col][j];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double t = m[r][n];
            for (int j = r + 1; j < n; j++) {
                t -= m[r][j] * x[j];
            }
            x[r] = t / m[r][r];
        }
        for (int i = 0; i < n; i++) {
            x[i] *= d[i];
        }
        return x;
    }
}
