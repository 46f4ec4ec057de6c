package dev.mainstay.idempotency;

import dev.mainstay.idempotency.internal.Checks;
import dev.mainstay.idempotency.internal.Nullable;
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
 * <p>Records live in a {@link ConcurrentHashMap} keyed by the idempotency key, each value an immutable record per
 * scope (one, unless two scopes use the same key). A claim of a new key is one {@code putIfAbsent}; any other claim
 * is one atomic {@code compute} on the key's entry; a completion, release or recovery point is a compare-and-replace
 * of the entry it read; so duplicates of one key contend only with each other. A replay through the executor reads
 * the entry and the clock and answers the result made once at completion: no lock and no allocation. Time comes
 * from the builder's ticker. When the store holds {@code maximumRecords} records, a claim of a new key first
 * sweeps out the expired ones; if every record is still live, the claim fails with
 * {@link IdempotencyBackendException} rather than forget a key inside
 * its retention window (forgetting would let a retry execute twice). {@link #purgeExpired()} sweeps on demand.
 *
 * <p>Thread-safe.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    /** The longest time span the store's arithmetic holds exactly: about 73 years. */
    private static final long MAX_SPAN = Long.MAX_VALUE / 4;

    /** The claim of a key no scope has used: attempt 1, no recovery point. */
    private static final ClaimResult FIRST_CLAIM = ClaimResult.claimed(1, null);

    /** Records by key; the records of one key in several scopes are chained (rare: keys are unique ids). */
    private final ConcurrentHashMap<String, Entry> records = new ConcurrentHashMap<>();
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

    /**
     * One scope's record of a key, immutable, chained to the key's records in other scopes. A completed record
     * carries the result its replays answer, made once when it completed. Keyed by the key string itself, a lookup
     * allocates nothing (a composite key object would, whenever escape analysis fails to remove it).
     */
    private static final class Entry {
        final String scope;
        final Row row;
        final @Nullable IdempotencyResult replayed;
        final @Nullable Entry next;

        Entry(String scope, Row row, @Nullable IdempotencyResult replayed, @Nullable Entry next) {
            this.scope = scope;
            this.row = row;
            this.replayed = replayed;
            this.next = next;
        }
    }

    private static @Nullable Entry find(@Nullable Entry chain, String scope) {
        for (Entry entry = chain; entry != null; entry = entry.next) {
            if (entry.scope.equals(scope)) {
                return entry;
            }
        }
        return null;
    }

    /** The chain with {@code scope}'s record replaced by (or added as) {@code row}. */
    private static Entry with(@Nullable Entry chain, String scope, Row row,
            @Nullable IdempotencyResult replayed) {
        return new Entry(scope, row, replayed, without(chain, scope));
    }

    /** The chain without {@code scope}'s record; null when that was the last. */
    private static @Nullable Entry without(@Nullable Entry chain, String scope) {
        if (chain == null) {
            return null;
        }
        if (chain.scope.equals(scope)) {
            return chain.next;
        }
        Entry rest = without(chain.next, scope);
        return rest == chain.next ? chain : new Entry(chain.scope, chain.row, chain.replayed, rest);
    }

    private static long span(Duration duration) {
        return Math.min(MAX_SPAN, Checks.nanos(duration));
    }

    /**
     * The executor's replay: the result stored with a completed record of {@code (scope, key)} whose fingerprint
     * matches and whose retention has not passed, else null (and the executor takes the checked path). One map read,
     * one comparison of the fingerprints' hex strings, one clock read; no lock, no allocation. The scope and key
     * need no check here: a record is only stored under a checked scope and key ({@link #reserve}), so one that
     * equals them passed the same check.
     */
    @Nullable IdempotencyResult replayed(String scope, String key, Fingerprint fingerprint) {
        Entry found = find(records.get(key), scope);
        if (found == null || found.replayed == null || !found.row.fingerprint().equals(fingerprint.hex())) {
            return null;
        }
        return found.row.expiresAt() - ticker.getAsLong() > 0 ? found.replayed : null;
    }

    @Override
    public ClaimResult claim(String scope, String key, Fingerprint fingerprint, Duration lease, Duration retention) {
        String hex = fingerprint.hex();
        long leaseNanos = span(lease);
        long retentionNanos = span(retention);
        Entry chain = records.get(key);
        Entry known = find(chain, scope);
        if (known == null) {
            if (count.get() >= maximumRecords) {
                purgeExpired();
            }
            if (chain == null) { // a new key: one insertion, no lock taken on a record
                reserve(scope, key);
                long now = ticker.getAsLong();
                Row row = new Row(hex, Row.IN_PROGRESS, 1, now + leaseNanos, now + retentionNanos, null, null);
                if (records.putIfAbsent(key, new Entry(scope, row, null, null)) == null) {
                    return FIRST_CLAIM;
                }
                count.decrementAndGet(); // another claim inserted the key first: decide below, under its lock
            }
        } else if (known.replayed != null && known.row.fingerprint().equals(hex)
                && known.row.expiresAt() - ticker.getAsLong() > 0) {
            return ClaimResult.completed(known.row.attempt(), known.replayed.response()); // a replay: no lock
        }
        ClaimResult[] result = new ClaimResult[1];
        records.compute(key, (k, current) -> {
            Entry old = find(current, scope);
            if (old == null) {
                reserve(scope, key);
            }
            Row oldRow = old == null ? null : old.row;
            Row.Claim claim = Row.claim(oldRow, hex, ticker.getAsLong(), leaseNanos, retentionNanos);
            result[0] = claim.result();
            return claim.unchanged(oldRow) ? current : with(current, scope, claim.row(), null);
        });
        return result[0];
    }

    /** Counts a new record in, refusing it when the store is full; checks its scope and key (SPI callers). */
    private void reserve(String scope, String key) {
        Checks.key("scope", scope);
        Checks.key("key", key);
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
        IdempotencyResult replayed = new IdempotencyResult(response, true); // made once; every replay answers it
        for (Entry chain = records.get(key); ; chain = records.get(key)) {
            long now = ticker.getAsLong();
            Entry held = held(chain, scope, attempt, now);
            if (held == null) {
                return false;
            }
            Row done = held.row.completed(response, now, retentionNanos);
            if (records.replace(key, chain, with(chain, scope, done, replayed))) {
                return true;
            }
        }
    }

    @Override
    public boolean release(String scope, String key, long attempt) {
        for (Entry chain = records.get(key); ; chain = records.get(key)) {
            Entry held = held(chain, scope, attempt, ticker.getAsLong());
            if (held == null) {
                return false;
            }
            if (records.replace(key, chain, with(chain, scope, held.row.released(), null))) {
                return true;
            }
        }
    }

    @Override
    public boolean savePoint(String scope, String key, long attempt, String point, Duration lease) {
        long leaseNanos = span(lease);
        for (Entry chain = records.get(key); ; chain = records.get(key)) {
            long now = ticker.getAsLong();
            Entry held = held(chain, scope, attempt, now);
            if (held == null) {
                return false;
            }
            if (records.replace(key, chain, with(chain, scope, held.row.withPoint(point, now, leaseNanos), null))) {
                return true;
            }
        }
    }

    private static @Nullable Entry held(@Nullable Entry chain, String scope, long attempt, long now) {
        Entry entry = find(chain, scope);
        return entry != null && entry.row.heldBy(attempt, now) ? entry : null;
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
            for (String key : records.keySet()) {
                records.computeIfPresent(key, (k, chain) -> {
                    long now = ticker.getAsLong();
                    Entry kept = chain;
                    for (Entry entry = chain; entry != null; entry = entry.next) {
                        if (entry.row.expiresAt() - now <= 0) {
                            kept = without(kept, entry.scope);
                            removed[0]++;
                            count.decrementAndGet();
                        }
                    }
                    return kept;
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
