package org.gridbazaar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridbazaar.mechanism.bonus.AgentPeriod;
import org.gridbazaar.mechanism.bonus.BonusCases;
import org.gridbazaar.mechanism.bonus.BonusMechanism;
import org.gridbazaar.mechanism.bonus.BonusOptions;
import org.gridbazaar.mechanism.bonus.BonusOutcome;
import org.gridbazaar.mechanism.bonus.DayAheadSchedule;
import org.gridbazaar.mechanism.bonus.Microgrid;
import org.gridbazaar.mechanism.bonus.PeriodOutcome;
import org.gridbazaar.result.MultiPeriodResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridbazaar study bonus-imbalance}: its files hold the numbers of the clearings they come
 * from (the day-ahead market's schedules and the bonus loop), and its pictures draw them.
 */
class BonusStudyCommandTest {

    static Microgrid mg;
    static DayAheadSchedule da;
    static BonusOutcome outcome;

    @TempDir Path dir;

    @BeforeAll
    static void clear() {
        mg = BonusCases.paperShaped();
        da = DayAheadSchedule.clear(mg);
        outcome = BonusMechanism.run(mg, da, BonusOptions.DEFAULTS);
    }

    private static List<String[]> csv(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.split(",", -1)).toList();
    }

    @Test
    void csvFilesHoldTheLoopsNumbersAndTheDayAheadSchedules() throws IOException {
        GridBazaarCommandTest.Run run =
                GridBazaarCommandTest.run(
                        "study",
                        "bonus-imbalance",
                        "--csv",
                        dir.toString(),
                        "--plot",
                        dir.resolve("bonus").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("renewable agent's real-time cost"), run.out());

        List<String[]> imbalance = csv(dir.resolve("imbalance.csv"));
        assertEquals(
                List.of("period", "imbalanceBeforeKw", "imbalanceAfterKw", "bonus"),
                List.of(imbalance.get(0)));
        assertEquals(mg.periods() + 1, imbalance.size());
        for (PeriodOutcome p : outcome.periods()) {
            String[] row = imbalance.get(p.period() + 1);
            assertEquals(p.period(), Integer.parseInt(row[0]));
            assertEquals(
                    p.imbalanceBeforeKw(),
                    Double.parseDouble(row[1]),
                    1e-6,
                    "period " + p.period());
            assertEquals(
                    p.imbalanceAfterKw(), Double.parseDouble(row[2]), 1e-6, "period " + p.period());
            assertEquals(p.bonus(), Double.parseDouble(row[3]), 1e-12, "period " + p.period());
            // before the loop: the renewable deviation plus the agents' changes made at earlier
            // periods
            double earlier = mg.renewable().deviationKw(p.period());
            assertEquals(
                    p.period() == 0 ? earlier : p.imbalanceBeforeKw(),
                    Double.parseDouble(row[1]),
                    1e-6);
        }

        List<String[]> agents = csv(dir.resolve("agents.csv"));
        assertEquals(List.of("agent", "period", "changeKw", "bonusPaid"), List.of(agents.get(0)));
        assertEquals(mg.agents().size() * mg.periods() + 1, agents.size());
        MultiPeriodResult market = da.result();
        double paid = 0;
        for (int k = 1; k < agents.size(); k++) {
            String[] row = agents.get(k);
            String agent = row[0];
            int t = Integer.parseInt(row[1]);
            double change = Double.parseDouble(row[2]), bonus = Double.parseDouble(row[3]);
            // the day-ahead injection read from the market's result, not from the loop
            double dayAhead = market.period(t).power(agent);
            assertEquals(
                    outcome.realTimeKw(agent)[t] - dayAhead, change, 1e-5, agent + " period " + t);
            AgentPeriod r = outcome.agentPeriods().get(k - 1);
            assertEquals(
                    outcome.periods().get(t).bonus()
                            * r.contributionKw()
                            * mg.horizon().hoursPerPeriod(),
                    bonus,
                    1e-9);
            paid += bonus;
        }
        assertEquals(
                outcome.bonusesPaid(),
                paid,
                1e-6,
                "the bonuses in agents.csv are what the renewable agent paid");

        String svg = Files.readString(dir.resolve("bonus-imbalance.svg"));
        assertEquals(
                2 * mg.periods(),
                svg.split("class=\"bar\"", -1).length - 1,
                "a before and an after bar per period");
        assertTrue(
                Files.readString(dir.resolve("bonus-bonuses.svg"))
                        .contains("data-agent=\"demand\""));
        assertTrue(
                Files.readString(dir.resolve("bonus-schedules.svg")).contains("data-agent=\"ev\""));
    }

    @Test
    void anotherCaseOrAMissingDirectoryIsInvalidInput() {
        GridBazaarCommandTest.Run other =
                GridBazaarCommandTest.run("study", "bonus-imbalance", "builtin:feeder-11bus");
        assertEquals(2, other.exit());
        assertTrue(other.err().contains("builtin:bonus-microgrid"), other.err());
        GridBazaarCommandTest.Run missing =
                GridBazaarCommandTest.run(
                        "study", "bonus-imbalance", "--csv", dir.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("not a directory"), missing.err());
        GridBazaarCommandTest.Run badStep =
                GridBazaarCommandTest.run("study", "bonus-imbalance", "--step", "0");
        assertEquals(2, badStep.exit());
        assertTrue(badStep.err().contains("stepFraction"), badStep.err());
    }
}
