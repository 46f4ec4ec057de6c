package dev.mainstay.docs.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.retry.CallNotPermittedException;
import dev.mainstay.retry.CircuitBreaker;
import dev.mainstay.retry.CircuitBreakerListener;
import dev.mainstay.retry.RetryListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guide's HTTP example against a real local server that answers 503 with Retry-After on a schedule. */
class ResilientHttpTest {

    @Test
    void retryHonoursRetryAfterAndTheBreakerOpensAndRecovers() throws Exception {
        VirtualClock clock = new VirtualClock();
        List<String> transitions = new ArrayList<>();
        CircuitBreakerListener listener = new CircuitBreakerListener() {
            @Override
            public void onStateTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to) {
                transitions.add(from + "->" + to);
            }
        };
        HttpClient client = HttpClient.newHttpClient();
        try (FlakyServer server = FlakyServer.start()) {
            ResilientHttp http = new ResilientHttp(client, clock, clock, new RetryListener() {}, listener);

            server.unavailable(1, 2);
            assertEquals(200, http.get(server.uri()).statusCode());
            assertEquals(2, server.requests());
            assertEquals(List.of(Duration.ofSeconds(2).toNanos()), clock.sleeps(), "waited what Retry-After said");

            server.unavailable(6, 1);
            CallNotPermittedException refused = assertThrows(CallNotPermittedException.class,
                    () -> http.get(server.uri()));
            assertEquals(4, server.requests(), "the breaker opened on the second 503 of this call");
            assertEquals(CircuitBreaker.State.OPEN, refused.state());
            // attempt 1: 503, wait 1 s; attempt 2: 503 opens the breaker, wait 1 s; attempt 3: refused, not retried
            long second = Duration.ofSeconds(1).toNanos();
            assertEquals(List.of(2 * second, second, second), clock.sleeps());
            assertThrows(CallNotPermittedException.class, () -> http.get(server.uri()));
            assertEquals(4, server.requests(), "an open breaker spares the server");

            clock.advance(Duration.ofSeconds(30));
            server.recover();
            assertEquals(200, http.get(server.uri()).statusCode());
            assertEquals(5, server.requests());
            assertEquals(CircuitBreaker.State.CLOSED, http.breaker().state());
            assertEquals(List.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED"), transitions);
        }
    }

    @Test
    void theSceneTellsTheStory() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new RetryScene().play(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("waiting 2 s"), out);
        assertTrue(out.contains("CLOSED -> OPEN"), out);
        assertTrue(out.contains("HALF_OPEN -> CLOSED"), out);
        assertTrue(out.contains("result: HTTP 200, breaker CLOSED"), out);
    }
}
