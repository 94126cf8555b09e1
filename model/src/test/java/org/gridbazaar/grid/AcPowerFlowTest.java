package org.gridbazaar.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridbazaar.model.Line;
import org.gridbazaar.model.Network;
import org.junit.jupiter.api.Test;

class AcPowerFlowTest {

    /** Tight tolerance for checks against closed forms and the bus equations. */
    private static final AcPowerFlow TIGHT = AcPowerFlow.DEFAULT.withTolerance(1e-12);

    private static final double KV_TOL = 1e-7;
    private static final double KW_TOL = 1e-6;

    /**
     * Residual of the power-flow equations at every bus, computed independently of the sweep from
     * the reported voltages: {@code S_k = V_k conj(sum_l (V_k - V_other) / Z_l)}. Returns the
     * computed injections, kW and kvar, per bus index.
     */
    private static double[][] injectionsFromVoltages(
            RadialFeeder feeder, AcPowerFlowResult result) {
        int n = feeder.busCount();
        double vn = feeder.network().nominalVoltageKv();
        double[] vr = new double[n];
        double[] vi = new double[n];
        for (int b = 0; b < n; b++) {
            AcPowerFlowResult.BusVoltage v = result.busVoltages().get(b);
            assertEquals(feeder.busName(b), v.bus());
            vr[b] = v.magnitudeKv() * Math.cos(v.angleRad());
            vi[b] = v.magnitudeKv() * Math.sin(v.angleRad());
        }
        // per-phase: current (kA) out of the bus into each line; S3ph (MVA) = 3 V_ph conj(I) = V_ll
        // conj(I sqrt3)
        double[] ir = new double[n];
        double[] ii = new double[n];
        for (Line l : feeder.network().lines()) {
            int f = feeder.bus(l.from());
            int t = feeder.bus(l.to());
            double dr = vr[f] - vr[t];
            double di = vi[f] - vi[t];
            double z2 = l.resistanceOhm() * l.resistanceOhm() + l.reactanceOhm() * l.reactanceOhm();
            // (dr + j di) / (R + jX), LL kV over ohm: sqrt3 times the phase current in kA
            double cr = (dr * l.resistanceOhm() + di * l.reactanceOhm()) / z2;
            double ci = (di * l.resistanceOhm() - dr * l.reactanceOhm()) / z2;
            ir[f] += cr;
            ii[f] += ci;
            ir[t] -= cr;
            ii[t] -= ci;
        }
        double[][] s = new double[2][n];
        for (int b = 0; b < n; b++) {
            s[0][b] = 1000 * (vr[b] * ir[b] + vi[b] * ii[b]);
            s[1][b] = 1000 * (vi[b] * ir[b] - vr[b] * ii[b]);
        }
        assertEquals(vn, result.busVoltages().get(0).magnitudeKv(), 1e-12, "root voltage");
        return s;
    }

