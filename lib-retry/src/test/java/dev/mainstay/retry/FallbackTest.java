package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FallbackTest {

    @Test
    void handlesTheNamedExceptionTypesOnly() throws Exception {
        List<String> seen = new ArrayList<>();
        Fallback<String> fallback = Fallback.<String>builder((result, failure) -> {
            seen.add(result + "/" + failure.getMessage());
            return "cached";
        }).fallbackOn(IOException.class, CallNotPermittedException.class).build();
        assertEquals("fresh", fallback.call(() -> "fresh"));
        assertEquals("cached", fallback.call(() -> {
            throw new IOException("reset");
        }));
        assertEquals("cached", fallback.get(() -> {
            throw new CallNotPermittedException("b", CircuitBreaker.State.OPEN, 5);
        }));
        IllegalStateException other = new IllegalStateException("bug");
        assertSame(other, assertThrows(IllegalStateException.class, () -> fallback.get(() -> {
            throw other;
        })));
        assertEquals(List.of("null/reset", "null/circuit breaker 'b' is OPEN and does not permit calls; next probe in "
                + "PT0.000000005S"), seen);
    }

    @Test
    void handlesRejectedResultsAndNeverErrors() {
        Fallback<Integer> fallback = Fallback.<Integer>builder((result, failure) -> result == null ? -1 : -result)
                .fallbackOnResult(r -> r != null && r >= 500)
                .build();
        assertEquals(200, fallback.get(() -> 200));
        assertEquals(-503, fallback.get(() -> 503));
        assertEquals(-1, fallback.get(() -> {
            throw new IllegalStateException("any exception, by default");
        }));
        AssertionError error = new AssertionError("an error");
        assertSame(error, assertThrows(AssertionError.class, () -> fallback.get(() -> {
            throw error;
        })));
    }

    @Test
    void aThrowingFunctionCarriesTheCallsFailure() {
        Fallback<String> fallback = Fallback.<String>builder((result, failure) -> {
            throw new UncheckedIOException(new IOException("cache down too"));
        }).build();
        IOException original = new IOException("reset");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> fallback.call(() -> {
            throw original;
        }));
        assertSame(original, e.getSuppressed()[0]);
    }

    @Test
    void ofValueAndRun() {
        Fallback<String> fallback = Fallback.of("default");
        assertEquals("default", fallback.get(() -> {
            throw new IllegalStateException();
        }));
        assertEquals("fallback", fallback.name());
        List<String> ran = new ArrayList<>();
        Fallback<Void> log = Fallback.<Void>builder((result, failure) -> {
            ran.add(failure.getMessage());
            return null;
        }).build();
        log.run(() -> {
            throw new IllegalStateException("logged");
        });
        assertEquals(List.of("logged"), ran);
    }

    @Test
    void async() throws Exception {
        Fallback<String> fallback = Fallback.<String>builder((result, failure) -> "cached")
                .fallbackOn(IOException.class).fallbackOnResult(r -> r.isEmpty()).build();
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> result = fallback.getAsync(() -> work.thenApply(s -> s));
        work.completeExceptionally(new IOException("reset"));
        assertEquals("cached", Waits.get(result));
        assertEquals("fresh", Waits.get(fallback.getAsync(() -> CompletableFuture.completedFuture("fresh"))));
        assertEquals("cached", Waits.get(fallback.getAsync(() -> CompletableFuture.completedFuture(""))));
        ExecutionException unhandled = assertThrows(ExecutionException.class, () -> Waits.get(fallback.getAsync(() -> {
            throw new UncheckedIOException(new IOException("not an IOException itself"));
        })));
        assertEquals(UncheckedIOException.class, unhandled.getCause().getClass());
    }

    @Test
    void asyncUnhandledFailurePassesThrough() {
        Fallback<String> fallback = Fallback.<String>builder((result, failure) -> "cached")
                .fallbackOn(IOException.class).build();
        IllegalStateException bug = new IllegalStateException("bug");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> Waits.get(fallback.getAsync(() -> CompletableFuture.<String>failedFuture(bug))));
        assertSame(bug, e.getCause());
    }
}
