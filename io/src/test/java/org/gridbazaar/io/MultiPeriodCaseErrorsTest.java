package org.gridbazaar.io;

import static org.gridbazaar.io.CaseReaderTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per kind of malformed version-2 case: each message names the JSON path and the peer. */
class MultiPeriodCaseErrorsTest {

    static final String G =
            "{\"id\": \"G\", \"role\": \"producer\", \"power\": {\"min\": 0, \"max\": 10, \"cost\": {\"b\": 1}}}";
    static final String C =
            "{\"id\": \"C\", \"role\": \"consumer\", \"power\": {\"min\": -5, \"max\": 0, \"cost\": {\"b\": 5}}}";
    static final String STORAGE =
            "\"storage\": {\"capacityKwh\": 10, \"initialKwh\": 5, \"chargeKw\": 3, \"dischargeKw\": 3}";
    static final String B7 =
            "{\"id\": \"B7\", \"role\": \"prosumer\", \"power\": {\"min\": -2, \"max\": 2}, "
                    + STORAGE
                    + "}";

    /** A valid three-period case: G, C, and B7 with storage. */
    static String valid() {
        return "{\"format\": \"p2p-market-case/2\", \"name\": \"t\", \"horizon\": {\"periods\": 3}, \"peers\": ["
                + G
                + ", "
                + C
                + ", "
                + B7
                + "]}";
    }

    /** The problems of reading {@code json} with readCase, which must fail. */
    static List<String> problems(String json) {
        CaseFormatException e =
                assertThrows(CaseFormatException.class, () -> CaseReader.readCase(json, "v2.json"));
        assertFalse(e.problems().isEmpty());
        return e.problems();
    }

    static String storage(String replacement) {
        return valid().replace(STORAGE, "\"storage\": {" + replacement + "}");
    }

    @Test
    void theValidBaseReads() {
        assertEquals(
                3,
                ((MarketCase.MultiPeriod) CaseReader.readCase(valid(), "v2.json"))
                        .market()
                        .periodCount());
    }

    @Test
    void aSeriesOfAnotherLengthNamesPathAndBothLengths() {
        List<String> p = problems(valid().replace("\"max\": 10", "\"max\": [10, 9]"));
        assertProblem(p, "$.peers[0].power.max (peer G)", "2 values", "3 periods");
        assertProblem(
                problems(valid().replace("\"b\": 5", "\"b\": [5, 5, 5, 5]")),
                "$.peers[1].power.cost.b (peer C)",
                "4 values",
                "3 periods");
        assertProblem(
                problems(valid().replace("\"chargeKw\": 3", "\"chargeKw\": []")),
                "$.peers[2].storage.chargeKw (peer B7)",
                "0 values",
                "3 periods");
    }

    @Test
    void aSeriesOfTheWrongTypeSaysWhatIsExpected() {
        assertProblem(
                problems(valid().replace("\"max\": 10", "\"max\": \"10\"")),
                "$.peers[0].power.max (peer G)",
                "expected a number or an array of 3 numbers",
                "string \"10\"");
        assertProblem(
                problems(valid().replace("\"max\": 10", "\"max\": [10, \"9\", 8]")),
                "$.peers[0].power.max[1]",
                "expected a number");
    }

    @Test
    void storageOnlyOnAProsumer() {
        String consumerWithStorage =
                valid().replace(C, C.substring(0, C.length() - 1) + ", " + STORAGE + "}");
        assertProblem(
                problems(consumerWithStorage),
                "$.peers[1].storage (peer C)",
                "only allowed on a prosumer",
                "consumer");
    }

