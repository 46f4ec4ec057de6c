package dev.mainstay.docs.retry;

import dev.mainstay.docs.Scene;
import dev.mainstay.retry.CallNotPermittedException;
import dev.mainstay.retry.CircuitBreaker;
import dev.mainstay.retry.CircuitBreakerListener;
import dev.mainstay.retry.RetryListener;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The tour's retry scene: an HTTP client, a server that answers 503 with Retry-After, a retry and a breaker. */
public final class RetryScene implements Scene {

    @Override
    public String module() {
        return "mainstay-retry";
    }

    @Override
    public String title() {
        return "an HTTP call that retries as the server asks, and a breaker that opens and recovers";
    }

    @Override
    public void play(PrintStream out) throws Exception {
        VirtualClock clock = new VirtualClock();
        RetryListener retries = new RetryListener() {
            @Override
            public void onRetry(String name, int attempt, Duration delay, Object result, Throwable failure) {
                String what = result instanceof HttpResponse<?> r ? "HTTP " + r.statusCode() : String.valueOf(failure);
                out.println("  attempt " + attempt + " got " + what + "; waiting " + delay.toSeconds()
                        + " s before the next one");
            }
        };
        CircuitBreakerListener transitions = new CircuitBreakerListener() {
            @Override
            public void onStateTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to) {
                out.println("  breaker '" + name + "': " + from + " -> " + to);
            }
        };
        HttpClient client = HttpClient.newHttpClient();
        try (FlakyServer server = FlakyServer.start()) {
            ResilientHttp http = new ResilientHttp(client, clock, clock, retries, transitions);
            out.println("A local HTTP server answers 503 with Retry-After: 2, then 200 (waits are virtual).");
            server.unavailable(1, 2);
            out.println("  result: HTTP " + http.get(server.uri()).statusCode());

            out.println("Now the server is down for a while (503, Retry-After: 1, six times).");
            server.unavailable(6, 1);
            for (int call = 1; call <= 3; call++) {
                try {
                    out.println("  call " + call + " ended with HTTP " + http.get(server.uri()).statusCode());
                } catch (CallNotPermittedException refused) {
                    out.println("  call " + call + " stopped: " + refused.getMessage());
                }
            }
            out.println("The server has had " + server.requests() + " requests; the breaker spared it the rest.");
            clock.advance(Duration.ofSeconds(30));
            server.recover();
            out.println("30 s later the server is back; one probe goes through.");
            out.println("  result: HTTP " + http.get(server.uri()).statusCode() + ", breaker "
                    + http.breaker().state());
        }
    }
}