    /**
     * The reported voltages satisfy the power-flow equations, and the root supply closes the
     * balance.
     */
    private static void assertSolves(
            RadialFeeder feeder, AcPowerFlowResult result, double[] p, double[] q, double tolKw) {
        assertTrue(result.converged(), "not converged after " + result.iterations());
        double[][] s = injectionsFromVoltages(feeder, result);
        for (int b = 1; b < feeder.busCount(); b++) {
            assertEquals(p[b], s[0][b], tolKw, "active balance at bus " + feeder.busName(b));
            assertEquals(q[b], s[1][b], tolKw, "reactive balance at bus " + feeder.busName(b));
        }
        assertEquals(s[0][0] - p[0], result.rootSupplyKw(), tolKw, "root supply kW");
        assertEquals(s[1][0] - q[0], result.rootSupplyKvar(), tolKw, "root supply kvar");
        double sumP = 0;
        double sumQ = 0;
        for (int b = 0; b < p.length; b++) {
            sumP += p[b];
            sumQ += q[b];
        }
        assertEquals(
                0.0,
                result.rootSupplyKw() + sumP - result.lossesKw(),
                tolKw,
                "supply = load + losses, kW");
        assertEquals(
                0.0,
                result.rootSupplyKvar() + sumQ - result.lossesKvar(),
                tolKw,
                "supply = load + losses, kvar");
        double lineLosses =
                result.lineFlows().stream().mapToDouble(AcPowerFlowResult.BranchFlow::lossKw).sum();
        assertEquals(result.lossesKw(), lineLosses, tolKw);
        // the reported line-end flows balance at every non-root bus
        List<Line> lines = feeder.network().lines();
        double[] netP = new double[feeder.busCount()];
        double[] netQ = new double[feeder.busCount()];
        for (int l = 0; l < lines.size(); l++) {
            AcPowerFlowResult.BranchFlow f = result.lineFlows().get(l);
            netP[feeder.bus(lines.get(l).to())] += f.toKw();
            netQ[feeder.bus(lines.get(l).to())] += f.toKvar();
            netP[feeder.bus(lines.get(l).from())] -= f.fromKw();
            netQ[feeder.bus(lines.get(l).from())] -= f.fromKvar();
        }
        for (int b = 1; b < feeder.busCount(); b++) {
            assertEquals(
                    0.0,
                    netP[b] + p[b],
                    tolKw,
                    "line flows balance kW at bus " + feeder.busName(b));
            assertEquals(
                    0.0,
                    netQ[b] + q[b],
                    tolKw,
                    "line flows balance kvar at bus " + feeder.busName(b));
        }
        assertEquals(result.rootSupplyKw(), -netP[0] - p[0], tolKw, "root supply from line flows");
        // each line's loss is R |I|^2 (three-phase)
        for (int l = 0; l < lines.size(); l++) {
            AcPowerFlowResult.BranchFlow f = result.lineFlows().get(l);
            assertEquals(lines.get(l).id(), f.lineId());
            double ohmic = 3 * f.currentA() * f.currentA() * lines.get(l).resistanceOhm() / 1000;
            assertEquals(ohmic, f.lossKw(), tolKw, "R I^2 on line " + f.lineId());
        }
    }

    // ---- two buses: closed form ----

    private static final double VN = 12.66;
    private static final double R = 2.0;
    private static final double X = 3.0;
    private static final double P_LOAD = 2000;
    private static final double Q_LOAD = 1000;

    /**
     * |V2| in kV from V2^4 - (V1^2 - 2(RP + XQ)) V2^2 + (R^2 + X^2)(P^2 + Q^2) = 0, P and Q in MW
     * and Mvar.
     */
    private static double exactReceivingVoltageKv(
            double vSend, double r, double x, double pKw, double qKvar) {
        double p = pKw / 1000;
        double q = qKvar / 1000;
        double b = vSend * vSend - 2 * (r * p + x * q);
        double c = (r * r + x * x) * (p * p + q * q);
        return Math.sqrt((b + Math.sqrt(b * b - 4 * c)) / 2);
    }

    @Test
    void twoBusFeederMatchesTheClosedFormQuadratic() {
        RadialFeeder feeder =
                RadialFeeder.of(new Network(VN, "S", List.of(Line.of("L", "S", "T", R, X))));
        AcPowerFlowResult res = TIGHT.solve(feeder, Map.of("T", -P_LOAD), Map.of("T", -Q_LOAD));

        double v2 = exactReceivingVoltageKv(VN, R, X, P_LOAD, Q_LOAD);
        double s2 = P_LOAD * P_LOAD + Q_LOAD * Q_LOAD;
        double lossKw = R * s2 / (1000 * v2 * v2);
        double lossKvar = X * s2 / (1000 * v2 * v2);
        // angle: with V2 as reference, V1 = V2 + (RP + XQ)/V2 + j (XP - RQ)/V2
        double delta =
                -Math.atan2(
                        (X * P_LOAD - R * Q_LOAD) / 1000 / v2,
                        v2 + (R * P_LOAD + X * Q_LOAD) / 1000 / v2);

        assertTrue(res.converged());
        assertEquals(v2, res.voltage("T").magnitudeKv(), KV_TOL);
        assertEquals(v2 / VN, res.voltage("T").magnitudePu(), KV_TOL / VN);
        assertEquals(delta, res.voltage("T").angleRad(), 1e-9);
        assertEquals(lossKw, res.lossesKw(), KW_TOL);
        assertEquals(lossKvar, res.lossesKvar(), KW_TOL);
        assertEquals(P_LOAD + lossKw, res.rootSupplyKw(), KW_TOL);
        assertEquals(Q_LOAD + lossKvar, res.rootSupplyKvar(), KW_TOL);
        AcPowerFlowResult.BranchFlow f = res.lineFlow("L");
        assertEquals(P_LOAD + lossKw, f.fromKw(), KW_TOL);
        assertEquals(P_LOAD, f.toKw(), KW_TOL);
        assertEquals(Q_LOAD, f.toKvar(), KW_TOL);
        assertEquals(P_LOAD + lossKw, f.sendingEndKw(), KW_TOL);
        assertEquals(Math.sqrt(s2) / (Math.sqrt(3) * v2), f.currentA(), 1e-6);
        assertEquals(1.0, res.voltage("S").magnitudePu(), 0.0);
        assertEquals(res.voltage("T"), res.minimumVoltage());
    }

