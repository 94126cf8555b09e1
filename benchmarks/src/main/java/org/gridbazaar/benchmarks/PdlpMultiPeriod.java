package org.gridbazaar.benchmarks;

import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPModelRequest;
import com.google.ortools.linearsolver.MPQuadraticObjective;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariableProto;
import com.google.ortools.pdlp.SolveLog;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import java.util.Locale;
import org.gridbazaar.formulation.MarketProblem;
import org.gridbazaar.formulation.MultiPeriodFormulation;
import org.gridbazaar.formulation.ProblemSolution;
import org.gridbazaar.result.Status;
import org.gridbazaar.solver.SolverOptions;
import org.gridbazaar.solver.Solvers;

/**
 * PDLP (OR-Tools) against {@code structured-ipm} on a stacked market over time of {@link
 * BenchmarkHorizons}: the QP of {@link PdlpComparison} (node injections and arc flows, balance
 * rows, diagonal quadratic objective) plus the peers' private variables (storage charge, discharge,
 * energy, device power: bounds and their own diagonal costs) and side rows (storage {@code net} and
 * {@code energy} equalities, ramp and window inequalities, over nodes and private variables), with
 * the same PDLP parameters ({@link PdlpComparison#parameters()}: 1e-6 relative and absolute, 1
 * thread).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar org.gridbazaar.benchmarks.PdlpMultiPeriod
 * [SPEC@PERIODS [TIME_LIMIT_S]]} (default {@code 200x20@24}, 600 s): one warm-up and one timed
 * solve of structured-ipm, then one PDLP solve (wall clock, the native library loaded before), and
 * the objective difference. {@code -DipmWarmup=false} skips structured-ipm's warm-up (for the
 * largest sizes, where one solve takes minutes).
 */
public final class PdlpMultiPeriod {

    private PdlpMultiPeriod() {}

    /** The request for {@code p}: variables nodes, then arcs, then private variables. */
    static MPModelRequest request(MarketProblem p, double timeLimitSeconds) {
        int n = p.nodeCount(), m = p.arcCount(), z = p.variableCount();
        double[] a = p.quadratic(),
                b = p.linear(),
                c = p.constant(),
                lo = p.lower(),
                hi = p.upper(),
                w = p.arcCost();
        double[] va = p.variableQuadratic(),
                vb = p.variableLinear(),
                vc = p.variableConstant(),
                vlo = p.variableLower(),
                vhi = p.variableUpper();
        int[] tail = p.tail(), head = p.head();
        MPModelProto.Builder model = MPModelProto.newBuilder().setName(p.name()).setMaximize(false);
        MPQuadraticObjective.Builder quadratic = MPQuadraticObjective.newBuilder();
        double offset = 0;
        for (int k = 0; k < n; k++) {
            model.addVariable(
                    MPVariableProto.newBuilder()
                            .setLowerBound(lo[k])
                            .setUpperBound(hi[k])
                            .setObjectiveCoefficient(b[k]));
            if (a[k] != 0) {
                quadratic.addQvar1Index(k).addQvar2Index(k).addCoefficient(0.5 * a[k]);
            }
            offset += c[k];
        }
        for (int t = 0; t < m; t++) {
            model.addVariable(
                    MPVariableProto.newBuilder()
                            .setLowerBound(0)
                            .setUpperBound(Double.POSITIVE_INFINITY)
                            .setObjectiveCoefficient(w[t]));
        }
        for (int v = 0; v < z; v++) {
            model.addVariable(
                    MPVariableProto.newBuilder()
                            .setLowerBound(vlo[v])
                            .setUpperBound(vhi[v])
                            .setObjectiveCoefficient(vb[v]));
            if (va[v] != 0) {
                quadratic
                        .addQvar1Index(n + m + v)
                        .addQvar2Index(n + m + v)
                        .addCoefficient(0.5 * va[v]);
            }
            offset += vc[v];
        }
        model.setQuadraticObjective(quadratic).setObjectiveOffset(offset);
        MPConstraintProto.Builder[] balance = new MPConstraintProto.Builder[n];
        for (int k = 0; k < n; k++) {
            balance[k] =
                    MPConstraintProto.newBuilder()
                            .setLowerBound(0)
                            .setUpperBound(0)
                            .addVarIndex(k)
                            .addCoefficient(1);
        }
        for (int t = 0; t < m; t++) {
            balance[tail[t]].addVarIndex(n + t).addCoefficient(-1);
            balance[head[t]].addVarIndex(n + t).addCoefficient(1);
        }
        for (int k = 0; k < n; k++) {
            model.addConstraint(balance[k]);
        }
        for (int r = 0; r < p.sideConstraintCount(); r++) {
            double rhs = p.sideRhs(r);
            MPConstraintProto.Builder row =
                    MPConstraintProto.newBuilder()
                            .setLowerBound(p.sideIsEquality(r) ? rhs : Double.NEGATIVE_INFINITY)
                            .setUpperBound(rhs);
            int[] sn = p.sideNodes(r), sv = p.sideVariables(r);
            double[] sc = p.sideCoefficients(r), svc = p.sideVariableCoefficients(r);
            for (int i = 0; i < sn.length; i++) {
                row.addVarIndex(sn[i]).addCoefficient(sc[i]);
            }
            for (int i = 0; i < sv.length; i++) {
                row.addVarIndex(n + m + sv[i]).addCoefficient(svc[i]);
            }
            model.addConstraint(row);
        }
        for (int r = 0; r < p.couplingConstraintCount(); r++) {
            MPConstraintProto.Builder row =
                    MPConstraintProto.newBuilder()
                            .setLowerBound(Double.NEGATIVE_INFINITY)
                            .setUpperBound(p.couplingRhs(r));
            int[] cn = p.couplingNodes(r);
            double[] cc = p.couplingCoefficients(r);
            for (int i = 0; i < cn.length; i++) {
                row.addVarIndex(cn[i]).addCoefficient(cc[i]);
            }
            model.addConstraint(row);
        }
        return MPModelRequest.newBuilder()
                .setModel(model)
                .setSolverType(MPModelRequest.SolverType.PDLP_LINEAR_PROGRAMMING)
                .setSolverSpecificParameters(
                        TextFormat.printer().printToString(PdlpComparison.parameters()))
                .setSolverTimeLimitSeconds(timeLimitSeconds)
                .build();
    }

