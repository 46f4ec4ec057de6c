package dev.mainstay.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * A call guarded by a {@link Timeout} did not finish in time; its work was cancelled (interrupted, for a synchronous
 * call). A failure of the call, not a refusal: a {@link Retry} retries it by default and a {@link CircuitBreaker}
 * records it as a failure, where a {@link CallNotPermittedException} is a refusal made before any work started.
 *
 * <pre>{@code
 * try {
 *     return timeout.call(() -> inventory.stock(sku));
 * } catch (TimeoutExceededException e) {
 *     return Stock.unknown(); // e.policyName(), e.timeout() say which limit and how long
 * }
 * }</pre>
 *
 * <p>It carries no stack trace: it is made by the timer, whose stack says nothing the message does not.
 */
public final class TimeoutExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The timeout policy's name. */
    private final String policyName;
    /** The limit that was exceeded. */
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param policyName the name of the timeout policy
     * @param timeout the limit that was exceeded
     */
    public TimeoutExceededException(String policyName, Duration timeout) {
        super("timeout '" + Objects.requireNonNull(policyName, "policyName") + "' of "
                + Objects.requireNonNull(timeout, "timeout") + " exceeded; the call was cancelled", null, false, false);
        this.policyName = policyName;
        this.timeout = timeout;
    }

    /**
     * The name of the timeout policy.
     *
     * @return the policy's name
     */
    public String policyName() {
        return policyName;
    }

    /**
     * The limit that was exceeded.
     *
     * @return the limit
     */
    public Duration timeout() {
        return timeout;
    }
}
