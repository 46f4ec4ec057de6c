package dev.mainstay.docs.retry;

import dev.mainstay.retry.Hedge;
import dev.mainstay.retry.RetryBudget;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A deterministic simulation, on virtual time, of hedged calls to a service with a long latency tail. Calls arrive
 * every 100 µs; each attempt's latency is drawn from the {@link Service} model and is independent of the others
 * (the service has capacity to spare: hedges add load, not queueing). The real {@link Hedge} policy runs on a
 * {@link VirtualScheduler}, so its timers, its latency histogram and its budget behave exactly as in production;
 * only time is simulated. The same seed gives the same numbers, to the nanosecond.
 */
public final class HedgingSimulation {

    /** Time between two calls' arrivals. */
    static final long ARRIVAL_NANOS = 100_000;

    private HedgingSimulation() {}

    /**
     * A latency model: a lognormal body and, with some probability, a lognormal "hiccup" (a pause, a queue, a
     * retransmission), as in "The Tail at Scale". Each attempt draws its own, so a hedge rarely hits a hiccup too.
     *
     * @param baseMedianMs the body's median
     * @param baseSigma the body's σ
     * @param hiccupProbability the chance an attempt hits a hiccup
     * @param hiccupMedianMs a hiccup's median latency
     * @param hiccupSigma a hiccup's σ
     */
    public record Service(double baseMedianMs, double baseSigma, double hiccupProbability, double hiccupMedianMs,
            double hiccupSigma) {

        /** 98 % lognormal around 1 ms (σ 0.25), 2 % hiccups around 20 ms (σ 0.4): p99 ≈ 20 × p50. */
        public static Service tailAtScale() {
            return new Service(1.0, 0.25, 0.02, 20.0, 0.4);
        }

        /** One lognormal with p99 = 20 × p50 (σ = ln 20 / 2.326): the tail is the body's, every attempt shares it. */
        public static Service lognormal() {
            return new Service(1.0, Math.log(20) / 2.3263, 0, 0, 0);
        }

        /** One attempt's latency, times {@code slowdown}. */
        public long sampleNanos(SplittableRandom random, double slowdown) {
            boolean hiccup = hiccupProbability > 0 && random.nextDouble() < hiccupProbability;
            double median = hiccup ? hiccupMedianMs : baseMedianMs;
            double sigma = hiccup ? hiccupSigma : baseSigma;
            double ms = median * StrictMath.exp(sigma * gaussian(random)) * slowdown;
            return Math.max(1, (long) (ms * 1_000_000));
        }

        private static double gaussian(SplittableRandom random) {
            double u = 1.0 - random.nextDouble();
            double v = random.nextDouble();
            // StrictMath: the same bits on every JVM, so the chart and the tests never drift
            return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
        }
    }

    /**
     * What one run measured.
     *
     * @param label the scenario
     * @param latencies every call's latency, sorted, in nanoseconds
     * @param calls the calls made
     * @param hedges the extra attempts started
     * @param loadPerWindow extra attempts per call, for each window of {@code window} calls in arrival order
     */
    public record Outcome(String label, long[] latencies, long calls, long hedges, double[] loadPerWindow) {

        /** The latency at percentile {@code p}, in nanoseconds (nearest rank). */
        public long percentile(double p) {
            int rank = (int) Math.ceil(p / 100.0 * latencies.length);
            return latencies[Math.max(0, Math.min(latencies.length - 1, rank - 1))];
        }

        /** Extra attempts per call over the whole run. */
        public double extraLoad() {
            return (double) hedges / calls;
        }

        /** The most extra attempts per call in any window. */
        public double peakWindowLoad() {
            return Arrays.stream(loadPerWindow).max().orElse(0);
        }
    }

