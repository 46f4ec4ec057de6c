package dev.mainstay.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts of a {@link Retry} that gave up, attached as a suppressed exception to the exception it rethrows.
 *
 * <p>A retry policy rethrows the last attempt's own exception, so {@code catch (IOException e)} keeps working.
 * It adds to it, as suppressed exceptions: first this record of the attempt count, elapsed time and reason, then the
 * earlier attempts' exceptions (at most {@link Retry.Builder#maxSuppressed(int) maxSuppressed} of them).
 *
 * <pre>{@code
 * try {
 *     retry.call(() -> fetch());
 * } catch (IOException e) {
 *     RetriesExhaustedException.of(e).ifPresent(x -> log.warn("gave up after {} attempts", x.attempts()));
 * }
 * }</pre>
 *
 * <p>It has no stack trace of its own: the exception it is attached to has the one that matters.
 */
public final class RetriesExhaustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a retry policy stopped retrying. */
    public enum Reason {
        /** The last allowed attempt failed. */
        MAX_ATTEMPTS,
        /** The deadline passed. */
        DEADLINE,
        /** The shared {@link RetryBudget} had no tokens for another retry. */
        BUDGET,
        /** The calling thread was interrupted while it waited between attempts (its interrupt flag is set again). */
        INTERRUPTED,
        /**
         * An asynchronous call's scheduler refused the next attempt (it was shut down); the
         * {@link java.util.concurrent.RejectedExecutionException} is added as suppressed.
         */
        SCHEDULER_REJECTED,
        /** The failure was not one to retry, or matched an abort predicate. */
        NOT_RETRYABLE
    }

    /** The attempts made. */
    private final int attempts;
    /** Nanoseconds from the first attempt to giving up, or -1. */
    private final long elapsedNanos;
    /** Why the policy gave up. */
    private final Reason reason;

    /**
     * Creates the record.
     *
     * @param attempts the attempts made
     * @param elapsedNanos time from the first attempt to giving up, or -1 if the policy had no reason to read the clock
     * @param reason why the policy gave up
     */
    public RetriesExhaustedException(int attempts, long elapsedNanos, Reason reason) {
        super(message(attempts, elapsedNanos, Objects.requireNonNull(reason, "reason")), null, false, false);
        this.attempts = attempts;
        this.elapsedNanos = elapsedNanos;
        this.reason = reason;
    }

    private static String message(int attempts, long elapsedNanos, Reason reason) {
        return "gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + (elapsedNanos >= 0 ? " in " + Duration.ofNanos(elapsedNanos) : "") + ": " + switch (reason) {
                    case MAX_ATTEMPTS -> "no attempts left";
                    case DEADLINE -> "deadline reached";
                    case BUDGET -> "retry budget exhausted";
                    case INTERRUPTED -> "interrupted";
                    case SCHEDULER_REJECTED -> "the scheduler refused the next attempt";
                    case NOT_RETRYABLE -> "failure not retryable";
                };
    }

    /**
     * The record attached to {@code failure}, if a retry policy gave up with it.
     *
     * @param failure an exception a retry policy rethrew
     * @return the record, or empty if none is attached
     */
    public static Optional<RetriesExhaustedException> of(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        for (Throwable suppressed : failure.getSuppressed()) {
            if (suppressed instanceof RetriesExhaustedException exhausted) {
                return Optional.of(exhausted);
            }
        }
        return Optional.empty();
    }

    /**
     * The number of attempts made, {@code >= 1}.
     *
     * @return the attempts, {@code >= 1}
     */
    public int attempts() {
        return attempts;
    }

    /**
     * Time from the start of the first attempt to giving up; empty if no deadline made the policy read the clock.
     *
     * @return the elapsed time, if the clock was read
     */
    public Optional<Duration> elapsed() {
        return elapsedNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(elapsedNanos));
    }

    /**
     * Why the policy gave up.
     *
     * @return why the policy gave up
     */
    public Reason reason() {
        return reason;
    }
}
