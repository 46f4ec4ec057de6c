package dev.mainstay.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.retry.CircuitBreaker.Permit;
import dev.mainstay.retry.CircuitBreaker.State;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The manual protocol's permits are tied to the phase that granted them: stragglers (permits settled after a
 * transition) and second settlements never touch a later phase. Each sequence here failed on the protocol without
 * permits, where {@code onSuccess}, {@code onError}, {@code onResult} and {@code releasePermission()} acted on the
 * breaker's current phase.
 */
class CircuitBreakerPermitTest {

    private static final long SECOND = 1_000_000_000L;

    private static CircuitBreaker breaker(FakeTime time, int probes) {
        return CircuitBreaker.builder().name("p").ticker(time).countBasedWindow(10).minimumCalls(1)
                .waitInOpen(Duration.ofSeconds(1)).permittedCallsInHalfOpen(probes).build();
    }

    /** Opens the breaker and moves it to half-open with the first probe. */
    private static Permit firstProbe(CircuitBreaker breaker, FakeTime time) {
        breaker.transitionToOpen();
        time.advance(2 * SECOND);
        Permit probe = breaker.tryAcquirePermission();
        assertTrue(probe.isGranted());
        assertEquals(State.HALF_OPEN, breaker.state());
        return probe;
    }

    @Test
    void aStragglersSuccessIsNotTakenForAProbe() {
        FakeTime time = FakeTime.nearMax();
        CircuitBreaker breaker = breaker(time, 1);
        Permit straggler = breaker.tryAcquirePermission();
        Permit probe = firstProbe(breaker, time);
        assertTrue(straggler.onSuccess(0));
        assertEquals(State.HALF_OPEN, breaker.state(), "the straggler did not close the breaker");
        assertEquals(0, breaker.metrics().calls());
        assertTrue(probe.onError(0, new IOException()));
        assertEquals(State.OPEN, breaker.state(), "the probe decided");
    }

    @Test
    void aStragglersFailureIsNotTakenForAProbe() {
        FakeTime time = FakeTime.nearMax();
        CircuitBreaker breaker = breaker(time, 1);
        Permit straggler = breaker.tryAcquirePermission();
        Permit probe = firstProbe(breaker, time);
        assertTrue(straggler.onResult(0, "late"));
        assertFalse(straggler.onError(0, new IOException()), "settled already");
        assertEquals(State.HALF_OPEN, breaker.state());
        assertTrue(probe.onSuccess(0));
        assertEquals(State.CLOSED, breaker.state(), "the probe decided");
    }

    @Test
    void aStaleReleaseLetsNoExtraProbeThrough() {
        FakeTime time = FakeTime.nearMax();
        CircuitBreaker breaker = breaker(time, 1);
        Permit straggler = breaker.tryAcquirePermission();
        firstProbe(breaker, time);
        assertTrue(straggler.release());
        assertFalse(breaker.tryAcquirePermission().isGranted(), "still one probe in flight, and only one allowed");
        assertEquals(1, breaker.metrics().notPermittedCalls());
    }

    @Test
    void aSecondReleaseIsANoOp() {
        FakeTime time = FakeTime.belowZero();
        CircuitBreaker breaker = breaker(time, 2);
        Permit first = firstProbe(breaker, time);
        Permit second = breaker.tryAcquirePermission();
        assertTrue(second.isGranted());
        assertTrue(first.release());
        assertFalse(first.release(), "a second release is a no-op");
        first.close();
        Permit replacement = breaker.tryAcquirePermission();
        assertTrue(replacement.isGranted(), "the first release gave one permission back");
        assertFalse(breaker.tryAcquirePermission().isGranted(), "the second one gave nothing back");
        assertTrue(second.onSuccess(0));
        assertTrue(replacement.onSuccess(0));
        assertEquals(State.CLOSED, breaker.state());
    }