    /**
     * Runs {@code calls} calls; calls {@code [slowFrom, slowTo)} see every latency multiplied by {@code slowdown}
     * (the service slows for everyone).
     *
     * @param hedging makes the hedge policy from the virtual scheduler, or {@code null} for no hedging
     */
    public static Outcome run(String label, Service service, Function<VirtualScheduler, Hedge> hedging, int calls,
            int slowFrom, int slowTo, double slowdown, int window, long seed) {
        VirtualScheduler scheduler = new VirtualScheduler(Long.MAX_VALUE - Duration.ofSeconds(1).toNanos());
        Hedge hedge = hedging == null ? null : hedging.apply(scheduler);
        SplittableRandom random = new SplittableRandom(seed);
        long[] latencies = new long[calls];
        int[] attempts = new int[calls];
        for (int i = 0; i < calls; i++) {
            int call = i;
            double factor = call >= slowFrom && call < slowTo ? slowdown : 1.0;
            scheduler.schedule(() -> {
                long start = scheduler.getAsLong();
                Hedge.IdempotentStage<Void> attempt = Hedge.idempotentAsync(() -> {
                    attempts[call]++;
                    CompletableFuture<Void> response = new CompletableFuture<>();
                    scheduler.schedule((Runnable) () -> response.complete(null), service.sampleNanos(random, factor),
                            TimeUnit.NANOSECONDS);
                    return response;
                });
                java.util.concurrent.CompletionStage<?> result = hedge == null
                        ? attempt.supplier().get()
                        : hedge.getAsync(attempt);
                result.whenComplete((ok, failure) -> latencies[call] = scheduler.getAsLong() - start);
            }, call * ARRIVAL_NANOS, TimeUnit.NANOSECONDS);
        }
        scheduler.runUntilIdle();
        if (scheduler.pending() != 0) {
            throw new IllegalStateException("timers left behind: " + scheduler.pending());
        }
        long hedges = 0;
        double[] perWindow = new double[(calls + window - 1) / window];
        for (int i = 0; i < calls; i++) {
            hedges += attempts[i] - 1;
            perWindow[i / window] += attempts[i] - 1;
        }
        for (int w = 0; w < perWindow.length; w++) {
            perWindow[w] /= Math.min(window, calls - w * window);
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Outcome(label, sorted, calls, hedges, perWindow);
    }

    /** The hedge of the guide: one hedge at the observed p95, paid from a budget of 10 % (cost 10, refund 1). */
    public static Hedge percentileHedge(VirtualScheduler scheduler) {
        return Hedge.builder()
                .maxHedges(1)
                .delayPercentile(95, Duration.ofMillis(5))
                .budget(RetryBudget.builder().capacity(50).retryCost(10).successRefund(1).build())
                .scheduler(scheduler)
                .ticker(scheduler)
                .build();
    }

    /** A hedge at a fixed 2 ms (the p95 of the healthy service), with or without the 10 % budget. */
    public static Hedge fixedHedge(VirtualScheduler scheduler, boolean budget) {
        Hedge.Builder builder = Hedge.builder().maxHedges(1).delay(Duration.ofMillis(2)).scheduler(scheduler)
                .ticker(scheduler);
        if (budget) {
            builder.budget(RetryBudget.builder().capacity(50).retryCost(10).successRefund(1).build());
        }
        return builder.build();
    }

    /** The scenarios of the guide and the chart. */
    public static final class Scenarios {
        /** Calls in the latency runs. */
        public static final int CALLS = 50_000;
        /** Calls in the slowdown runs; the middle third is 10 × slower for everyone. */
        public static final int SLOW_CALLS = 30_000;
        /** Calls per window of the load chart. */
        public static final int WINDOW = 1_000;
        static final long SEED = 20_261_203L;

        public final Outcome unhedged = run("no hedging", Service.tailAtScale(), null, CALLS, 0, 0, 1, WINDOW, SEED);
        public final Outcome hedged = run("hedged at p95", Service.tailAtScale(), HedgingSimulation::percentileHedge,
                CALLS, 0, 0, 1, WINDOW, SEED);
        public final Outcome lognormalUnhedged = run("lognormal, no hedging", Service.lognormal(), null, CALLS, 0, 0,
                1, WINDOW, SEED);
        public final Outcome lognormalHedged = run("lognormal, hedged at p95", Service.lognormal(),
                HedgingSimulation::percentileHedge, CALLS, 0, 0, 1, WINDOW, SEED);
        public final Outcome slowNoBudget = run("fixed 2 ms, no budget", Service.tailAtScale(),
                s -> fixedHedge(s, false), SLOW_CALLS, SLOW_CALLS / 3, 2 * SLOW_CALLS / 3, 10, WINDOW, SEED);
        public final Outcome slowBudget = run("fixed 2 ms, 10 % budget", Service.tailAtScale(),
                s -> fixedHedge(s, true), SLOW_CALLS, SLOW_CALLS / 3, 2 * SLOW_CALLS / 3, 10, WINDOW, SEED);
        public final Outcome slowPercentile = run("p95 with budget", Service.tailAtScale(),
                HedgingSimulation::percentileHedge, SLOW_CALLS, SLOW_CALLS / 3, 2 * SLOW_CALLS / 3, 10, WINDOW, SEED);
    }

    /** Prints the scenarios' numbers. */
    public static void main(String[] args) {
        Scenarios s = new Scenarios();
        for (Outcome o : new Outcome[] {s.unhedged, s.hedged, s.lognormalUnhedged, s.lognormalHedged,
                s.slowNoBudget, s.slowBudget, s.slowPercentile}) {
            System.out.printf("%-28s p50 %6.2f ms  p90 %6.2f  p99 %6.2f  p99.9 %6.2f  extra load %5.1f %%  peak %5.1f %%%n",
                    o.label(), o.percentile(50) / 1e6, o.percentile(90) / 1e6, o.percentile(99) / 1e6,
                    o.percentile(99.9) / 1e6, 100 * o.extraLoad(), 100 * o.peakWindowLoad());
        }
        System.out.printf("p99 ratio, tail at scale: %.3f; lognormal: %.3f%n",
                (double) s.hedged.percentile(99) / s.unhedged.percentile(99),
                (double) s.lognormalHedged.percentile(99) / s.lognormalUnhedged.percentile(99));
    }
}
