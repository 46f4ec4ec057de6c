package dev.mainstay.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The config record checks its components as the builder does (lock's convention: records validate). */
class IdempotencyConfigTest {

    private static final IdempotencyStore STORE = InMemoryIdempotencyStore.ofDefaults();
    private static final IdempotencyListener NONE = new IdempotencyListener() {};
    private static final LongSupplier TICKER = System::nanoTime;

    private static Idempotency.Config config(Duration lease, Duration retention, long waitNanos, int maxBytes) {
        return new Idempotency.Config(STORE, lease, retention, waitNanos, maxBytes, List.of(), NONE, TICKER);
    }

    private static String refused(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void eachOutOfRangeComponentIsNamedWithItsValue() {
        Duration minute = Duration.ofMinutes(1);
        assertEquals("lease must be > 0 but was PT0S", refused(() -> config(Duration.ZERO, minute, 0, 1)));
        assertEquals("retention must be > 0 but was PT-1S",
                refused(() -> config(minute, Duration.ofSeconds(-1), 0, 1)));
        assertEquals("waitNanos must be >= 0 but was -1", refused(() -> config(minute, minute, -1, 1)));
        assertEquals("maxResponseBytes must be between 1 and " + Idempotency.Builder.MAX_RESPONSE_BYTES
                + " but was 0", refused(() -> config(minute, minute, 0, 0)));
        assertEquals("store", assertThrows(NullPointerException.class, () -> new Idempotency.Config(null, minute,
                minute, 0, 1, List.of(), NONE, TICKER)).getMessage());
        assertEquals("asResponse", assertThrows(NullPointerException.class,
                () -> new Idempotency.StoredFailure<>(RuntimeException.class, null)).getMessage());
    }

    @Test
    void theFailuresAreCopied() {
        List<Idempotency.StoredFailure<?>> failures = new ArrayList<>();
        Idempotency.Config config = new Idempotency.Config(STORE, Duration.ofMinutes(1), Duration.ofHours(1), 0, 1,
                failures, NONE, TICKER);
        failures.add(new Idempotency.StoredFailure<>(RuntimeException.class, e -> StoredResponse.ofText("x")));
        assertEquals(List.of(), config.failures());
        assertEquals(config, Idempotency.builder(STORE).lease(Duration.ofMinutes(1)).retention(Duration.ofHours(1))
                .maxResponseBytes(1).listener(NONE).ticker(TICKER).build().config());
    }
}
