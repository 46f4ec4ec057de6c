package dev.mainstay.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The immutable settings of a {@link Timeout}, as built by {@link Timeout.Builder}; see the builder for each meaning
 * and default.
 *
 * <pre>{@code
 * TimeoutConfig config = Timeout.of(Duration.ofSeconds(1)).config();
 * assert config.timeout().equals(Duration.ofSeconds(1));
 * }</pre>
 *
 * @param name the name, in exceptions
 * @param timeout the limit
 * @param executor runs the synchronous calls, if given
 * @param scheduler holds the asynchronous calls' timers, if given (else the policy starts its own)
 * @param interruptOnTimeout whether a synchronous call's thread is interrupted at the deadline
 */
public record TimeoutConfig(
        String name,
        Duration timeout,
        Optional<Executor> executor,
        Optional<ScheduledExecutorService> scheduler,
        boolean interruptOnTimeout) {}
