package dev.mainstay.docs;

import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.IdempotencyResult;
import dev.mainstay.idempotency.InMemoryIdempotencyStore;
import dev.mainstay.idempotency.StoredResponse;
import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.LockHandle;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The README's quick start, compiled here and run by {@code QuickStartTest}; the README shows it line for line. */
public final class QuickStart {

    private QuickStart() {}

    /**
     * Charges an order once however often the request is retried, while holding the order's lock.
     *
     * @param charges counts the charges really made
     * @return the response of the first request and the retry's, and whether the retry was a replay
     * @throws Exception if the lock could not be had in time
     */
    public static String chargeOnce(AtomicInteger charges) throws Exception {
        // readme quick start
        DistributedLock locks = DistributedLock.builder().build();            // in memory; JdbcLock, RedisLock alike
        Idempotency idempotency = Idempotency.builder(InMemoryIdempotencyStore.ofDefaults()).build();

        IdempotencyResult first;
        IdempotencyResult retry;
        try (LockHandle lock = locks.acquire("order-42", Duration.ofSeconds(30), Duration.ofSeconds(5))) {
            first = idempotency.execute("user:7", "key-123", Fingerprint.sha256("amount=10"),
                    claim -> StoredResponse.ofText("charged #" + charges.incrementAndGet() + ", token " + lock.token()));
            retry = idempotency.execute("user:7", "key-123", Fingerprint.sha256("amount=10"),
                    claim -> StoredResponse.ofText("charged #" + charges.incrementAndGet() + ", token " + lock.token()));
        }                                                                   // released
        // first: "charged #1, token …"; retry: the same stored response, retry.replayed() == true
        // end
        locks.close();
        return first.response().bodyText() + " / " + retry.response().bodyText() + " / " + retry.replayed();
    }
}
