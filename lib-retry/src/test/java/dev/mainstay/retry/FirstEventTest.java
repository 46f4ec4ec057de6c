package dev.mainstay.retry;

import dev.mainstay.testkit.FreshJvm;
import org.junit.jupiter.api.Test;

/**
 * A JVM's first JFR event class costs 200–300 ms of JFR set-up, recording or not. A circuit breaker's first transition
 * must not pay it when no recording runs, so a fresh JVM that does it must load no JFR event class at all.
 */
class FirstEventTest {

    /** Run in a fresh JVM by the test: a circuit breaker's first transition, with no recording. */
    public static void main(String[] args) throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder().build();
        breaker.transitionToOpen();
        if (breaker.state() != CircuitBreaker.State.OPEN) {
            throw new AssertionError("expected the breaker open");
        }
        System.out.println("done");
    }

    @Test
    void noJfrEventClassIsLoadedWithoutARecording() throws Exception {
        FreshJvm.assertNoJfrEventClassLoaded(FirstEventTest.class, CircuitBreaker.class);
    }
}
