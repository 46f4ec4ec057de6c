package dev.mainstay.docs.retry;

import dev.mainstay.docs.Scene;
import dev.mainstay.retry.CallNotPermittedException;
import dev.mainstay.retry.CircuitBreaker;
import dev.mainstay.retry.CircuitBreakerListener;
import dev.mainstay.retry.Hedge;
import dev.mainstay.retry.RetryListener;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The tour's retry scene: an HTTP client, a server that answers 503 with Retry-After, a retry and a breaker. */
public final class RetryScene implements Scene {

    @Override
    public String module() {
        return "mainstay-retry";
    }

    @Override
    public String title() {
        return "an HTTP call that retries as the server asks, a breaker that opens and recovers, and a hedged call"
                + " that cuts a slow tail";
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
        hedging(out);
    }

    /** A hedged call on virtual time: the first attempt hits a hiccup, the hedge answers. */
    private static void hedging(PrintStream out) {
        out.println("Hedging: a catalog answers in about 1 ms, but one call in 50 hits a ~20 ms hiccup.");
        VirtualScheduler timers = new VirtualScheduler(0);
        Hedge hedge = Hedge.builder().maxHedges(1).delay(Duration.ofMillis(2)).scheduler(timers).ticker(timers)
                .build();
        long[] latencies = {25_000_000L, 1_100_000L};             // attempt 1 is stuck in a hiccup
        int[] attempts = {0};
        List<CompletableFuture<String>> started = new ArrayList<>();
        CompletableFuture<String> answer = hedge.getAsync(Hedge.idempotentAsync(() -> {
            int attempt = ++attempts[0];
            CompletableFuture<String> response = new CompletableFuture<>();
            started.add(response);
            timers.schedule((Runnable) () -> response.complete("attempt " + attempt), latencies[attempt - 1],
                    TimeUnit.NANOSECONDS);
            return response;
        }));
        long[] answeredAt = {-1};
        answer.whenComplete((value, failure) -> answeredAt[0] = timers.getAsLong());
        timers.runUntilIdle();
        out.printf(Locale.ROOT, "  one call: attempt 1 is slow, a hedge starts at 2 ms and answers; %s after %.1f ms,"
                + " attempt 1 %s%n", answer.join(), answeredAt[0] / 1e6,
                started.get(0).isCancelled() ? "cancelled" : "not cancelled");
        HedgingSimulation.Outcome plain = HedgingSimulation.run("plain", HedgingSimulation.Service.tailAtScale(),
                null, 10_000, 0, 0, 1, 1_000, 7);
        HedgingSimulation.Outcome hedged = HedgingSimulation.run("hedged",
                HedgingSimulation.Service.tailAtScale(), HedgingSimulation::percentileHedge, 10_000, 0, 0, 1, 1_000,
                7);
        out.printf(Locale.ROOT, "  10,000 calls (virtual time): p99 %.1f ms without hedging, %.1f ms hedged at the "
                + "observed p95, for %.1f %% extra attempts%n", plain.percentile(99) / 1e6,
                hedged.percentile(99) / 1e6, 100 * hedged.extraLoad());
    }
}
