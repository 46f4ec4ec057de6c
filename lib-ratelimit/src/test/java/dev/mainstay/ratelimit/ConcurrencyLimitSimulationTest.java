package dev.mainstay.ratelimit;

import static dev.mainstay.ratelimit.OverloadSimulator.MS;
import static dev.mainstay.ratelimit.OverloadSimulator.SECOND;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The adaptive limits against no limit and fixed limits, on the {@link OverloadSimulator}: a server of capacity
 * {@code C = 32} calls, 10 ms of work each, clients that give up after 200 ms, an SLO of 50 ms. Prints the table the
 * guide shows and checks the targets: at 2x overload every adaptive limit keeps at least 90% of the goodput of the
 * best fixed limit chosen in hindsight, with a p99 at most twice the unloaded p99; and after the capacity halves,
 * then recovers, each converges within 10 s of virtual time.
 */
class ConcurrencyLimitSimulationTest {

    static final int C = 32;
    static final OverloadSimulator SERVER = new OverloadSimulator(C, 10 * MS, 200 * MS, 50 * MS);
    static final double[] LOADS = {0.5, 1.0, 1.5, 2.0, 3.0};
    static final long DURATION = 15 * SECOND;
    static final long WARMUP = 5 * SECOND;

    static Map<String, ConcurrencyLimit> limits() {
        Map<String, ConcurrencyLimit> limits = new LinkedHashMap<>();
        limits.put("no limit", null);
        limits.put("fixed C/2", ConcurrencyLimit.fixed(C / 2));
        limits.put("fixed C", ConcurrencyLimit.fixed(C));
        limits.put("fixed 2C", ConcurrencyLimit.fixed(2 * C));
        limits.put("AIMD", ConcurrencyLimit.aimd().withTimeout(Duration.ofMillis(15)));
        limits.put("Vegas", ConcurrencyLimit.vegas());
        limits.put("Gradient", ConcurrencyLimit.gradient());
        return limits;
    }

    static final List<String> ADAPTIVE = List.of("AIMD", "Vegas", "Gradient");

    @Test
    void adaptiveLimitsKeepGoodputAndLatencyUnderOverload() {
        long unloadedP99 = SERVER.run("no limit", null, 0.5, OverloadSimulator.STEADY, DURATION, WARMUP, SECOND, 1)
                .p99();
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "unloaded p99 (no limit, 0.5x): %.1f ms%n", unloadedP99 / 1e6));
        table.append("| limit | load | goodput/s | p50 ms | p99 ms | refused | mean limit |\n");
        table.append("|---|---|---|---|---|---|---|\n");
        Map<String, OverloadSimulator.Run> atTwo = new LinkedHashMap<>();
        List<Map.Entry<String, Double>> cells = new ArrayList<>();
        for (String name : limits().keySet()) {
            for (double load : LOADS) {
                cells.add(Map.entry(name, load));
            }
        }
        // independent, deterministic runs: computed in parallel, reported in order
        List<OverloadSimulator.Run> runs = cells.parallelStream()
                .map(cell -> SERVER.run(cell.getKey(), limits().get(cell.getKey()), cell.getValue(),
                        OverloadSimulator.STEADY, DURATION, WARMUP, SECOND, 42))
                .toList();
        for (OverloadSimulator.Run run : runs) {
            table.append(String.format(Locale.ROOT, "| %s | %.1fx | %.0f | %.1f | %.1f | %.0f%% | %s |%n",
                    run.name(), run.load(), run.goodput(), run.p50() / 1e6, run.p99() / 1e6, 100 * run.refused(),
                    Double.isNaN(run.meanLimit()) ? "-" : String.format(Locale.ROOT, "%.1f", run.meanLimit())));
            if (run.load() == 2.0) {
                atTwo.put(run.name(), run);
            }
        }
        System.out.println(table);
        double bestFixed = atTwo.entrySet().stream().filter(e -> e.getKey().startsWith("fixed"))
                .mapToDouble(e -> e.getValue().goodput()).max().orElseThrow();
        List<String> failures = new ArrayList<>();
        for (String name : ADAPTIVE) {
            OverloadSimulator.Run run = atTwo.get(name);
            if (run.goodput() < 0.9 * bestFixed) {
                failures.add(name + " goodput " + run.goodput() + " < 90% of " + bestFixed);
            }
            if (run.p99() > 2 * unloadedP99) {
                failures.add(name + " p99 " + run.p99() + " > 2 x " + unloadedP99);
            }
        }
        assertTrue(failures.isEmpty(), failures + "\n" + table);
    }

    @Test
    void adaptiveLimitsConvergeAfterTheCapacityHalvesThenRecovers() {
        long unloadedP99 = SERVER.run("no limit", null, 0.5, OverloadSimulator.STEADY, DURATION, WARMUP, SECOND, 1)
                .p99();
        long drop = 15 * SECOND;
        long recover = 30 * SECOND;
        long end = 45 * SECOND;
        long window = SECOND / 4;
        StringBuilder table = new StringBuilder();
        table.append("| limit | converged after the drop (s) | after the recovery (s) |\n|---|---|---|\n");
        List<String> failures = new ArrayList<>();
        List<OverloadSimulator.Run> runs = limits().entrySet().parallelStream()
                .map(entry -> SERVER.run(entry.getKey(), entry.getValue(), 2.0,
                        OverloadSimulator.halved(drop, recover), end, 0, window, 7))
                .toList();
        for (OverloadSimulator.Run run : runs) {
            double afterDrop = converged(run, drop, recover, C / 2.0, unloadedP99);
            double afterRecovery = converged(run, recover, end, C, unloadedP99);
            table.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", run.name(), seconds(afterDrop),
                    seconds(afterRecovery)));
            if (ADAPTIVE.contains(run.name()) && !(afterDrop <= 10 && afterRecovery <= 10)) {
                failures.add(run.name() + ": " + afterDrop + " s, " + afterRecovery + " s");
            }
        }
        System.out.println(table);
        assertTrue(failures.isEmpty(), failures + "\n" + table);
    }

    private static String seconds(double value) {
        return Double.isInfinite(value) ? "never" : String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * The time after {@code from} from which every window until {@code to} has a goodput of at least 80% of what
     * {@code workers} can serve and a p99 at most twice the unloaded p99; infinite if none.
     */
    private static double converged(OverloadSimulator.Run run, long from, long to, double workers, long unloadedP99) {
        double served = workers * SECOND / SERVER.serviceNanos;
        int first = (int) (from / run.windowNanos());
        int last = (int) (to / run.windowNanos());
        int settled = last;
        for (int w = last - 1; w >= first; w--) {
            boolean ok = run.windowGoodput()[w] >= 0.8 * served && run.windowP99()[w] <= 2 * unloadedP99;
            if (!ok) {
                break;
            }
            settled = w;
        }
        if (settled == last) {
            return Double.POSITIVE_INFINITY;
        }
        return (double) (settled - first) * run.windowNanos() / SECOND;
    }
}
