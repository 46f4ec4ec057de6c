package dev.mainstay.idempotency;

import dev.mainstay.idempotency.internal.Checks;
import dev.mainstay.idempotency.internal.Nullable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Runs an operation once per idempotency key and replays its stored response to every retry.
 *
 * <pre>{@code
 * Idempotency idempotency = Idempotency.builder(InMemoryIdempotencyStore.ofDefaults())
 *         .retention(Duration.ofHours(24))
 *         .lease(Duration.ofSeconds(30))
 *         .build();
 * IdempotencyResult result = idempotency.execute("user:42", idempotencyKey, Fingerprint.sha256(body),
 *         claim -> StoredResponse.ofText(payments.charge(body)));
 * // the first call charges; every retry with the same key and body gets the same response, replayed() == true
 * }</pre>
 *
 * <p>An execution: (1) <b>claim</b> the key in the store; a completed key replays its response, a key used with
 * another fingerprint throws {@link IdempotencyKeyReuseException}, a key held by a live lease throws
 * {@link IdempotencyInProgressException} (or, with {@link Builder#waitFor}, polls with backoff until the response
 * is stored or the wait ends); (2) <b>run</b> the action with an {@link IdempotencyClaim}; (3) <b>complete</b>:
 * store the response, guarded by the claim's attempt number. If the action throws, the exception types registered
 * with {@link Builder#storeFailure} are stored as their mapped response (and answered); any other exception releases
 * the key, so that a retry executes again, and propagates. A response larger than
 * {@link Builder#maxResponseBytes} releases the key and throws {@link IllegalArgumentException}.
 *
 * <p><b>When storing the response fails</b> ({@link IdempotencyBackendException} from the completion), the action
 * has run but its response is lost: the record stays in progress until its lease passes, and then a retry executes
 * again. Where that matters, use the JDBC store's transactional mode, which commits the side effects and the
 * response together.
 *
 * <p><b>Crash recovery</b>: an in-progress record whose lease has passed (on the store's clock) is claimed again with
 * a higher attempt number; the stale execution's completion is then refused with
 * {@link IdempotencyLeaseLostException}. A live lease is never taken over. Recovery points
 * ({@link IdempotencyClaim#savePoint}) survive into the next attempt.
 *
 * <p>Immutable in configuration and thread-safe.
 */
public interface Idempotency {

    /**
     * A builder of an executor on {@code store}.
     *
     * @param store where the records live
     * @return the builder
     */
    static Builder builder(IdempotencyStore store) {
        return new Builder(store);
    }

    /**
     * Runs {@code action} once for {@code (scope, key)} and answers its response, or replays the stored one.
     *
     * @param scope       the tenant or user the key belongs to: 1 to 255 characters, no control characters
     * @param key         the idempotency key: 1 to 255 characters, no control characters
     * @param fingerprint the request's fingerprint
     * @param action      the operation
     * @return the response, and whether it was replayed
     * @throws IdempotencyInProgressException if another execution holds the key (after waiting, if configured)
     * @throws IdempotencyKeyReuseException   if the key was used with another fingerprint
     * @throws IdempotencyLeaseLostException  if this execution's lease was taken over before it completed
     * @throws IdempotencyBackendException    if the store failed
     * @throws Exception                      what the action threw, when not stored as a response
     */
    IdempotencyResult execute(String scope, String key, Fingerprint fingerprint, Action action) throws Exception;

    /**
     * {@link #execute(String, String, Fingerprint, Action)} with the SHA-256 of {@code request} as the fingerprint.
     *
     * @param scope   the tenant or user the key belongs to
     * @param key     the idempotency key
     * @param request the request's bytes
     * @param action  the operation
     * @return the response, and whether it was replayed
     * @throws Exception as {@link #execute(String, String, Fingerprint, Action)}
     */
    default IdempotencyResult execute(String scope, String key, byte[] request, Action action) throws Exception {
        return execute(scope, key, Fingerprint.sha256(request), action);
    }

    /**
     * The configuration.
     *
     * @return the configuration
     */
    Config config();

    /**
     * The operation run once per key.
     *
     * <pre>{@code
     * Idempotency.Action charge = claim -> StoredResponse.ofText(payments.charge(order, claim.attempt()));
     * }</pre>
     */
    @FunctionalInterface
    interface Action {
        /**
         * Runs the operation.
         *
         * @param claim the claim: its attempt number, the last recovery point, and {@code savePoint}
         * @return the response to store and replay
         * @throws Exception on failure; see {@link Builder#storeFailure}
         */
        StoredResponse run(IdempotencyClaim claim) throws Exception;
    }

    /**
     * An executor's configuration, immutable.
     *
     * <pre>{@code
     * Duration retention = idempotency.config().retention();   // e.g. for a Retry-After or a retention header
     * }</pre>
     *
     * @param store            the store
     * @param lease            the lease
     * @param retention        the retention
     * @param waitNanos        how long a duplicate waits for the first execution; 0 for not at all
     * @param maxResponseBytes the largest response stored
     * @param failures         the exception types stored as responses, first match wins
     * @param listener         the listener
     * @param ticker           the clock of waiting
     */
    record Config(IdempotencyStore store, Duration lease, Duration retention, long waitNanos, int maxResponseBytes,
            List<StoredFailure<?>> failures, IdempotencyListener listener, LongSupplier ticker) {

        /**
         * Checks every component, as the builder does, and copies {@code failures}.
         *
         * @param store            the store
         * @param lease            the lease, positive
         * @param retention        the retention, positive
         * @param waitNanos        how long a duplicate waits, {@code >= 0}
         * @param maxResponseBytes the largest response stored, 1 to {@link Builder#MAX_RESPONSE_BYTES}
         * @param failures         the exception types stored as responses
         * @param listener         the listener
         * @param ticker           the clock of waiting
         * @throws NullPointerException     naming a null component
         * @throws IllegalArgumentException naming the setting and its value when it is out of range
         */
        public Config {
            Objects.requireNonNull(store, "store");
            Checks.positive("lease", lease);
            Checks.positive("retention", retention);
            if (waitNanos < 0) {
                throw new IllegalArgumentException("waitNanos must be >= 0 but was " + waitNanos);
            }
            if (maxResponseBytes < 1 || maxResponseBytes > Builder.MAX_RESPONSE_BYTES) {
                throw new IllegalArgumentException("maxResponseBytes must be between 1 and "
                        + Builder.MAX_RESPONSE_BYTES + " but was " + maxResponseBytes);
            }
            failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(ticker, "ticker");
        }
    }

    /**
     * An exception type stored as a response instead of releasing the key ({@link Builder#storeFailure}).
     *
     * <pre>{@code
     * StoredFailure<CardDeclinedException> declined = new StoredFailure<>(CardDeclinedException.class,
     *         e -> StoredResponse.of(402, Map.of(), e.getMessage().getBytes(UTF_8)));
     * }</pre>
     *
     * @param type       the exception type (subtypes match)
     * @param asResponse the response to store
     * @param <E>        the exception type
     */
    record StoredFailure<E extends Throwable>(Class<E> type, Function<? super E, StoredResponse> asResponse) {

        /**
         * Checks the components.
         *
         * @param type       the exception type
         * @param asResponse the response to store
         * @throws NullPointerException naming a null component
         */
        public StoredFailure {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(asResponse, "asResponse");
        }

        /**
         * The response of {@code failure} if it is of this type.
         *
         * @param failure the exception
         * @return the response, or null if the type does not match
         */
        public @Nullable StoredResponse responseOf(Throwable failure) {
            return type.isInstance(failure) ? asResponse.apply(type.cast(failure)) : null;
        }
    }

    /**
     * Builds an {@link Idempotency} executor. Each setting is checked when set.
     *
     * <pre>{@code
     * Idempotency idempotency = Idempotency.builder(store)
     *         .lease(Duration.ofSeconds(10))
     *         .retention(Duration.ofHours(24))
     *         .waitFor(Duration.ofSeconds(2))                 // duplicates wait instead of 409
     *         .maxResponseBytes(256 * 1024)
     *         .storeFailure(CardDeclinedException.class,       // a decline is an answer: replay it
     *                 e -> StoredResponse.of(402, Map.of(), e.getMessage().getBytes(UTF_8)))
     *         .build();
     * }</pre>
     */
    final class Builder {
        /** The largest {@link #maxResponseBytes}: 16 MiB, the most a MariaDB MEDIUMBLOB holds. */
        public static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024 - 1024;

        private final IdempotencyStore store;
        private Duration lease = Duration.ofMinutes(1);
        private Duration retention = Duration.ofHours(24);
        private long waitNanos;
        private int maxResponseBytes = 64 * 1024;
        private final List<StoredFailure<?>> failures = new ArrayList<>();
        private IdempotencyListener listener = Executor.NO_LISTENER;
        private LongSupplier ticker = System::nanoTime;

        Builder(IdempotencyStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * How long a claim holds the key before another execution may take it over. Default 1 minute. Choose it
         * longer than the operation takes: a live lease is never taken over, so too short a lease lets a slow
         * execution's retry run twice, and too long a lease delays recovery after a crash.
         *
         * @param lease &gt; 0
         * @return this builder
         */
        public Builder lease(Duration lease) {
            Checks.positive("lease", lease);
            this.lease = lease;
            return this;
        }

        /**
         * How long a record is kept after its last change. Default 24 hours (Stripe's).
         *
         * @param retention &gt; 0
         * @return this builder
         */
        public Builder retention(Duration retention) {
            Checks.positive("retention", retention);
            this.retention = retention;
            return this;
        }

        /**
         * Makes a duplicate that finds the key in progress wait for the first execution's response, polling the
         * store with backoff (2 ms doubling to 100 ms), instead of throwing {@link IdempotencyInProgressException}
         * at once. Default: no waiting.
         *
         * @param timeout &gt; 0
         * @return this builder
         */
        public Builder waitFor(Duration timeout) {
            this.waitNanos = Checks.positive("waitFor", timeout);
            return this;
        }

        /**
         * The largest response stored, as {@link StoredResponse#size()} counts it. Default 64 KiB.
         *
         * @param maxResponseBytes 1 to {@link #MAX_RESPONSE_BYTES}
         * @return this builder
         */
        public Builder maxResponseBytes(int maxResponseBytes) {
            if (maxResponseBytes < 1 || maxResponseBytes > MAX_RESPONSE_BYTES) {
                throw new IllegalArgumentException("maxResponseBytes must be between 1 and " + MAX_RESPONSE_BYTES
                        + " but was " + maxResponseBytes);
            }
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /**
         * Stores exceptions of {@code type} thrown by the action as the response {@code asResponse} makes, so that
         * retries replay the failure instead of executing again. Exceptions of no registered type release the key.
         * The first registered type that matches wins.
         *
         * @param type       the exception type (subtypes match)
         * @param asResponse the response to store for it
         * @param <E>        the exception type
         * @return this builder
         */
        public <E extends Throwable> Builder storeFailure(Class<E> type,
                Function<? super E, StoredResponse> asResponse) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(asResponse, "asResponse");
            failures.add(new StoredFailure<>(type, asResponse));
            return this;
        }

        /**
         * The listener. Default: none.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(IdempotencyListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The local clock of waiting ({@link #waitFor}), in nanoseconds. Default {@code System::nanoTime}. Leases
         * and retention run on the store's clock.
         *
         * @param ticker the ticker
         * @return this builder
         */
        public Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds the executor.
         *
         * @return a new executor
         */
        public Idempotency build() {
            return new Executor(new Config(store, lease, retention, waitNanos, maxResponseBytes,
                    List.copyOf(failures), listener, ticker));
        }
    }
}
