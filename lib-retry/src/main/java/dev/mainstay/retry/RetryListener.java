package dev.mainstay.retry;

import dev.mainstay.retry.internal.Nullable;
import java.time.Duration;

/**
 * Hears what a {@link Retry} does. All methods default to doing nothing; override the ones you need. They run on
 * the thread making the call (for asynchronous calls: the thread completing the attempt), so keep them short.
 * A listener that throws is caught and logged once through {@code System.Logger}, with the listener's class; it never changes the outcome and never propagates.
 *
 * <pre>{@code
 * Retry retry = Retry.builder()
 *         .listener(new RetryListener() {
 *             @Override public void onRetry(String name, int attempt, Duration delay, Object result, Throwable failure) {
 *                 log.info("{}: attempt {} failed ({}), next in {}", name, attempt, failure, delay);
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <p>{@code result} and {@code failure} are nullable: exactly one describes the attempt's outcome.
 */
public interface RetryListener {

    /**
     * Attempt {@code attempt} failed and the policy waits {@code delay} before the next one.
     *
     * @param name the policy's name
     * @param attempt the attempt that failed, 1 for the first
     * @param delay the wait before the next attempt
     * @param result the attempt's result if a result predicate rejected it, else {@code null}
     * @param failure the attempt's exception, or {@code null} if it returned a rejected result
     */
    default void onRetry(String name, int attempt, Duration delay, @Nullable Object result,
            @Nullable Throwable failure) {}

    /**
     * The call succeeded at attempt {@code attempts} ({@code >= 2}: only calls that needed retries).
     *
     * @param name the policy's name
     * @param attempts the attempts made, the successful one included
     * @param result the result returned (nullable)
     */
    default void onSuccessAfterRetries(String name, int attempts, @Nullable Object result) {}

    /**
     * The policy gave up after {@code attempts} attempts for {@code reason}.
     *
     * @param name the policy's name
     * @param attempts the attempts made
     * @param reason why it stopped
     * @param result the last result if it was rejected by a result predicate, else {@code null}
     * @param failure the last exception, or {@code null} if the last attempt returned a rejected result
     */
    default void onGiveUp(String name, int attempts, RetriesExhaustedException.Reason reason,
            @Nullable Object result, @Nullable Throwable failure) {}
}