    @Test
    void aProbeOfAnEndedHalfOpenPeriodChangesNothingInTheNextOne() {
        FakeTime time = new FakeTime(0);
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).countBasedWindow(10).minimumCalls(1)
                .waitInOpen(Duration.ofSeconds(1)).permittedCallsInHalfOpen(1)
                .maxWaitInHalfOpen(Duration.ofSeconds(5)).build();
        Permit hung = firstProbe(breaker, time);
        time.advance(5 * SECOND);
        assertFalse(breaker.tryAcquirePermission().isGranted());
        assertEquals(State.OPEN, breaker.state(), "the hung probe reopened it");
        time.advance(10 * SECOND);
        Permit probe = breaker.tryAcquirePermission();
        assertTrue(probe.isGranted());
        assertEquals(State.HALF_OPEN, breaker.state());
        assertTrue(hung.release());
        assertFalse(breaker.tryAcquirePermission().isGranted(), "the old probe's release freed nothing here");
        assertTrue(probe.onSuccess(0));
        assertEquals(State.CLOSED, breaker.state());
    }

    @Test
    void aStragglerFromAnEarlierClosedPeriodNeverReachesTheNewWindow() {
        FakeTime time = new FakeTime(0);
        CircuitBreaker breaker = breaker(time, 1);
        Permit straggler = breaker.tryAcquirePermission();
        assertTrue(firstProbe(breaker, time).onSuccess(0));
        assertEquals(State.CLOSED, breaker.state());
        assertTrue(straggler.onError(0, new IOException()));
        assertEquals(State.CLOSED, breaker.state(), "one failure of one would open the new window");
        assertEquals(0, breaker.metrics().calls());
    }

    @Test
    void refusedPermitsAreSettledFromTheStart() {
        FakeTime time = new FakeTime(0);
        CircuitBreaker breaker = breaker(time, 1);
        breaker.transitionToForcedOpen();
        Permit refused = breaker.tryAcquirePermission();
        assertFalse(refused.isGranted());
        assertFalse(refused.onSuccess(0));
        assertFalse(refused.onResult(0, null));
        assertFalse(refused.onError(0, new IOException()));
        assertFalse(refused.release());
        refused.close();
        assertThrows(NullPointerException.class, () -> refused.onError(0, null));
        assertEquals(1, breaker.metrics().notPermittedCalls());
        CallNotPermittedException thrown = assertThrows(CallNotPermittedException.class, breaker::acquirePermission);
        assertEquals(State.FORCED_OPEN, thrown.state());
        assertEquals(2, breaker.metrics().notPermittedCalls());
    }

    @Test
    void closeReleasesAnUnsettledPermitOnly() {
        FakeTime time = new FakeTime(0);
        CircuitBreaker breaker = breaker(time, 1);
        breaker.transitionToOpen();
        time.advance(2 * SECOND);
        try (Permit probe = breaker.acquirePermission()) {
            assertTrue(probe.isGranted());
            assertFalse(breaker.tryAcquirePermission().isGranted());
        }
        try (Permit probe = breaker.acquirePermission()) {
            assertTrue(probe.onSuccess(0), "closing released the first probe");
        }
        assertEquals(State.CLOSED, breaker.state(), "close after a settlement did not release again");
        assertThrows(NullPointerException.class, () -> breaker.tryAcquirePermission().onError(0, null));
    }

    @Test
    void aStragglerSettlingWhileOpenChangesNothingTheOpenPhaseShows() {
        FakeTime time = new FakeTime(0);
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).countBasedWindow(10).minimumCalls(2)
                .failureRateThreshold(50).waitInOpen(Duration.ofSeconds(1)).build();
        Permit straggler = breaker.tryAcquirePermission();
        assertTrue(breaker.tryAcquirePermission().onSuccess(0));
        assertTrue(breaker.tryAcquirePermission().onError(0, new IOException()));
        assertEquals(State.OPEN, breaker.state());
        CircuitBreaker.Metrics opened = breaker.metrics();
        assertEquals(2, opened.calls());
        assertEquals(1, opened.failedCalls());
        assertTrue(straggler.onError(0, new IOException()));
        assertEquals(opened, breaker.metrics(), "the open phase shows the window that opened it, unchanged");
    }
}