    @Test
    void targetPeriodOutOfRange() {
        assertProblem(
                problems(
                        storage(
                                "\"capacityKwh\": 10, \"initialKwh\": 5, \"chargeKw\": 3, \"dischargeKw\": 3, \"targets\": [{\"period\": 3, \"minKwh\": 1}]")),
                "$.peers[2].storage.targets[0].period (peer B7)",
                "period 3 is not a period of the horizon (0 .. 2)");
        assertProblem(
                problems(
                        storage(
                                "\"capacityKwh\": 10, \"initialKwh\": 5, \"chargeKw\": 3, \"dischargeKw\": 3, \"targets\": [{\"period\": -1, \"minKwh\": 1}]")),
                "$.peers[2].storage.targets[0].period (peer B7)");
    }

    @Test
    void twoTargetsInOnePeriod() {
        assertProblem(
                problems(
                        storage(
                                "\"capacityKwh\": 10, \"initialKwh\": 5, \"chargeKw\": 3, \"dischargeKw\": 3,"
                                        + " \"targets\": [{\"period\": 1, \"minKwh\": 1}, {\"period\": 1, \"minKwh\": 2}]")),
                "$.peers[2].storage.targets[1].period (peer B7)",
                "second target in period 1",
                "targets[0]");
    }

    @Test
    void targetAboveCapacity() {
        assertProblem(
                problems(
                        storage(
                                "\"capacityKwh\": 10, \"initialKwh\": 5, \"chargeKw\": 3, \"dischargeKw\": 3, \"targets\": [{\"period\": 1, \"minKwh\": 11}]")),
                "$.peers[2].storage.targets[0].minKwh (peer B7)",
                "capacityKwh");
    }

    static String withEnergy(String windows) {
        return valid().replace(
                        "\"min\": -5, \"max\": 0, \"cost\": {\"b\": 5}",
                        "\"min\": -5, \"max\": 0, \"cost\": {\"b\": 5}, \"energy\": ["
                                + windows
                                + "]");
    }

    @Test
    void windowEndingAfterTheLastPeriod() {
        assertProblem(
                problems(withEnergy("{\"from\": 0, \"to\": 3, \"minKwh\": -1}")),
                "$.peers[1].power.energy[0].to (peer C)",
                "< periods (3");
    }

    @Test
    void windowWithoutBounds() {
        assertProblem(
                problems(withEnergy("{\"from\": 0, \"to\": 2}")),
                "$.peers[1].power.energy[0] (peer C)",
                "at least one of minKwh and maxKwh");
    }

    @Test
    void windowMinAboveMax() {
        assertProblem(
                problems(withEnergy("{\"from\": 0, \"to\": 2, \"minKwh\": -1, \"maxKwh\": -2}")),
                "$.peers[1].power.energy[0].minKwh (peer C)",
                "above maxKwh");
    }

    @Test
    void windowPeriodsInOrder() {
        assertProblem(
                problems(withEnergy("{\"from\": 2, \"to\": 1, \"minKwh\": -1}")),
                "$.peers[1].power.energy[0].to (peer C)",
                ">= from");
        assertProblem(
                problems(withEnergy("{\"from\": -1, \"to\": 1, \"minKwh\": -1}")),
                "$.peers[1].power.energy[0].from (peer C)",
                ">= 0");
    }

    @Test
    void negativeChargeKw() {
        assertProblem(
                problems(valid().replace("\"chargeKw\": 3", "\"chargeKw\": -1")),
                "$.peers[2].storage.chargeKw (peer B7)",
                "must be >= 0",
                "-1");
        assertProblem(
                problems(valid().replace("\"chargeKw\": 3", "\"chargeKw\": [3, -1, 3]")),
                "$.peers[2].storage.chargeKw[1] (peer B7)",
                "must be >= 0");
        assertProblem(
                problems(
                        valid().replace(
                                        "\"dischargeKw\": 3",
                                        "\"dischargeKw\": 3, \"usageKwh\": -2")),
                "$.peers[2].storage.usageKwh (peer B7)");
    }

