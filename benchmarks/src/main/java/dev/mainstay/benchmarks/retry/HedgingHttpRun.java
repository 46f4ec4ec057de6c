package dev.mainstay.benchmarks.retry;

import com.sun.net.httpserver.HttpServer;
import dev.mainstay.docs.retry.HedgingSimulation;
import dev.mainstay.docs.retry.HedgingSimulation.Service;
import dev.mainstay.retry.Hedge;
import dev.mainstay.retry.RetryBudget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The hedging simulation checked against the real thing: a {@code com.sun.net.httpserver} server on 127.0.0.1 that
 * sleeps each request for a latency drawn from {@link Service#tailAtScale()} scaled up (default: body 20 ms,
 * hiccups 400 ms), called through {@code java.net.http.HttpClient} without and then with the guide's hedge (one hedge
 * at the observed p95, a 10 % budget). It prints both p99s, their ratio, and the simulation's ratio for the same
 * model, and says whether they agree within 20 %. Bounded: {@code calls} calls per run (default 3,000), arriving
 * every 0.1 × the body's median, plus 500 warm-up calls.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.mainstay.benchmarks.retry.HedgingHttpRun [bodyMedianMs] [calls]
 * </pre>
 */
public final class HedgingHttpRun {

    private HedgingHttpRun() {}

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
        Service model = Service.tailAtScale();
        Service service = new Service(model.baseMedianMs() * scale, model.baseSigma(), model.hiccupProbability(),
                model.hiccupMedianMs() * scale, model.hiccupSigma());
        long interval = (long) (scale * 100_000);
        SplittableRandom random = new SplittableRandom(42);
        AtomicLong requests = new AtomicLong();
        ExecutorService serverThreads = Executors.newCachedThreadPool();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            long latency;
            synchronized (random) {
                latency = service.sampleNanos(random, 1);
            }
            try {
                Thread.sleep(Duration.ofNanos(latency));
                byte[] body = "ok".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException | IOException gone) {
                // the client cancelled, or the server stops
            } finally {
                exchange.close();
            }
        });
        server.start();
        ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .build();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        HttpRequest request = HttpRequest.newBuilder(uri).build();
        try (Hedge hedge = Hedge.builder()
                .maxHedges(1)
                .delayPercentile(95, Duration.ofNanos((long) (5 * scale * 1_000_000)))
                .budget(RetryBudget.builder().capacity(50).retryCost(10).successRefund(1).build())
                .build()) {
            run(client, request, null, 500, interval);                      // warm-up: JIT, connections
            long before = requests.get();
            long[] plain = run(client, request, null, calls, interval);
            long plainRequests = requests.get() - before;
            run(client, request, hedge, 500, interval);                     // warm-up: the histogram
            before = requests.get();
            long hedgesBefore = hedge.metrics().hedges();
            long[] hedged = run(client, request, hedge, calls, interval);
            long hedgedRequests = requests.get() - before;
            long hedges = hedge.metrics().hedges() - hedgesBefore;

            HedgingSimulation.Scenarios simulated = new HedgingSimulation.Scenarios();
            double simRatio = (double) simulated.hedged.percentile(99) / simulated.unhedged.percentile(99);
            double realRatio = (double) p(hedged, 99) / p(plain, 99);
            System.out.printf(Locale.ROOT, "service: body %.0f ms, hiccups %.0f ms (2 %%); %d calls per run, one every "
                    + "%.1f ms%n", service.baseMedianMs(), service.hiccupMedianMs(), calls, interval / 1e6);
            System.out.printf(Locale.ROOT, "no hedging : p50 %7.2f ms  p99 %7.2f ms  server requests %d%n",
                    p(plain, 50) / 1e6, p(plain, 99) / 1e6, plainRequests);
            System.out.printf(Locale.ROOT, "hedged     : p50 %7.2f ms  p99 %7.2f ms  server requests %d (%d hedges, "
                    + "%.1f %% extra)%n", p(hedged, 50) / 1e6, p(hedged, 99) / 1e6, hedgedRequests, hedges,
                    100.0 * hedges / calls);
            System.out.printf(Locale.ROOT, "p99 ratio  : real %.3f, simulated %.3f; real / simulated = %.2f -> %s%n",
                    realRatio, simRatio, realRatio / simRatio,
                    Math.abs(realRatio / simRatio - 1) <= 0.2 ? "within 20 %" : "NOT within 20 %");
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
            clientThreads.shutdownNow();
        }
    }

    private static long[] run(HttpClient client, HttpRequest request, Hedge hedge, int calls, long interval)
            throws Exception {
        long[] latencies = new long[calls];
        CompletableFuture<?>[] done = new CompletableFuture<?>[calls];
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int call = i;
            long begin = System.nanoTime();
            CompletionStage<HttpResponse<Void>> response = hedge == null
                    ? client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    : hedge.getAsync(Hedge.idempotentAsync(
                            () -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding())));
            done[i] = response.toCompletableFuture().whenComplete((r, e) -> {
                latencies[call] = System.nanoTime() - begin;
                if (e != null) {
                    System.err.println("call failed: " + e);
                }
            });
        }
        CompletableFuture.allOf(done).get(5, TimeUnit.MINUTES);
        Arrays.sort(latencies);
        return latencies;
    }

    private static long p(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
