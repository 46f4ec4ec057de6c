package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many threads of asynchronous calls, half in time and half late: exact counts and no timer left. */
class TimeoutStressTest {

    @Test
    void everyCallEndsOnceAndNoTimerIsLeft() throws Exception {
        int threads = 8;
        int calls = 2_000;
        ExecutorService completers = Executors.newFixedThreadPool(2);
        AtomicInteger inTime = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        AtomicInteger cancelledLate = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        try (Timeout timeout = Timeout.of(Duration.ofMillis(2))) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<CompletableFuture<?>> mine = new ArrayList<>();
                all.add(CompletableFuture.completedFuture(mine));
                Thread worker = new Thread(() -> {
                    for (int i = 0; i < calls; i++) {
                        CompletableFuture<Integer> work = new CompletableFuture<>();
                        if (i % 2 == 0) {
                            completers.execute(() -> work.complete(1));
                        }
                        CompletableFuture<Integer> result = timeout.getAsync(() -> work);
                        mine.add(result.whenComplete((value, failure) -> {
                            if (failure == null) {
                                inTime.incrementAndGet();
                            } else if (failure instanceof TimeoutExceededException) {
                                timedOut.incrementAndGet();
                                if (work.isCancelled()) {
                                    cancelledLate.incrementAndGet();
                                }
                            } else {
                                other.incrementAndGet();
                            }
                        }));
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                Waits.join(worker);
            }
            for (CompletableFuture<?> list : all) {
                for (Object f : (List<?>) Waits.get(list)) {
                    Waits.get(((CompletableFuture<?>) f).handle((v, e) -> null));
                }
            }
            assertEquals(threads * calls, inTime.get() + timedOut.get());
            assertEquals(0, other.get());
            assertTrue(timedOut.get() >= threads * calls / 2, "every call never completed timed out");
            assertEquals(timedOut.get(), cancelledLate.get(), "every late call's work was cancelled");
            assertEquals(0, timeout.pendingTimers(), "no timer outlives its call");
        } finally {
            completers.shutdownNow();
        }
    }
}
