package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    @Test
    void defaultsAreTheAwsOnes() {
        RetryBudget budget = RetryBudget.ofDefaults();
        assertEquals(500, budget.capacity());
        assertEquals(5, budget.retryCost());
        assertEquals(1, budget.successRefund());
        int retries = 0;
        while (budget.tryAcquireRetry()) {
            retries++;
        }
        assertEquals(100, retries, "a full bucket pays capacity / retryCost retries");
        for (int i = 0; i < 5; i++) {
            budget.onSuccess();
        }
        assertTrue(budget.tryAcquireRetry(), "five successes pay one retry");
        assertFalse(budget.tryAcquireRetry());
    }

    @Test
    void refundsStopAtTheCapacity() {
        RetryBudget budget = RetryBudget.builder().capacity(10).successRefund(3).retryCost(4).build();
        budget.onSuccess();
        assertEquals(10, budget.availableTokens());
        assertTrue(budget.tryAcquireRetry());
        budget.onSuccess();
        budget.onSuccess();
        assertEquals(10, budget.availableTokens());
    }

    @Test
    void manyThreadsNeverDriveItNegativeNorTakeMoreThanItHolds() throws Exception {
        RetryBudget budget = RetryBudget.builder().capacity(1000).retryCost(3).build();
        AtomicLong acquired = new AtomicLong();
        AtomicBoolean sawNegative = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                long tokens = budget.availableTokens();
                if (tokens < 0 || tokens > 1000) {
                    sawNegative.set(true);
                }
            }
        });
        watcher.start();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    if (budget.tryAcquireRetry()) {
                        acquired.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            Waits.join(thread);
        }
        running.set(false);
        Waits.join(watcher);
        assertFalse(sawNegative.get());
        assertEquals(333, acquired.get());
        assertEquals(1, budget.availableTokens());
    }
}
