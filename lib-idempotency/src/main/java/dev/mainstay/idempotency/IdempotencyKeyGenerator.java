package dev.mainstay.idempotency;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Makes idempotency keys for clients: time-ordered, so that a database index on them grows at its end like an
 * auto-increment key instead of splitting pages at random as UUIDv4 keys do; unique without coordination; and
 * strictly increasing within one generator, also within one millisecond (and when the clock steps back).
 *
 * <pre>{@code
 * IdempotencyKeyGenerator keys = IdempotencyKeyGenerator.uuidV7();
 * String key = keys.next();          // e.g. 0190b7d2-7f3a-7a2c-9e41-5d0c2a9b8f10
 * String ulid = IdempotencyKeyGenerator.ulid().next();   // e.g. 01J2VX4ZJT0Q8K3W6P9M2R5T7V
 * }</pre>
 *
 * <p>A UUIDv7 (RFC 9562) holds 48 bits of Unix milliseconds, a 12-bit counter (method 1 of the RFC, started at a
 * random value below 2048 each millisecond) and 62 random bits; a ULID holds 48 bits of milliseconds, a 16-bit
 * counter (started below 32768) and 64 random bits, in Crockford base32. When a millisecond's counter is used up,
 * the generator borrows the next millisecond. One compare-and-set on a {@code long} per key; the only allocations
 * are the key's string and its builder. Thread-safe.
 */
public interface IdempotencyKeyGenerator {

    /**
     * The next key.
     *
     * @return a key greater than every key this generator made before
     */
    String next();

    /**
     * UUIDv7 keys on the system clock.
     *
     * @return a generator
     */
    static IdempotencyKeyGenerator uuidV7() {
        return uuidV7(System::currentTimeMillis);
    }

    /**
     * UUIDv7 keys on a clock of Unix milliseconds.
     *
     * @param epochMillis the clock
     * @return a generator
     */
    static IdempotencyKeyGenerator uuidV7(LongSupplier epochMillis) {
        return new TimeOrderedKeys(Objects.requireNonNull(epochMillis, "epochMillis"), 12);
    }

    /**
     * ULID keys on the system clock.
     *
     * @return a generator
     */
    static IdempotencyKeyGenerator ulid() {
        return ulid(System::currentTimeMillis);
    }

    /**
     * ULID keys on a clock of Unix milliseconds.
     *
     * @param epochMillis the clock
     * @return a generator
     */
    static IdempotencyKeyGenerator ulid(LongSupplier epochMillis) {
        return new TimeOrderedKeys(Objects.requireNonNull(epochMillis, "epochMillis"), 16);
    }
}