    @Test
    void efficiencyOutsideZeroOne() {
        assertProblem(
                problems(
                        valid().replace(
                                        "\"dischargeKw\": 3",
                                        "\"dischargeKw\": 3, \"chargeEfficiency\": 0")),
                "$.peers[2].storage.chargeEfficiency (peer B7)",
                "(0, 1]");
        assertProblem(
                problems(
                        valid().replace(
                                        "\"dischargeKw\": 3",
                                        "\"dischargeKw\": 3, \"dischargeEfficiency\": 1.5")),
                "$.peers[2].storage.dischargeEfficiency (peer B7)",
                "(0, 1]");
    }

    @Test
    void standingLossOfOne() {
        assertProblem(
                problems(
                        valid().replace(
                                        "\"dischargeKw\": 3",
                                        "\"dischargeKw\": 3, \"standingLossPerHour\": 1")),
                "$.peers[2].storage.standingLossPerHour (peer B7)",
                "[0, 1)");
    }

    @Test
    void initialEnergyOutsideMinAndCapacity() {
        assertProblem(
                problems(valid().replace("\"initialKwh\": 5", "\"initialKwh\": 11")),
                "$.peers[2].storage.initialKwh (peer B7)",
                "[minKwh = 0.0, capacityKwh = 10.0]");
        assertProblem(
                problems(valid().replace("\"initialKwh\": 5", "\"initialKwh\": 5, \"minKwh\": 6")),
                "$.peers[2].storage.initialKwh (peer B7)",
                "minKwh = 6.0");
        assertProblem(
                problems(valid().replace("\"initialKwh\": 5", "\"initialKwh\": 5, \"minKwh\": 12")),
                "$.peers[2].storage.minKwh (peer B7)");
        assertProblem(
                problems(valid().replace("\"capacityKwh\": 10", "\"capacityKwh\": 0")),
                "$.peers[2].storage.capacityKwh (peer B7)",
                "> 0");
    }

    @Test
    void storageMissingARequiredField() {
        assertProblem(
                problems(storage("\"capacityKwh\": 10, \"initialKwh\": 5, \"chargeKw\": 3")),
                "$.peers[2].storage.dischargeKw (peer B7)",
                "missing required field");
    }

    @Test
    void horizonMissing() {
        assertProblem(
                problems(valid().replace("\"horizon\": {\"periods\": 3}, ", "")),
                "$.horizon",
                "missing required field");
    }

    @Test
    void zeroPeriods() {
        assertProblem(
                problems(valid().replace("\"periods\": 3", "\"periods\": 0")),
                "$.horizon.periods",
                "between 1 and");
        assertProblem(
                problems(valid().replace("\"periods\": 3", "\"periods\": 2.5")),
                "$.horizon.periods",
                "whole number");
    }

    @Test
    void zeroHoursPerPeriod() {
        assertProblem(
                problems(
                        valid().replace("\"periods\": 3", "\"periods\": 3, \"hoursPerPeriod\": 0")),
                "$.horizon.hoursPerPeriod",
                "> 0");
    }

    @Test
    void unknownFieldInStorage() {
        assertProblem(
                problems(valid().replace("\"capacityKwh\"", "\"capacityKWh\"")),
                "$.peers[2].storage.capacityKWh (peer B7)",
                "unknown field",
                "Maybe you meant \"capacityKwh\"");
        assertProblem(
                problems(valid().replace("\"capacityKwh\"", "\"capacityKWh\"")),
                "$.peers[2].storage.capacityKwh (peer B7)",
                "missing required field");
    }

    @Test
    void unknownFieldInHorizonAndRamp() {
        assertProblem(
                problems(valid().replace("\"periods\": 3", "\"periods\": 3, \"dt\": 1")),
                "$.horizon.dt",
                "unknown field");
        assertProblem(
                problems(valid().replace("\"max\": 10,", "\"max\": 10, \"ramp\": {\"up\": 5},")),
                "$.peers[0].power.ramp.up (peer G)",
                "unknown field");
        assertProblem(
                problems(valid().replace("\"max\": 10,", "\"max\": 10, \"ramp\": {\"upKw\": -5},")),
                "$.peers[0].power.ramp.upKw (peer G)",
                ">= 0");
    }