    @Test
    void lineListedTowardsTheRootReportsNegativeFlow() {
        RadialFeeder feeder =
                RadialFeeder.of(new Network(VN, "S", List.of(Line.of("L", "T", "S", R, X))));
        AcPowerFlowResult res = TIGHT.solve(feeder, Map.of("T", -P_LOAD), Map.of("T", -Q_LOAD));
        double v2 = exactReceivingVoltageKv(VN, R, X, P_LOAD, Q_LOAD);
        double lossKw = R * (P_LOAD * P_LOAD + Q_LOAD * Q_LOAD) / (1000 * v2 * v2);
        AcPowerFlowResult.BranchFlow f = res.lineFlow("L");
        assertEquals(-P_LOAD, f.fromKw(), KW_TOL);
        assertEquals(-(P_LOAD + lossKw), f.toKw(), KW_TOL);
        assertEquals(-(P_LOAD + lossKw), f.sendingEndKw(), KW_TOL);
        assertEquals(lossKw, f.lossKw(), KW_TOL);
    }

    // ---- three buses ----

    @Test
    void threeBusChainWithEndLoadEqualsTwoBusWithSummedImpedance() {
        RadialFeeder feeder =
                RadialFeeder.of(
                        new Network(
                                VN,
                                "A",
                                List.of(
                                        Line.of("L2", "C", "B", 1.2, 1.0),
                                        Line.of("L1", "A", "B", 0.8, 2.0))));
        AcPowerFlowResult res = TIGHT.solve(feeder, Map.of("C", -P_LOAD), Map.of("C", -Q_LOAD));
        double v3 = exactReceivingVoltageKv(VN, 2.0, 3.0, P_LOAD, Q_LOAD);
        assertEquals(v3, res.voltage("C").magnitudeKv(), KV_TOL);
        double s2 = P_LOAD * P_LOAD + Q_LOAD * Q_LOAD;
        assertEquals(2.0 * s2 / (1000 * v3 * v3), res.lossesKw(), KW_TOL);
        // L2 is listed C->B while power flows B->C
        assertEquals(-P_LOAD, res.lineFlow("L2").fromKw(), KW_TOL);
        assertEquals(-Q_LOAD, res.lineFlow("L2").fromKvar(), KW_TOL);
        assertTrue(res.voltage("A").magnitudeKv() > res.voltage("B").magnitudeKv());
        assertTrue(res.voltage("B").magnitudeKv() > res.voltage("C").magnitudeKv());
    }

    @Test
    void threeBusStarWithGenerationSolvesTheBusEquations() {
        RadialFeeder feeder =
                RadialFeeder.of(
                        new Network(
                                VN,
                                "A",
                                List.of(
                                        Line.of("LB", "A", "B", 0.8, 0.6),
                                        Line.of("LC", "C", "A", 1.5, 0.9))));
        double[] p = new double[3];
        double[] q = new double[3];
        p[feeder.bus("B")] = -900;
        q[feeder.bus("B")] = -300;
        p[feeder.bus("C")] = 1500; // a generator exporting
        q[feeder.bus("C")] = PowerFactor.lagging(0.95).reactiveKvar(1500);
        AcPowerFlowResult res = TIGHT.solve(feeder, p, q);
        assertSolves(feeder, res, p, q, 1e-6);
        assertTrue(res.voltage("C").magnitudePu() > 1.0, "voltage rises at an exporting bus");
        assertTrue(res.voltage("B").magnitudePu() < 1.0);
        assertTrue(res.rootSupplyKw() < 0, "the feeder exports to the grid");
        // LC is listed C->A and carries the generation towards the root: positive from C
        assertTrue(res.lineFlow("LC").fromKw() > 1400);
        assertEquals(1500, res.lineFlow("LC").fromKw(), 1e-6);
        assertTrue(res.lossesKw() > 0);
    }

