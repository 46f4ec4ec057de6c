package dev.mainstay.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

    private final FakeTicker ticker = new FakeTicker(Long.MAX_VALUE - Duration.ofSeconds(1).toNanos());
    private final InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder().ticker(ticker).build();

    @Override
    protected IdempotencyStore store() {
        return store;
    }

    @Override
    protected void passTime(long millis) {
        ticker.advance(Duration.ofMillis(millis).toNanos());
    }

    @Test
    void aFullStoreSweepsExpiredRecordsThenRefusesRatherThanForgetALiveKey() throws Exception {
        InMemoryIdempotencyStore small = InMemoryIdempotencyStore.builder().maximumRecords(2).ticker(ticker).build();
        Idempotency idempotency = Idempotency.builder(small).retention(Duration.ofSeconds(10)).build();
        idempotency.execute("s", "a", Fingerprint.sha256("x"), c -> StoredResponse.ofText("a"));
        idempotency.execute("s", "b", Fingerprint.sha256("x"), c -> StoredResponse.ofText("b"));
        IdempotencyBackendException full = assertThrows(IdempotencyBackendException.class,
                () -> idempotency.execute("s", "c", Fingerprint.sha256("x"), c -> StoredResponse.ofText("c")));
        assertEquals("claim", full.operation());
        assertEquals("memory", full.backend());
        assertEquals(2, small.size());
        ticker.advance(Duration.ofSeconds(11).toNanos());
        assertEquals("c", idempotency.execute("s", "c", Fingerprint.sha256("x"), c -> StoredResponse.ofText("c"))
                .response().bodyText());
        assertEquals(1, small.size(), "the two expired records were swept");
        assertEquals(0, small.purgeExpired());
    }

    @Test
    void maximumRecordsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InMemoryIdempotencyStore.builder().maximumRecords(0));
        assertEquals("maximumRecords must be > 0 but was 0", e.getMessage());
        assertThrows(NullPointerException.class, () -> InMemoryIdempotencyStore.builder().ticker(null));
    }
}