    @Test
    void rampAndEnergyBelongToPowerOnly() {
        assertProblem(
                problems(
                        valid().replace(
                                        G,
                                        "{\"id\": \"G\", \"role\": \"producer\", \"power\": {\"min\": 0, \"max\": 10},"
                                                + " \"heat\": {\"min\": 0, \"max\": 1, \"ramp\": {\"upKw\": 1}}}")),
                "$.peers[0].heat.ramp",
                "unknown field");
    }

    @Test
    void versionTwoFieldsInAVersionOneFileAreUnknown() {
        String v1 =
                valid().replace("p2p-market-case/2", "p2p-market-case/1")
                        .replace("\"horizon\": {\"periods\": 3}, ", "");
        for (List<String> p : List.of(CaseReaderTest.problems(v1), problems(v1))) {
            assertProblem(p, "$.peers[2].storage", "unknown field");
        }
        String horizon =
                CaseReaderTest.withPeers(G)
                        .replace("\"name\"", "\"horizon\": {\"periods\": 2}, \"name\"");
        assertProblem(CaseReaderTest.problems(horizon), "$.horizon", "unknown field");
        assertProblem(problems(horizon), "$.horizon", "unknown field");
        String ramp =
                CaseReaderTest.withPeers(
                        G.replace("\"max\": 10,", "\"max\": 10, \"ramp\": {\"upKw\": 5},"));
        assertProblem(CaseReaderTest.problems(ramp), "$.peers[0].power.ramp", "unknown field");
        String series = CaseReaderTest.withPeers(G.replace("\"max\": 10", "\"max\": [10, 10]"));
        assertProblem(CaseReaderTest.problems(series), "$.peers[0].power.max", "expected a number");
    }

    @Test
    void aVersionTwoCaseGivenToReadSaysToUseReadCase() {
        List<String> p = CaseReaderTest.problems(valid());
        assertEquals(1, p.size(), p.toString());
        assertProblem(p, "$.format", "version-2", "readCase");
    }

    @Test
    void anUnknownFormatNamesBothVersions() {
        List<String> p = problems(valid().replace("p2p-market-case/2", "p2p-market-case/3"));
        assertEquals(1, p.size(), p.toString());
        assertProblem(p, "$.format", "p2p-market-case/1", "p2p-market-case/2", "p2p-market-case/3");
        assertProblem(
                problems(valid().replace("\"format\": \"p2p-market-case/2\", ", "")),
                "$.format",
                "missing",
                "p2p-market-case/1",
                "p2p-market-case/2");
    }

    @Test
    void aRuleBrokenInSomePeriodsNamesThem() {
        List<String> p =
                problems(
                        valid().replace(
                                        "\"min\": 0, \"max\": 10",
                                        "\"min\": [0, -1, -1], \"max\": 10"));
        assertProblem(p, "periods 1, 2: peer G: power min (-1.0) is negative");
        assertTrue(p.stream().noneMatch(s -> s.startsWith("period 0")), p.toString());
        List<String> once =
                problems(valid().replace("\"min\": -5, \"max\": 0", "\"min\": -5, \"max\": 1"));
        assertProblem(once, "peer C: power max (1.0) is positive");
        assertTrue(
                once.stream().noneMatch(s -> s.startsWith("period")),
                "a rule broken in every period is reported once: " + once);
        assertProblem(
                problems(
                        valid().replace(
                                        "\"min\": 0, \"max\": 10",
                                        "\"min\": [0, 11, 0], \"max\": 10")),
                "period 1: peer G: power min (11.0) is greater than max (10.0)");
    }

    @Test
    void problemsAreAllReportedAtOnce() {
        List<String> p =
                problems(
                        valid().replace("\"chargeKw\": 3", "\"chargeKw\": -1")
                                .replace("\"max\": 10", "\"max\": [1]")
                                .replace("\"initialKwh\": 5", "\"initialKwh\": 50"));
        assertTrue(p.size() >= 3, p.toString());
    }
}
