package dev.mainstay.idempotency;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** UUIDv7 (12 counter bits) and ULID (16 counter bits): a CAS on {@code millis << bits | counter}. */
final class TimeOrderedKeys implements IdempotencyKeyGenerator {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final long MILLIS_MASK = (1L << 48) - 1;

    private final LongSupplier epochMillis;
    private final int bits;
    private final AtomicLong state = new AtomicLong();

    TimeOrderedKeys(LongSupplier epochMillis, int bits) {
        this.epochMillis = epochMillis;
        this.bits = bits;
    }

    /** The next {@code millis << bits | counter}, greater than the last. */
    long tick() {
        long now = epochMillis.getAsLong() & MILLIS_MASK;
        for (;;) {
            long last = state.get();
            long next = now > (last >>> bits)
                    ? now << bits | ThreadLocalRandom.current().nextLong(1L << (bits - 1))
                    : last + 1; // same millisecond, or the clock stepped back: count on (a full counter borrows)
            if (state.compareAndSet(last, next)) {
                return next;
            }
        }
    }

    @Override
    public String next() {
        long stamp = tick();
        long random = ThreadLocalRandom.current().nextLong();
        if (bits == 12) {
            long millis = stamp >>> 12;
            long msb = (millis << 16) | 0x7000L | (stamp & 0xFFF);
            long lsb = (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
            return new UUID(msb, lsb).toString();
        }
        return ulid(stamp, random);
    }

    /** 26 Crockford base32 characters of the 128 bits {@code hi, lo}, most significant first. */
    static String ulid(long hi, long lo) {
        char[] out = new char[26];
        // 130 bits of room: the first character holds the top 3 bits
        for (int i = 25; i >= 0; i--) {
            int shift = (25 - i) * 5; // bit offset from the least significant end
            long value;
            if (shift + 5 <= 64) {
                value = lo >>> shift;
            } else if (shift >= 64) {
                value = hi >>> (shift - 64);
            } else {
                value = lo >>> shift | hi << (64 - shift);
            }
            out[i] = CROCKFORD[(int) (value & 31)];
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return bits == 12 ? "UUIDv7 generator" : "ULID generator";
    }
}
