package dev.mainstay.retry.internal;

import dev.mainstay.retry.Waits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** Many threads recording into one window while its buckets rotate: every record counts, exactly. */
class WindowStressTest {

    private static final int THREADS = 4;
    private static final int RECORDS = 25_000;

    @Test
    void timeWindowLosesNoRecordWhileBucketsRotate() throws Exception {
        // one tick per record, a bucket period of 7 ticks: a new bucket every few records, so records race the
        // rotation constantly; the window (20,000 buckets) is longer than the whole run, so everything counts
        long origin = Long.MAX_VALUE - 50_000;
        AtomicLong clock = new AtomicLong(origin);
        TimeWindow window = new TimeWindow(origin, 140_000, 20_000, Integer.MAX_VALUE, 100f, 100f);
        // mostly successes (a failed or slow record sums all 20,000 buckets); 391 of each other kind per thread
        int[] outcomes = new int[64];
        Arrays.fill(outcomes, Window.SUCCESS);
        outcomes[0] = Window.FAILURE;
        outcomes[1] = Window.SLOW_SUCCESS;
        outcomes[2] = Window.SLOW_FAILURE;
        onThreads(id -> {
            for (int i = 0; i < RECORDS; i++) {
                window.record(outcomes[i & 63], clock.getAndIncrement());
            }
        });
        long total = (long) THREADS * RECORDS;
        long perKind = THREADS * 391L;
        assertArrayEquals(new long[] {total, 2 * perKind, 2 * perKind}, window.counts(clock.get()));
    }

    @Test
    void countWindowTotalsEqualItsSlotsUnderContention() throws Exception {
        CountWindow window = new CountWindow(1_000, Integer.MAX_VALUE, 100f, 100f);
        onThreads(id -> {
            for (int i = 0; i < RECORDS; i++) {
                window.record((i + id) % 3 == 0 ? Window.FAILURE : Window.SUCCESS, 0);
            }
        });
        // then one thread fills the whole ring with failures: whatever the interleaving before, the totals
        // must now read exactly a full window of failures
        for (int i = 0; i < 1_000; i++) {
            window.record(Window.FAILURE, 0);
        }
        assertArrayEquals(new long[] {1_000, 1_000, 0}, window.counts(0));
    }

    /** Runs {@code body} on {@link #THREADS} threads released together, and waits for all of them. */
    private static void onThreads(IntConsumer body) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    Waits.await(start);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                body.accept(id);
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            Waits.join(thread);
        }
    }
}
