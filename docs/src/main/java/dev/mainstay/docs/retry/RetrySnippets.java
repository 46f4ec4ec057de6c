package dev.mainstay.docs.retry;

import dev.mainstay.retry.Backoff;
import dev.mainstay.retry.CallNotPermittedException;
import dev.mainstay.retry.CircuitBreaker;
import dev.mainstay.retry.RetriesExhaustedException;
import dev.mainstay.retry.Retry;
import dev.mainstay.retry.RetryBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The guide's smaller examples, compiled and run by {@code RetrySnippetsTest}. */
public final class RetrySnippets {

    private RetrySnippets() {}

    /** Quick start: a policy with a jittered exponential backoff. */
    public static String quickStart(Supplier<String> fetch, Retry.Sleeper sleeper) {
        // snippet: quick-start
        Retry retry = Retry.builder()
                .maxAttempts(4)
                .backoff(Backoff.exponential(Duration.ofMillis(100), 2.0, Duration.ofSeconds(2)).withFullJitter())
                .retryOn(UncheckedIOException.class)
                .sleeper(sleeper)
                .build();
        String body = retry.get(fetch);
        // end snippet
        return body;
    }

    /** A budget shared by every policy calling the same dependency. */
    public static Retry[] sharedBudget(Retry.Sleeper sleeper) {
        // snippet: budget
        RetryBudget inventoryBudget = RetryBudget.ofDefaults();     // 500 tokens, a retry costs 5, a success refunds 1
        Retry reads = Retry.builder().name("inventory-reads").budget(inventoryBudget).sleeper(sleeper).build();
        Retry writes = Retry.builder().name("inventory-writes").budget(inventoryBudget).sleeper(sleeper).build();
        // end snippet
        return new Retry[] {reads, writes};
    }

    /** What a caller learns when the policy gives up. */
    public static String giveUp(Retry retry, Supplier<String> fetch) {
        // snippet: give-up
        try {
            return retry.get(fetch);
        } catch (UncheckedIOException e) {                           // the last attempt's own exception
            int attempts = RetriesExhaustedException.of(e).map(RetriesExhaustedException::attempts).orElse(1);
            return "gave up after " + attempts + " attempts, last: " + e.getCause().getMessage()
                    + ", earlier failures: " + (e.getSuppressed().length - 1);
        }
        // end snippet
    }

    /** The manual protocol, for code that cannot be wrapped in a lambda. */
    public static String manual(CircuitBreaker breaker, LongSupplier ticker, Connection connection) {
        // snippet: manual
        try (CircuitBreaker.Permit permit = breaker.tryAcquirePermission()) {
            if (!permit.isGranted()) {
                return "fallback";
            }
            long start = ticker.getAsLong();
            try {
                String answer = connection.send("PING");
                permit.onSuccess(ticker.getAsLong() - start);
                return answer;
            } catch (IOException e) {
                permit.onError(ticker.getAsLong() - start, e);
                return "fallback";
            }
        }
        // end snippet
    }

    /** Retry outside the breaker: a refusal ends the retries. */
    public static String composed(Retry retry, CircuitBreaker breaker, Supplier<String> fetch) {
        // snippet: compose
        try {
            return retry.get(() -> breaker.get(fetch));
        } catch (CallNotPermittedException open) {
            return "served from cache; " + open.getMessage();
        }
        // end snippet
    }

    /** A connection that cannot be wrapped in a lambda in real code; here, a stand-in for the manual example. */
    @FunctionalInterface
    public interface Connection {
        /** Sends a command and returns the answer. */
        String send(String command) throws IOException;
    }
}
