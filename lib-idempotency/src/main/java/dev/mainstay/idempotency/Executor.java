package dev.mainstay.idempotency;

import dev.mainstay.idempotency.IdempotencyStore.ClaimResult;
import dev.mainstay.idempotency.internal.Checks;
import dev.mainstay.idempotency.internal.Nullable;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** The {@link Idempotency} executor: claim, run, complete; the steps are described on the interface. */
final class Executor implements Idempotency {

    static final IdempotencyListener NO_LISTENER = new IdempotencyListener() {};
    private static final System.Logger LOG = System.getLogger("dev.mainstay.idempotency");
    private static final long FIRST_BACKOFF = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_BACKOFF = TimeUnit.MILLISECONDS.toNanos(100);

    private final Config config;
    private final IdempotencyStore store;
    private final @Nullable IdempotencyListener listener;
    /** The store when it is the in-memory one, whose replays skip the claim; else null. */
    private final @Nullable InMemoryIdempotencyStore memory;
    /** Whether the listener has thrown before: its first failure is logged at WARNING, later ones at DEBUG. */
    private final AtomicBoolean listenerFailed = new AtomicBoolean();

    Executor(Config config) {
        this.config = config;
        this.store = config.store();
        this.memory = store instanceof InMemoryIdempotencyStore inMemory ? inMemory : null;
        this.listener = config.listener() == NO_LISTENER ? null : config.listener();
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public IdempotencyResult execute(String scope, String key, Fingerprint fingerprint, Action action)
            throws Exception {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(action, "action");
        if (memory != null) { // a replay answers the result stored at completion: no claim, no allocation
            IdempotencyResult stored = memory.replayed(scope, key, fingerprint);
            if (stored != null) {
                if (listener != null) {
                    tell(l -> l.onReplayed(scope, key));
                }
                return stored;
            }
        }
        Checks.key("scope", scope);
        Checks.key("key", key);
        ClaimResult found = claim(scope, key, fingerprint);
        switch (found.outcome()) {
            case CLAIMED:
                return run(new IdempotencyClaim(this, scope, key, found.attempt(), found.recoveryPoint()), action);
            case COMPLETED:
                return replay(scope, key, found);
            default:
                return duplicate(scope, key, fingerprint, action, found);
        }
    }

    private IdempotencyResult replay(String scope, String key, ClaimResult found) {
        if (listener != null) {
            tell(l -> l.onReplayed(scope, key));
        }
        // COMPLETED always carries a response (ClaimResult checks it)
        return new IdempotencyResult(Objects.requireNonNull(found.response(), "response"), true);
    }

    /** A key in progress or reused: refuse, or wait with backoff for the response. */
    private IdempotencyResult duplicate(String scope, String key, Fingerprint fingerprint, Action action,
            ClaimResult found) throws Exception {
        long start = config.ticker().getAsLong();
        long backoff = FIRST_BACKOFF;
        for (ClaimResult now = found; ; now = claim(scope, key, fingerprint)) {
            switch (now.outcome()) {
                case CLAIMED:
                    return run(new IdempotencyClaim(this, scope, key, now.attempt(), now.recoveryPoint()), action);
                case COMPLETED:
                    return replay(scope, key, now);
                case KEY_REUSED:
                    if (listener != null) {
                        tell(l -> l.onKeyReuse(scope, key));
                    }
                    throw new IdempotencyKeyReuseException(scope, key);
                default:
                    long left = config.waitNanos() - (config.ticker().getAsLong() - start);
                    if (config.waitNanos() == 0 || left <= 0) {
                        throw inProgress(scope, key, now);
                    }
                    try {
                        TimeUnit.NANOSECONDS.sleep(Math.min(backoff, left));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw inProgress(scope, key, now);
                    }
                    backoff = Math.min(2 * backoff, MAX_BACKOFF);
            }
        }
    }

    private IdempotencyInProgressException inProgress(String scope, String key, ClaimResult found) {
        if (listener != null) {
            tell(l -> l.onInProgress(scope, key));
        }
        return new IdempotencyInProgressException(scope, key, found.remainingNanos());
    }

    private IdempotencyResult run(IdempotencyClaim claim, Action action) throws Exception {
        StoredResponse response;
        try {
            response = Objects.requireNonNull(action.run(claim), "the action's response");
        } catch (Throwable failure) {
            response = storedFailure(claim, failure);
        }
        try {
            claim.complete(response);
        } catch (IllegalArgumentException tooLarge) {
            release(claim, tooLarge);
            throw tooLarge;
        }
        if (listener != null) {
            tell(l -> l.onExecuted(claim.scope(), claim.key(), claim.attempt()));
        }
        return new IdempotencyResult(response, false);
    }

    /** The response to store for a failure, or the failure rethrown after releasing the key. */
    private StoredResponse storedFailure(IdempotencyClaim claim, Throwable failure) throws Exception {
        StoredResponse response = null;
        try {
            for (StoredFailure<?> stored : config.failures()) {
                response = stored.responseOf(failure);
                if (response != null) {
                    return response;
                }
            }
        } catch (RuntimeException | Error mapping) {
            failure.addSuppressed(mapping);
        }
        release(claim, failure);
        if (failure instanceof Exception e) {
            throw e;
        }
        throw (Error) failure;
    }

    private void release(IdempotencyClaim claim, Throwable failure) {
        try {
            claim.close();
        } catch (RuntimeException releaseFailed) {
            failure.addSuppressed(releaseFailed);
        }
        if (listener != null) {
            tell(l -> l.onReleased(claim.scope(), claim.key(), claim.attempt(), failure));
        }
    }

    void checkSize(StoredResponse response) {
        int size = response.size();
        if (size > config.maxResponseBytes()) {
            throw new IllegalArgumentException("response must be at most " + config.maxResponseBytes()
                    + " bytes but was " + size + " bytes");
        }
    }

    private ClaimResult claim(String scope, String key, Fingerprint fingerprint) {
        try {
            return store.claim(scope, key, fingerprint, config.lease(), config.retention());
        } catch (IdempotencyBackendException e) {
            throw backendFailure(e);
        }
    }

    boolean completeInStore(IdempotencyClaim claim, StoredResponse response) {
        try {
            return store.complete(claim.scope(), claim.key(), claim.attempt(), response, config.retention());
        } catch (IdempotencyBackendException e) {
            throw backendFailure(e);
        }
    }

    void releaseInStore(IdempotencyClaim claim) {
        try {
            store.release(claim.scope(), claim.key(), claim.attempt());
        } catch (IdempotencyBackendException e) {
            throw backendFailure(e);
        }
    }

    boolean savePoint(IdempotencyClaim claim, String point) {
        try {
            return store.savePoint(claim.scope(), claim.key(), claim.attempt(), point, config.lease());
        } catch (IdempotencyBackendException e) {
            throw backendFailure(e);
        }
    }

    IdempotencyLeaseLostException leaseLost(IdempotencyClaim claim, String operation) {
        if (listener != null) {
            tell(l -> l.onLeaseLost(claim.scope(), claim.key(), claim.attempt()));
        }
        return new IdempotencyLeaseLostException(claim.scope(), claim.key(), claim.attempt(), operation);
    }

    private IdempotencyBackendException backendFailure(IdempotencyBackendException e) {
        if (listener != null) {
            tell(l -> l.onBackendFailure(e));
        }
        return e;
    }

    /** Calls the listener; one that throws never changes the outcome and never propagates. */
    private void tell(Consumer<IdempotencyListener> call) {
        IdempotencyListener target = listener;
        if (target == null) {
            return;
        }
        try {
            call.accept(target);
        } catch (RuntimeException thrown) {
            if (listenerFailed.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, () -> "idempotency listener " + target.getClass().getName()
                        + " threw (logged once)", thrown);
            } else {
                LOG.log(System.Logger.Level.DEBUG, () -> "idempotency listener " + target.getClass().getName()
                        + " threw again", thrown);
            }
        }
    }

    @Override
    public String toString() {
        return "Idempotency[" + store.backend() + ", lease " + config.lease() + ", retention " + config.retention()
                + "]";
    }
}