    // ---- IEEE 33 bus ----

    @Test
    void ieee33BusBaseCaseMatchesPublishedLossesAndMinimumVoltage() {
        RadialFeeder feeder = RadialFeeder.of(Ieee33BusFeeder.network());
        Map<String, Double> p = Ieee33BusFeeder.activeInjectionKw();
        Map<String, Double> q = Ieee33BusFeeder.reactiveInjectionKvar();
        assertEquals(-3715, p.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertEquals(-2300, q.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);

        AcPowerFlowResult res = AcPowerFlow.DEFAULT.solve(feeder, p, q);
        assertTrue(res.converged());
        // published: 202.7 kW, 0.913 p.u. at bus 18; MATPOWER runpf(case33bw): 202.68 kW, 135.14
        // kvar, 0.91309
        assertEquals(202.68, res.lossesKw(), 0.05);
        assertEquals(135.14, res.lossesKvar(), 0.05);
        assertEquals("18", res.minimumVoltage().bus());
        assertEquals(0.91309, res.minimumVoltage().magnitudePu(), 1e-4);
        assertEquals(3715 + res.lossesKw(), res.rootSupplyKw(), 1e-3);
        assertTrue(res.iterations() < 20, "iterations " + res.iterations());

        double[] pa = new double[feeder.busCount()];
        double[] qa = new double[feeder.busCount()];
        p.forEach((b, v) -> pa[feeder.bus(b)] = v);
        q.forEach((b, v) -> qa[feeder.bus(b)] = v);
        assertSolves(feeder, TIGHT.solve(feeder, pa, qa), pa, qa, 1e-4);
    }

    // ---- agreement with the loss estimate ----

    @Test
    void lightlyLoadedFeederLossesApproachTheRadialEstimate() {
        RadialFeeder feeder = RadialFeeder.of(Ieee33BusFeeder.network());
        Map<String, Double> p = Ieee33BusFeeder.activeInjectionKw();
        double previous = Double.NaN;
        for (double scale : new double[] {0.1, 0.01, 0.001}) {
            double[] inj = new double[feeder.busCount()];
            p.forEach((b, v) -> inj[feeder.bus(b)] = scale * v);
            double estimate = feeder.lossEstimateKw(feeder.lineFlows(inj));
            AcPowerFlowResult res = TIGHT.solve(feeder, inj, new double[feeder.busCount()]);
            double relative = Math.abs(res.lossesKw() - estimate) / estimate;
            if (scale == 0.001) {
                assertTrue(relative < 1e-3, "relative difference " + relative);
            }
            if (!Double.isNaN(previous)) {
                // first-order agreement: the gap shrinks with the load
                assertTrue(
                        relative < previous / 5,
                        "relative difference " + relative + " after " + previous);
            }
            previous = relative;
        }
    }

    // ---- random trees ----

    @Test
    void randomTreesWithLoadsAndGenerationSolveTheBusEquations() {
        long seed = 23;
        Random random = new Random(seed);
        for (int trial = 0; trial < 30; trial++) {
            int n = 2 + random.nextInt(30);
            RadialFeeder feeder = RadialFeeder.of(RandomTrees.tree(random, n, 11.0));
            double[] p = new double[n];
            double[] q = new double[n];
            for (int b = 0; b < n; b++) {
                p[b] = 200 * random.nextDouble() - 150;
                q[b] = PowerFactor.lagging(0.85 + 0.15 * random.nextDouble()).reactiveKvar(p[b]);
            }
            AcPowerFlowResult res = TIGHT.solve(feeder, p, q);
            assertTrue(res.converged(), "seed " + seed + " trial " + trial);
            assertSolves(feeder, res, p, q, 1e-5);
            // flows at the line ends agree in sign with the lossless flows when those are not tiny
            double[] lossless = feeder.lineFlows(p);
            for (int l = 0; l < lossless.length; l++) {
                if (Math.abs(lossless[l]) > 50) {
                    assertEquals(
                            Math.signum(lossless[l]),
                            Math.signum(res.lineFlows().get(l).sendingEndKw()),
                            "seed " + seed + " trial " + trial + " line " + l);
                }
            }
        }
    }

    // ---- limits and input checks ----

    @Test
    void overloadedFeederReportsNoConvergenceInsteadOfThrowing() {
        RadialFeeder feeder =
                RadialFeeder.of(new Network(VN, "S", List.of(Line.of("L", "S", "T", R, X))));
        // far beyond loadability (about V^2 / (2|Z|) ~ 22 MW here)
        AcPowerFlowResult res =
                AcPowerFlow.DEFAULT.solve(feeder, Map.of("T", -100_000.0), Map.of());
        assertFalse(res.converged());
    }

    @Test
    void iterationLimitIsHonoured() {
        RadialFeeder feeder = RadialFeeder.of(Ieee33BusFeeder.network());
        AcPowerFlowResult res =
                AcPowerFlow.DEFAULT
                        .withMaxIterations(2)
                        .solve(
                                feeder,
                                Ieee33BusFeeder.activeInjectionKw(),
                                Ieee33BusFeeder.reactiveInjectionKvar());
        assertFalse(res.converged());
        assertEquals(2, res.iterations());
        assertTrue(res.maxVoltageChangePu() > AcPowerFlow.DEFAULT_TOLERANCE_PU);
    }

    @Test
    void noLoadGivesNominalVoltagesAndNoLosses() {
        RadialFeeder feeder = RadialFeeder.of(Ieee33BusFeeder.network());
        AcPowerFlowResult res = AcPowerFlow.DEFAULT.solve(feeder, Map.of(), Map.of());
        assertTrue(res.converged());
        assertEquals(1, res.iterations());
        assertEquals(0.0, res.lossesKw(), 0.0);
        assertEquals(1.0, res.minimumVoltage().magnitudePu(), 0.0);
    }

    @Test
    void badInputsAreRejectedNamingTheBus() {
        RadialFeeder feeder =
                RadialFeeder.of(new Network(VN, "S", List.of(Line.of("L", "S", "T", R, X))));
        IllegalArgumentException unknown =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> AcPowerFlow.DEFAULT.solve(feeder, Map.of("U", 1.0), Map.of()));
        assertTrue(unknown.getMessage().contains("U"), unknown.getMessage());
        IllegalArgumentException nan =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                AcPowerFlow.DEFAULT.solve(
                                        feeder, new double[] {0, Double.NaN}, new double[2]));
        assertTrue(nan.getMessage().contains("bus T"), nan.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> AcPowerFlow.DEFAULT.solve(feeder, new double[3], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> AcPowerFlow.DEFAULT.withTolerance(0));
        assertThrows(
                IllegalArgumentException.class, () -> AcPowerFlow.DEFAULT.withMaxIterations(0));
    }

    // ---- power factor ----

    @Test
    void laggingPowerFactorGivesReactivePowerWithTheSignOfActivePower() {
        assertEquals(-75.0, PowerFactor.lagging(0.8).reactiveKvar(-100), 1e-12);
        assertEquals(75.0, PowerFactor.lagging(0.8).reactiveKvar(100), 1e-12);
        assertEquals(75.0, PowerFactor.leading(0.8).reactiveKvar(-100), 1e-12);
        assertEquals(
                -100 * Math.tan(Math.acos(0.9)),
                PowerFactor.lagging(0.9).reactiveKvar(-100),
                1e-12);
        assertEquals(0.0, PowerFactor.UNITY.reactiveKvar(-100), 0.0);
        assertThrows(IllegalArgumentException.class, () -> PowerFactor.lagging(0));
        assertThrows(IllegalArgumentException.class, () -> PowerFactor.lagging(90));
        assertThrows(IllegalArgumentException.class, () -> PowerFactor.leading(-0.9));
    }
}
