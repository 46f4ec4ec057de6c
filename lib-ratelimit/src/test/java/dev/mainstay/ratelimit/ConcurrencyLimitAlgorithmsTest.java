package dev.mainstay.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Each adaptive limit, step by step on a fake clock; and the limit seen through the listener and JFR. */
class ConcurrencyLimitAlgorithmsTest {

    private static final long MS = 1_000_000L;

    /** Runs {@code calls} calls of {@code rtt} each, {@code concurrency} at a time, on the fake ticker. */
    private static void calls(ConcurrencyLimiter limiter, FakeTicker ticker, int calls, int concurrency, long rtt,
            boolean drop) {
        for (int done = 0; done < calls; done += concurrency) {
            List<Permit> batch = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                Permit permit = limiter.tryAcquire();
                if (permit.isGranted()) {
                    batch.add(permit);
                }
            }
            ticker.advance(rtt);
            for (Permit permit : batch) {
                if (drop) {
                    permit.dropped();
                } else {
                    permit.success();
                }
            }
        }
    }

    @Test
    void aimdGrowsByOnePerWindowAndBacksOffOnADropOrASlowCall() {
        FakeTicker ticker = new FakeTicker(Long.MAX_VALUE - 100 * MS);
        List<Integer> limits = new ArrayList<>();
        ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(
                        ConcurrencyLimit.aimd().withInitialLimit(20).withTimeout(Duration.ofMillis(50)))
                .ticker(ticker)
                .listener(new ConcurrencyLimiterListener() {
                    @Override
                    public void onLimitChanged(String limiter, int oldLimit, int newLimit) {
                        limits.add(newLimit);
                    }
                })
                .build();
        calls(limiter, ticker, 20, 20, 10 * MS, false); // one window of 20 busy samples
        assertEquals(21, limiter.limit());
        calls(limiter, ticker, 21, 21, 10 * MS, true);
        assertEquals(18, limiter.limit()); // floor(21 * 0.9)
        calls(limiter, ticker, 18, 18, 60 * MS, false); // slower than the timeout: a drop
        assertEquals(16, limiter.limit());
        calls(limiter, ticker, 40, 2, 10 * MS, false); // 2 in flight of 16: the limit is not what holds calls back
        assertEquals(16, limiter.limit());
        assertEquals(List.of(21, 18, 16), limits);
    }

    @Test
    void vegasAndGradientFollowTheQueue() {
        for (ConcurrencyLimit limit : new ConcurrencyLimit[] {
                ConcurrencyLimit.vegas().withInitialLimit(40),
                ConcurrencyLimit.gradient().withInitialLimit(40)}) {
            FakeTicker ticker = new FakeTicker(-5 * MS);
            ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(limit).ticker(ticker).build();
            assertEquals(10, limiter.limit(), limit + ": the first probe runs at a quarter");
            calls(limiter, ticker, 10, 10, 10 * MS, false);       // baseline: 10 ms
            assertEquals(40, limiter.limit(), limit + ": restored after the probe");
            calls(limiter, ticker, 40 * 20, 40, 30 * MS, false);  // three times slower: a queue
            int shrunk = limiter.limit();
            assertTrue(shrunk < 30, limit + ": shrank to " + shrunk);
            calls(limiter, ticker, 2000, 30, 10 * MS, false);     // back to the baseline: no queue
            assertTrue(limiter.limit() > shrunk + 5, limit + ": grew back from " + shrunk + " to " + limiter.limit());
        }
    }

    @Test
    void aFixedLimitNeverMovesAndReadsNoClock() {
        ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(4))
                .ticker(() -> {
                    throw new AssertionError("a fixed limit without a listener reads no clock");
                })
                .build();
        for (int i = 0; i < 100; i++) {
            try (Permit permit = limiter.tryAcquire()) {
                assertTrue(permit.isGranted());
            }
        }
        assertEquals("ok", limiter.get(() -> "ok"));
        assertEquals(4, limiter.limit());
    }

    @Test
    void refusalsAndLimitChangesAreJfrEvents() throws Exception {
        Path file = Files.createTempFile("concurrency", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.mainstay.ratelimit.ConcurrencyRejected");
            recording.enable("dev.mainstay.ratelimit.ConcurrencyLimitChanged");
            recording.start();
            FakeTicker ticker = new FakeTicker(0);
            ConcurrencyLimiter limiter = ConcurrencyLimiter.builder(ConcurrencyLimit.aimd().withInitialLimit(10))
                    .name("jfr").ticker(ticker).build();
            calls(limiter, ticker, 10, 10, MS, true);
            assertEquals(9, limiter.limit());
            Permit[] held = new Permit[9];
            for (int i = 0; i < 9; i++) {
                held[i] = limiter.tryAcquire();
            }
            assertTrue(!limiter.tryAcquire().isGranted());
            recording.stop();
            recording.dump(file);
            List<String> seen = new ArrayList<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getEventType().getName().endsWith("ConcurrencyRejected")) {
                    seen.add("rejected " + event.getString("limiter") + " " + event.getInt("inFlight") + "/"
                            + event.getInt("limit"));
                } else {
                    seen.add("limit " + event.getInt("oldLimit") + "->" + event.getInt("newLimit"));
                }
            }
            assertEquals(List.of("limit 10->9", "rejected jfr 9/9"), seen);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
