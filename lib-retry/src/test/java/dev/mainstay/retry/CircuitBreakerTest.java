package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.retry.CircuitBreaker.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final long MS = 1_000_000L;

    private static CircuitBreaker.Builder small(FakeTime time) {
        return CircuitBreaker.builder().name("b").ticker(time).countBasedWindow(10).minimumCalls(4)
                .failureRateThreshold(50).waitInOpen(Duration.ofSeconds(1)).permittedCallsInHalfOpen(2);
    }

    private static void fail(CircuitBreaker breaker) {
        assertThrows(IllegalStateException.class, () -> breaker.run(() -> {
            throw new IllegalStateException("down");
        }));
    }

    @Test
    void opensAtTheFailureRateAfterTheMinimumCallsThenRecovers() {
        FakeTime time = FakeTime.nearMax();
        List<String> transitions = new ArrayList<>();
        CircuitBreaker breaker = small(time).listener(new CircuitBreakerListener() {
            @Override
            public void onStateTransition(String name, State from, State to) {
                transitions.add(from + "->" + to);
            }
        }).build();
        breaker.run(() -> {});
        breaker.run(() -> {});
        fail(breaker);
        assertEquals(State.CLOSED, breaker.state());
        fail(breaker); // 2 of 4 failed: 50 %
        assertEquals(State.OPEN, breaker.state());
        CallNotPermittedException refused = assertThrows(CallNotPermittedException.class, () -> breaker.get(() -> 1));
        assertEquals(Duration.ofSeconds(1), refused.retryAfter().orElseThrow());
        assertEquals("b", refused.breakerName());

        time.advance(1000 * MS); // wraps past Long.MAX_VALUE
        CircuitBreaker.Permit first = breaker.tryAcquirePermission();
        assertTrue(first.isGranted());
        assertEquals(State.HALF_OPEN, breaker.state());
        CircuitBreaker.Permit second = breaker.tryAcquirePermission();
        assertTrue(second.isGranted());
        assertFalse(breaker.tryAcquirePermission().isGranted(), "only two probes");
        assertTrue(first.onSuccess(0));
        assertTrue(second.onSuccess(0));
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(0, breaker.metrics().calls());
        assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED"), transitions);
        assertEquals(2, breaker.metrics().notPermittedCalls());
    }

    @Test
    void failedProbesReopenWithAGrowingWait() {
        FakeTime time = FakeTime.belowZero();
        CircuitBreaker breaker = small(time)
                .waitInOpen(Backoff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(3))).build();
        breaker.transitionToOpen();
        for (long wait : new long[] {1000, 2000, 3000, 3000}) {
            time.advance(wait * MS - 1);
            assertFalse(breaker.tryAcquirePermission().isGranted());
            time.advance(1);
            CircuitBreaker.Permit first = breaker.tryAcquirePermission();
            CircuitBreaker.Permit second = breaker.tryAcquirePermission();
            assertTrue(first.onSuccess(0));
            assertTrue(second.onError(0, new IOException()));
            assertEquals(State.OPEN, breaker.state(), "1 of 2 probes failed = 50 %");
        }
    }

    @Test
    void decorrelatedWaitInOpenFollowsItsRecurrenceAcrossOpenings() {
        FakeTime time = FakeTime.belowZero();
        CircuitBreaker breaker = small(time)
                .waitInOpen(Backoff.decorrelatedJitter(Duration.ofSeconds(1), Duration.ofSeconds(100))).build();
        long previous = Duration.ofSeconds(1).toNanos();
        for (int i = 0; i < 20; i++) {
            breaker.transitionToOpen();
            long wait = assertThrows(CallNotPermittedException.class, () -> breaker.run(() -> {}))
                    .retryAfter().orElseThrow().toNanos();
            assertTrue(wait >= Duration.ofSeconds(1).toNanos()
                    && wait <= Math.min(Duration.ofSeconds(100).toNanos(), 3 * previous), "wait " + wait);
            previous = wait;
        }
    }

    @Test
    void aHungProbeCannotWedgeHalfOpen() {
        FakeTime time = new FakeTime(0);
        CircuitBreaker breaker = small(time).maxWaitInHalfOpen(Duration.ofSeconds(5)).build();
        breaker.transitionToOpen();
        time.advance(1000 * MS);
        CircuitBreaker.Permit hung = breaker.tryAcquirePermission();
        assertTrue(hung.isGranted());
        CircuitBreaker.Permit alsoHung = breaker.tryAcquirePermission(); // both probes hang
        assertTrue(alsoHung.isGranted());
        time.advance(4999 * MS);
        assertFalse(breaker.tryAcquirePermission().isGranted());
        assertEquals(State.HALF_OPEN, breaker.state());
        time.advance(1 * MS);
        assertFalse(breaker.tryAcquirePermission().isGranted());
        assertEquals(State.OPEN, breaker.state());
        assertTrue(hung.onSuccess(0)); // the hung probes return late: ignored by the new phase
        assertTrue(alsoHung.onSuccess(0));
        assertEquals(State.OPEN, breaker.state());
    }

    @Test
    void aCallPermittedBeforeATransitionIsRecordedAgainstItsOwnPhase() {
        FakeTime time = new FakeTime(0);
        CircuitBreaker breaker = small(time).build();
        AtomicReference<CircuitBreaker.Permit> probe = new AtomicReference<>();
        String result = breaker.get(() -> {
            breaker.transitionToOpen();
            time.advance(1000 * MS);
            probe.set(breaker.tryAcquirePermission()); // a probe, in flight
            return "straggler";
        });
        assertEquals("straggler", result);
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertEquals(0, breaker.metrics().calls(), "the straggler's success is not a probe outcome");
        assertTrue(probe.get().onError(0, new IOException()));
        assertTrue(breaker.tryAcquirePermission().onError(0, new IOException()));
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "the two real probes decided");
    }

    @Test
    void ignoredExceptionsGiveTheProbeBackAndUnrecordedOnesCountAsSuccess() {
        FakeTime time = new FakeTime(0);
        CircuitBreaker breaker = small(time).ignoreExceptions(IllegalArgumentException.class)
                .recordExceptions(IOException.class).build();
        for (int i = 0; i < 10; i++) {
            assertThrows(IllegalArgumentException.class, () -> breaker.run(() -> {
                throw new IllegalArgumentException();
            }));
            assertThrows(IllegalStateException.class, () -> breaker.run(() -> {
                throw new IllegalStateException();
            }));
        }
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(10, breaker.metrics().calls());
        assertEquals(0, breaker.metrics().failedCalls());

        breaker.transitionToOpen();
        time.advance(1000 * MS);
        CircuitBreaker.Permit ignored = breaker.tryAcquirePermission();
        assertTrue(breaker.tryAcquirePermission().isGranted());
        assertFalse(breaker.tryAcquirePermission().isGranted());
        assertTrue(ignored.onError(0, new IllegalArgumentException()));
        assertTrue(breaker.tryAcquirePermission().isGranted(), "the ignored call gave its permission back");
        assertFalse(ignored.release(), "settled already");
        assertFalse(breaker.tryAcquirePermission().isGranted());
    }

    @Test
    void slowCallsOpenTheBreaker() {
        FakeTime time = new FakeTime(0);
        CircuitBreaker breaker = small(time).slowCallRateThreshold(75).slowCallDuration(Duration.ofMillis(100))
                .build();
        for (int i = 0; i < 3; i++) {
            breaker.run(() -> time.advance(100 * MS));
        }
        assertEquals(State.CLOSED, breaker.state());
        breaker.run(() -> time.advance(150 * MS));
        assertEquals(State.OPEN, breaker.state());
        assertEquals(4, breaker.metrics().slowCalls());
    }

    @Test
    void resultsCanCountAsFailures() {
        CircuitBreaker breaker = small(new FakeTime(0)).recordResult(r -> Integer.valueOf(503).equals(r)).build();
        for (int i = 0; i < 4; i++) {
            assertEquals(503, breaker.get(() -> 503));
        }
        assertEquals(State.OPEN, breaker.state());
        assertEquals(100f, breaker.metrics().failureRate());
    }

    @Test
    void timeBasedWindowForgetsOldFailures() {
        FakeTime time = FakeTime.nearMax();
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).timeBasedWindow(Duration.ofSeconds(10), 10)
                .minimumCalls(3).failureRateThreshold(60).build();
        fail(breaker);
        fail(breaker);
        time.advance(10_000 * MS);
        breaker.run(() -> {});
        fail(breaker);
        assertEquals(State.CLOSED, breaker.state(), "the first two failures left the window: 1 of 2");
        fail(breaker);
        assertEquals(State.OPEN, breaker.state(), "2 of 3");
    }

    @Test
    void forcedOpenAndDisabled() {
        CircuitBreaker breaker = small(new FakeTime(0)).build();
        breaker.transitionToForcedOpen();
        CallNotPermittedException refused = assertThrows(CallNotPermittedException.class, () -> breaker.run(() -> {}));
        assertEquals(State.FORCED_OPEN, refused.state());
        assertTrue(refused.retryAfter().isEmpty());
        breaker.transitionToDisabled();
        for (int i = 0; i < 20; i++) {
            fail(breaker);
        }
        assertEquals(State.DISABLED, breaker.state());
        breaker.transitionToClosed();
        assertEquals(State.CLOSED, breaker.state());
        assertEquals(0, breaker.metrics().calls());
    }

    @Test
    void asyncCallsRecordTheirOutcome() throws Exception {
        CircuitBreaker breaker = small(new FakeTime(0)).build();
        assertEquals("a", Waits.get(breaker.getAsync(() -> CompletableFuture.completedFuture("a"))));
        for (int i = 0; i < 3; i++) {
            CompletableFuture<String> failed = breaker.getAsync(
                    () -> CompletableFuture.failedFuture(new IOException("x")));
            assertEquals(IOException.class,
                    assertThrows(ExecutionException.class, failed::get).getCause().getClass());
        }
        assertEquals(State.OPEN, breaker.state());
        CompletableFuture<String> refused = breaker.getAsync(() -> CompletableFuture.completedFuture("a"));
        assertEquals(CallNotPermittedException.class,
                assertThrows(ExecutionException.class, refused::get).getCause().getClass());
    }

    @Test
    void successPathReadsNoClockWithoutSlowCallDetection() {
        AtomicInteger reads = new AtomicInteger();
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(() -> {
            reads.incrementAndGet();
            return 0;
        }).build();
        int before = reads.get();
        for (int i = 0; i < 1000; i++) {
            breaker.get(() -> 1);
        }
        assertEquals(before, reads.get());
        CircuitBreaker slow = CircuitBreaker.builder().slowCallRateThreshold(50).ticker(() -> {
            reads.incrementAndGet();
            return 0;
        }).build();
        before = reads.get();
        slow.get(() -> 1);
        assertEquals(before + 2, reads.get());
    }

    @Test
    void retryOutsideTheBreakerStopsWhenTheBreakerOpens() {
        FakeTime time = new FakeTime(0);
        CircuitBreaker breaker = small(time).build();
        Retry retry = Retry.builder().ticker(time).sleeper(time).maxAttempts(10)
                .backoff(Backoff.fixed(Duration.ofMillis(10))).build();
        AtomicInteger calls = new AtomicInteger();
        assertThrows(CallNotPermittedException.class, () -> retry.run(() -> breaker.run(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
        })));
        assertEquals(4, calls.get(), "the breaker opened after 4 failures and the retry stopped at its refusal");
        assertEquals(State.OPEN, breaker.state());
        time.advance(1000 * MS);
        assertEquals("up", retry.get(() -> breaker.get(() -> "up")));
    }

    @Test
    void transitionsAreRecordedAsJfrEvents() throws Exception {
        Path file = Files.createTempFile("breaker", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.mainstay.retry.CircuitBreakerTransition");
            recording.start();
            CircuitBreaker breaker = small(new FakeTime(0)).name("jfr-breaker").build();
            breaker.transitionToForcedOpen();
            breaker.transitionToClosed();
            recording.stop();
            recording.dump(file);
            List<String> seen = new ArrayList<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getEventType().getName().equals("dev.mainstay.retry.CircuitBreakerTransition")
                        && event.getString("breaker").equals("jfr-breaker")) {
                    seen.add(event.getString("from") + "->" + event.getString("to"));
                    assertEquals(List.of("Mainstay", "Retry"), event.getEventType().getCategoryNames());
                }
            }
            assertEquals(List.of("CLOSED->FORCED_OPEN", "FORCED_OPEN->CLOSED"), seen);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * A refusal is reported by the phase that refused: here the breaker is closed (by another thread, simulated by
     * the ticker) between the refusal and the exception. The exception made from the breaker's state after the
     * refusal said "CLOSED and does not permit calls", with no retry-after.
     */
    @Test
    void theRefusalNamesThePhaseThatRefused() {
        AtomicReference<CircuitBreaker> self = new AtomicReference<>();
        AtomicBoolean armed = new AtomicBoolean();
        FakeTime time = new FakeTime(0);
        CircuitBreaker breaker = small(time).ticker(() -> {
            long now = time.getAsLong();
            if (armed.getAndSet(false)) {
                self.get().transitionToClosed(); // another thread, as the refusal is being decided
            }
            return now;
        }).build();
        self.set(breaker);
        breaker.transitionToOpen();
        armed.set(true);
        CallNotPermittedException refused = assertThrows(CallNotPermittedException.class, () -> breaker.run(() -> {}));
        assertEquals(State.OPEN, refused.state());
        assertEquals(Duration.ofSeconds(1), refused.retryAfter().orElseThrow());
        assertTrue(refused.getMessage().contains("is OPEN"), refused.getMessage());
        assertEquals(State.CLOSED, breaker.state());
    }
}
