package dev.mainstay.retry;

import dev.mainstay.retry.internal.Checks;
import dev.mainstay.retry.internal.Nanos;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The immutable settings of a {@link Timeout}, as built by {@link Timeout.Builder}; see the builder for each meaning
 * and default. The compact constructor checks every component as the builder does.
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
        boolean interruptOnTimeout) {

    /**
     * Checks every component.
     *
     * @throws NullPointerException naming a null component
     * @throws IllegalArgumentException naming the component and its bad value
     */
    public TimeoutConfig {
        Checks.name(name);
        Nanos.positive("timeout", timeout);
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(scheduler, "scheduler");
    }
}
