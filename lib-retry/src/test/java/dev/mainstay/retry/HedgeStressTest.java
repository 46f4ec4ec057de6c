package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Many threads, hedges racing first attempts and completions on other threads: exact counts. */
class HedgeStressTest {

    private static final int THREADS = 8;
    private static final int CALLS = 2_000;

    @Test
    void everyHedgedCallReturnsExactlyOneResultAndEveryLoserIsCounted() throws Exception {
        ExecutorService completers = Executors.newFixedThreadPool(4);
        Queue<CompletableFuture<Integer>> attempts = new ConcurrentLinkedQueue<>();
        AtomicIntegerArray results = new AtomicIntegerArray(THREADS * CALLS);
        AtomicInteger wrong = new AtomicInteger();
        try (Hedge hedge = Hedge.builder().maxHedges(2).delay(Duration.ofNanos(20_000)).build()) {
            List<Thread> threads = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(THREADS * CALLS);
            for (int t = 0; t < THREADS; t++) {
                int base = t * CALLS;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < CALLS; i++) {
                        int call = base + i;
                        CompletableFuture<Integer> result = hedge.getAsync(Hedge.idempotentAsync(() -> {
                            CompletableFuture<Integer> attempt = new CompletableFuture<>();
                            attempts.add(attempt);
                            int spin = ThreadLocalRandom.current().nextInt(100);
                            completers.execute(() -> {
                                for (int s = 0; s < spin; s++) {
                                    Thread.onSpinWait();
                                }
                                attempt.complete(call);
                            });
                            return attempt;
                        }));
                        result.whenComplete((value, failure) -> {
                            if (failure != null || value != call) {
                                wrong.incrementAndGet();
                            }
                            results.incrementAndGet(call);
                            done.countDown();
                        });
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                Waits.join(thread);
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "every call completed");
            completers.shutdown();
            assertTrue(completers.awaitTermination(30, TimeUnit.SECONDS));

            for (int i = 0; i < THREADS * CALLS; i++) {
                assertEquals(1, results.get(i), "call " + i + " completed once");
            }
            assertEquals(0, wrong.get(), "each call got its own value");
            long cancelledAttempts = attempts.stream().filter(CompletableFuture::isCancelled).count();
            // losers are counted by the winner's thread just after it hands the result over: let the last ones land
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (hedge.metrics().cancelled() < cancelledAttempts && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            Hedge.Metrics metrics = hedge.metrics();
            assertEquals(THREADS * CALLS, metrics.calls());
            assertEquals(metrics.calls() + metrics.hedges(), attempts.size(), "every attempt started is counted");
            assertEquals(cancelledAttempts, metrics.cancelled(), "every cancelled loser is counted, once");
            assertTrue(metrics.hedges() > 0 && metrics.cancelled() > 0, metrics.toString());
            assertEquals(0, hedge.pendingTimers(), "no timer outlives its call");
        }
    }
}
