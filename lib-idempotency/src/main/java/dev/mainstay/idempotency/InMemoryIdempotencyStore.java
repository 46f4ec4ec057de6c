package dev.mainstay.idempotency;

import dev.mainstay.idempotency.internal.Checks;
import dev.mainstay.idempotency.internal.Row;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * An {@link IdempotencyStore} in this process's memory: bounded, expiring, safe under contention. For one process,
 * and for tests.
 *
 * <pre>{@code
 * InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder()
 *         .maximumRecords(100_000)
 *         .build();
 * Idempotency idempotency = Idempotency.builder(store).build();
 * }</pre>
 *
 * <p>Records live in a {@link ConcurrentHashMap} of immutable records: a claim is one atomic {@code compute} on
 * the record's entry (a replay of a completed key only reads it), and a completion, release or recovery point is a
 * compare-and-replace of the record it read; so duplicates of one key contend only with each other. Time comes
 * from the builder's ticker. When the store holds {@code maximumRecords} records, a claim of a new key first sweeps out the expired ones; if every
 * record is still live, the claim fails with {@link IdempotencyBackendException} rather than forget a key inside
 * its retention window (forgetting would let a retry execute twice). {@link #purgeExpired()} sweeps on demand.
 *
 * <p>Thread-safe.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    /** The longest time span the store's arithmetic holds exactly: about 73 years. */
    private static final long MAX_SPAN = Long.MAX_VALUE / 4;

    private final ConcurrentHashMap<Id, Row> records = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final ReentrantLock sweeping = new ReentrantLock();
    private final int maximumRecords;
    private final LongSupplier ticker;

    private InMemoryIdempotencyStore(Builder builder) {
        this.maximumRecords = builder.maximumRecords;
        this.ticker = builder.ticker;
    }

    /**
     * A builder.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A store with the defaults (at most 100 000 records, {@code System::nanoTime}).
     *
     * @return a new store
     */
    public static InMemoryIdempotencyStore ofDefaults() {
        return builder().build();
    }

    /** A record's identity; small enough for escape analysis to keep a lookup's copy off the heap. */
    private static final class Id {
        final String scope;
        final String key;

        Id(String scope, String key) {
            this.scope = scope;
            this.key = key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id id && id.key.equals(key) && id.scope.equals(scope);
        }

        @Override
        public int hashCode() {
            return scope.hashCode() * 31 + key.hashCode();
        }
    }

    private static Id id(String scope, String key) {
        return new Id(scope, key);
    }

    private static long span(Duration duration) {
        return Math.min(MAX_SPAN, Checks.nanos(duration));
    }

    @Override
    public ClaimResult claim(String scope, String key, Fingerprint fingerprint, Duration lease, Duration retention) {
        Id id = id(scope, key);
        String hex = fingerprint.hex();
        Row known = records.get(id);
        if (known != null && known.state() == Row.COMPLETED && known.fingerprint().equals(hex)
                && known.expiresAt() - ticker.getAsLong() > 0) {
            return known.replay(); // a replay: no lock, no allocation
        }
        long leaseNanos = span(lease);
        long retentionNanos = span(retention);
        if (known == null && count.get() >= maximumRecords) {
            purgeExpired();
        }
        ClaimResult[] result = new ClaimResult[1];
        records.compute(id, (k, old) -> {
            if (old == null) {
                reserve(scope, key);
            }
            Row.Claim claim = Row.claim(old, hex, ticker.getAsLong(), leaseNanos, retentionNanos);
            result[0] = claim.result();
            return claim.row();
        });
        return result[0];
    }

    private void reserve(String scope, String key) {
        for (int n = count.get(); ; n = count.get()) {
            if (n >= maximumRecords) {
                throw new IdempotencyBackendException("claim", backend(), scope, key, null,
                        "the store is full: all " + maximumRecords + " records (maximumRecords) are inside their"
                                + " retention");
            }
            if (count.compareAndSet(n, n + 1)) {
                return;
            }
        }
    }

    @Override
    public boolean complete(String scope, String key, long attempt, StoredResponse response, Duration retention) {
        long retentionNanos = span(retention);
        Id id = id(scope, key);
        for (Row row = records.get(id); held(row, attempt); row = records.get(id)) {
            if (records.replace(id, row, row.completed(response, ticker.getAsLong(), retentionNanos))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean release(String scope, String key, long attempt) {
        Id id = id(scope, key);
        for (Row row = records.get(id); held(row, attempt); row = records.get(id)) {
            if (records.replace(id, row, row.released())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean savePoint(String scope, String key, long attempt, String point, Duration lease) {
        long leaseNanos = span(lease);
        Id id = id(scope, key);
        for (Row row = records.get(id); held(row, attempt); row = records.get(id)) {
            if (records.replace(id, row, row.withPoint(point, ticker.getAsLong(), leaseNanos))) {
                return true;
            }
        }
        return false;
    }

    private boolean held(Row row, long attempt) {
        return row != null && row.heldBy(attempt, ticker.getAsLong());
    }

    /**
     * Removes every record past its retention. At most one thread sweeps at a time; a call while another sweeps
     * returns 0 at once.
     *
     * @return the number of records removed
     */
    public int purgeExpired() {
        if (!sweeping.tryLock()) {
            return 0;
        }
        try {
            int[] removed = new int[1];
            for (Id id : records.keySet()) {
                records.computeIfPresent(id, (k, row) -> {
                    if (row.expiresAt() - ticker.getAsLong() > 0) {
                        return row;
                    }
                    removed[0]++;
                    count.decrementAndGet();
                    return null;
                });
            }
            return removed[0];
        } finally {
            sweeping.unlock();
        }
    }

    /**
     * The number of records held, expired ones included until swept.
     *
     * @return the number of records
     */
    public int size() {
        return count.get();
    }

    @Override
    public String backend() {
        return "memory";
    }

    @Override
    public String toString() {
        return "InMemoryIdempotencyStore[" + count.get() + " of " + maximumRecords + " records]";
    }

    /**
     * Builds an {@link InMemoryIdempotencyStore}. Each setting is checked when set.
     *
     * <pre>{@code
     * InMemoryIdempotencyStore store = InMemoryIdempotencyStore.builder()
     *         .maximumRecords(10_000)
     *         .ticker(fakeTicker)      // tests: deterministic expiry
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private int maximumRecords = 100_000;
        private LongSupplier ticker = System::nanoTime;

        private Builder() {}

        /**
         * The most records held at once. Default 100 000.
         *
         * @param maximumRecords at least 1
         * @return this builder
         */
        public Builder maximumRecords(int maximumRecords) {
            if (maximumRecords < 1) {
                throw new IllegalArgumentException("maximumRecords must be > 0 but was " + maximumRecords);
            }
            this.maximumRecords = maximumRecords;
            return this;
        }

        /**
         * The clock of leases and retention, in nanoseconds. Default {@code System::nanoTime}.
         *
         * @param ticker the ticker
         * @return this builder
         */
        public Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds the store.
         *
         * @return a new, empty store
         */
        public InMemoryIdempotencyStore build() {
            return new InMemoryIdempotencyStore(this);
        }
    }
}