    /**
     * PDLP's point for {@code p} from a response with every variable's value (in the order of
     * {@link #request}): injections, flows, private variables.
     */
    static double[][] point(MarketProblem p, MPSolutionResponse r) {
        int n = p.nodeCount(), m = p.arcCount(), z = p.variableCount();
        double[] x = new double[n], f = new double[m], v = new double[z];
        for (int k = 0; k < n; k++) {
            x[k] = r.getVariableValue(k);
        }
        for (int t = 0; t < m; t++) {
            f[t] = r.getVariableValue(n + t);
        }
        for (int j = 0; j < z; j++) {
            v[j] = r.getVariableValue(n + m + j);
        }
        return new double[][] {x, f, v};
    }

    /**
     * Runs the comparison.
     *
     * @param args market {@code SPEC@PERIODS} (default {@code 200x20@24}), then PDLP's time limit
     *     in s (default 600)
     */
    public static void main(String[] args) {
        String spec = args.length > 0 ? args[0] : "200x20@24";
        double limit = args.length > 1 ? Double.parseDouble(args[1]) : 600;
        MarketProblem p =
                new MultiPeriodFormulation().formulate(BenchmarkHorizons.named(spec)).problem();
        int n = p.nodeCount(), m = p.arcCount(), z = p.variableCount();
        System.out.printf(
                Locale.ROOT,
                "%s: %d nodes, %d arcs, %d private variables, %d side rows, %d coupling rows%n",
                spec,
                n,
                m,
                z,
                p.sideConstraintCount(),
                p.couplingConstraintCount());
        var ipm = Solvers.defaultSolver();
        if (Boolean.parseBoolean(System.getProperty("ipmWarmup", "true"))) {
            ipm.solve(p, SolverOptions.DEFAULTS); // warm-up
        }
        long t0 = System.nanoTime();
        ProblemSolution s = ipm.solve(p, SolverOptions.DEFAULTS);
        double ipmSeconds = (System.nanoTime() - t0) * 1e-9;
        if (s.status() != Status.OPTIMAL) {
            throw new IllegalStateException(
                    "structured-ipm on " + spec + ": " + s.status() + " " + s.message());
        }
        double ref = p.objective(s.x(), s.privateVariables(), s.f());
        System.out.printf(
                Locale.ROOT,
                "structured-ipm: %s, %d iterations, %.2f s wall, objective %.9e $%n",
                s.status(),
                s.iterations(),
                ipmSeconds,
                ref);
        PdlpComparison.loadNativeLibraries();
        long p0 = System.nanoTime();
        MPSolutionResponse r = MPSolver.solveWithProto(request(p, limit));
        double pdlpSeconds = (System.nanoTime() - p0) * 1e-9;
        String termination = r.getStatusStr();
        int iterations = -1;
        if (r.hasSolverSpecificInfo()) {
            try {
                SolveLog log = SolveLog.parseFrom(r.getSolverSpecificInfo());
                termination = log.getTerminationReason().name().replace("TERMINATION_REASON_", "");
                iterations = log.getIterationCount();
            } catch (InvalidProtocolBufferException e) {
                termination += " (solve log unreadable)";
            }
        }
        String diff = "-";
        if (r.getVariableValueCount() == n + m + z) {
            double[][] point = point(p, r);
            double[] x = point[0], f = point[1], zz = point[2];
            double[] nf = p.injections(f);
            double balance = 0, dx = 0;
            for (int k = 0; k < n; k++) {
                balance = Math.max(balance, Math.abs(x[k] - nf[k]));
                dx = Math.max(dx, Math.abs(x[k] - s.x()[k]));
            }
            double obj = p.objective(x, zz, f);
            diff =
                    String.format(
                            Locale.ROOT,
                            "objective %.9e $ (relative difference %.1e), max set-point difference %.1e kW, balance residual %.1e kW",
                            obj,
                            (obj - ref) / Math.max(1, Math.abs(ref)),
                            dx,
                            balance);
        }
        System.out.printf(
                Locale.ROOT,
                "PDLP: %s (%s), %d iterations, %.2f s wall; %s; ratio PDLP / structured-ipm %.1fx%n",
                r.getStatus(),
                termination,
                iterations,
                pdlpSeconds,
                diff,
                pdlpSeconds / ipmSeconds);
    }
}
