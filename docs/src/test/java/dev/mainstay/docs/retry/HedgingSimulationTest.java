package dev.mainstay.docs.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hedging simulation's targets, and the chart in the guide is the one its numbers draw. */
class HedgingSimulationTest {

    private static HedgingSimulation.Scenarios s;

    @BeforeAll
    static void simulate() {
        s = new HedgingSimulation.Scenarios();
    }

    @Test
    void theModelHasALongTail() {
        double ratio = (double) s.unhedged.percentile(99) / s.unhedged.percentile(50);
        assertTrue(ratio >= 18 && ratio <= 22, "p99 / p50 = " + ratio);
        double lognormal = (double) s.lognormalUnhedged.percentile(99) / s.lognormalUnhedged.percentile(50);
        assertTrue(lognormal >= 18 && lognormal <= 22, "lognormal p99 / p50 = " + lognormal);
    }

    @Test
    void hedgingCutsTheP99ToUnderAThirdForUnderTenPercentMoreLoad() {
        double ratio = (double) s.hedged.percentile(99) / s.unhedged.percentile(99);
        assertTrue(ratio <= 0.3, "p99 ratio " + ratio);
        assertTrue(s.hedged.extraLoad() <= 0.10, "extra load " + s.hedged.extraLoad());
        assertTrue(s.hedged.percentile(50) <= s.unhedged.percentile(50), "the median does not get worse");
    }

    @Test
    void aPureLognormalTailIsOnlyHalved() {
        // every attempt shares the same heavy body: a hedge started at p95 is as likely to be slow as the first
        double ratio = (double) s.lognormalHedged.percentile(99) / s.lognormalUnhedged.percentile(99);
        assertTrue(ratio > 0.45 && ratio < 0.6, "the guide says about half: " + ratio);
        assertTrue(s.lognormalHedged.extraLoad() <= 0.10);
    }

    @Test
    void theBudgetHoldsTheLoadWhenTheServiceSlowsForEveryone() {
        assertTrue(s.slowNoBudget.peakWindowLoad() >= 0.99, "without a budget every call is hedged");
        // the bucket: hedges <= successes / 10 + capacity / cost, i.e. 10 % plus a burst of 5 hedges
        double bound = 0.10 + 5.0 / HedgingSimulation.Scenarios.WINDOW;
        assertTrue(s.slowBudget.peakWindowLoad() <= bound, "peak " + s.slowBudget.peakWindowLoad());
        assertTrue(s.slowBudget.extraLoad() <= 0.10, "overall " + s.slowBudget.extraLoad());
        assertTrue(s.slowPercentile.peakWindowLoad() <= bound, "peak " + s.slowPercentile.peakWindowLoad());
    }

    @Test
    void theSimulationIsDeterministic() {
        HedgingSimulation.Outcome again = HedgingSimulation.run("again", HedgingSimulation.Service.tailAtScale(),
                HedgingSimulation::percentileHedge, HedgingSimulation.Scenarios.CALLS, 0, 0, 1,
                HedgingSimulation.Scenarios.WINDOW, HedgingSimulation.Scenarios.SEED);
        assertEquals(s.hedged.percentile(99), again.percentile(99));
        assertEquals(s.hedged.hedges(), again.hedges());
    }

    @Test
    void theChartInTheGuideIsDrawnFromTheseNumbers() throws IOException {
        String drawn = HedgingChart.draw(s);
        String committed = Files.readString(Path.of("retry-hedging.svg"), StandardCharsets.UTF_8);
        assertEquals(drawn, committed, "regenerate with: java -cp ... dev.mainstay.docs.retry.HedgingChart docs");
    }
}
