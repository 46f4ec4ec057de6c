package dev.mainstay.idempotency.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.InMemoryIdempotencyStore;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The draft's semantics against a real HttpServer on 127.0.0.1 and a real java.net.http client. */
class IdempotencyFilterTest {

    private final Idempotency idempotency = Idempotency.builder(InMemoryIdempotencyStore.ofDefaults()).build();
    private PaymentServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theFirstRequestRunsAndARetryReplaysStatusBodyAndChosenHeaders() throws Exception {
        server = new PaymentServer(idempotency);
        HttpRequest request = IdempotentRequests.withKey(server.post("{\"amount\":10}").build());
        HttpResponse<String> first = server.send(request);
        HttpResponse<String> retry = server.send(request);
        assertEquals(201, first.statusCode());
        assertEquals(201, retry.statusCode());
        assertEquals(first.body(), retry.body());
        assertEquals("{\"payment\":1,\"request\":{\"amount\":10}}", retry.body());
        assertEquals(Optional.of("/payments/1"), retry.headers().firstValue("Location"));
        assertEquals(Optional.of("application/json"), retry.headers().firstValue("Content-Type"));
        assertEquals(Optional.of("t1"), first.headers().firstValue("X-Trace"), "the first gets every header");
        assertEquals(Optional.empty(), retry.headers().firstValue("X-Trace"), "replays get the stored ones");
        assertEquals(Optional.empty(), first.headers().firstValue("Idempotent-Replayed"));
        assertEquals(Optional.of("true"), retry.headers().firstValue("Idempotent-Replayed"));
        assertEquals(Optional.of("86400"), retry.headers().firstValue("Idempotency-Key-Retention"));
        assertEquals(1, server.charges.get());
    }

    @Test
    void aMissingOrInvalidKeyIs400ProblemJson() throws Exception {
        server = new PaymentServer(idempotency);
        HttpResponse<String> missing = server.send(server.post("{}").build());
        assertEquals(400, missing.statusCode());
        assertEquals(Optional.of("application/problem+json"), missing.headers().firstValue("Content-Type"));
        assertTrue(missing.body().startsWith("{\"type\":\"about:blank\",\"title\":\"Idempotency-Key is missing\","
                + "\"status\":400,"), missing.body());
        HttpResponse<String> tooLong = server.send(server.post("{}").header("Idempotency-Key", "k".repeat(300))
                .build());
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.body().contains("Idempotency-Key must be at most 255 characters but was 300 characters"),
                tooLong.body());
        assertEquals(0, server.charges.get());
    }

    @Test
    void aKeyReusedWithAnotherBodyIs422() throws Exception {
        server = new PaymentServer(idempotency);
        assertEquals(201, server.send(server.post("{\"amount\":10}").header("Idempotency-Key", "\"k1\"").build())
                .statusCode());
        HttpResponse<String> reused = server.send(server.post("{\"amount\":99}").header("Idempotency-Key", "k1")
                .build());
        assertEquals(422, reused.statusCode());
        assertEquals(Optional.of("application/problem+json"), reused.headers().firstValue("Content-Type"));
        assertTrue(reused.body().contains("\"status\":422"), reused.body());
        assertEquals(1, server.charges.get(), "a quoted and a bare key are the same key");
    }

    @Test
    void aClientThatTimesOutAndRetriesGets409WhileTheFirstRunsThenTheReplayChargedOnce() throws Exception {
        server = new PaymentServer(idempotency);
        server.gate = new java.util.concurrent.CountDownLatch(1); // the gateway has not answered yet
        HttpRequest request = IdempotentRequests.withKey(server.post("{\"amount\":10}")
                .timeout(Duration.ofMillis(100)).build());
        assertThrows(HttpTimeoutException.class, () -> server.send(request));
        HttpRequest retry = HttpRequest.newBuilder(request, (n, v) -> true).timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> conflict = server.send(retry);
        assertEquals(409, conflict.statusCode());
        assertTrue(conflict.headers().firstValue("Retry-After").isPresent());
        assertEquals(Optional.of("application/problem+json"), conflict.headers().firstValue("Content-Type"));
        server.gate.countDown();
        HttpResponse<String> answered;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            Thread.sleep(50);
            answered = server.send(retry);
        } while (answered.statusCode() == 409 && System.nanoTime() < deadline);
        assertEquals(201, answered.statusCode());
        assertEquals(Optional.of("true"), answered.headers().firstValue("Idempotent-Replayed"));
        assertEquals(1, server.charges.get());
    }

    @Test
    void withWaitingADuplicateGetsTheFirstResponseInsteadOf409() throws Exception {
        server = new PaymentServer(Idempotency.builder(InMemoryIdempotencyStore.ofDefaults())
                .waitFor(Duration.ofSeconds(5)).build());
        server.slowMillis = 300;
        HttpRequest request = IdempotentRequests.withKey(server.post("{}").build());
        var first = server.client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        Thread.sleep(100);
        HttpResponse<String> second = server.send(request);
        assertEquals(201, second.statusCode());
        assertEquals(201, first.get().statusCode());
        assertEquals(first.get().body(), second.body());
        assertEquals(1, server.charges.get());
    }

    @Test
    void aFailedHandlerReleasesTheKeySoTheRetryRuns() throws Exception {
        server = new PaymentServer(idempotency);
        server.failures.set(1);
        HttpRequest request = IdempotentRequests.withKey(server.post("{}").build());
        assertThrows(IOException.class, () -> server.send(request));
        HttpResponse<String> retry = server.send(request);
        assertEquals(201, retry.statusCode());
        assertEquals(Optional.empty(), retry.headers().firstValue("Idempotent-Replayed"));
        assertEquals(1, server.charges.get());
    }

    @Test
    void safeMethodsAndOptionalKeysPassThrough() throws Exception {
        server = new PaymentServer(IdempotencyFilter.builder(idempotency).required(false).methods("post").build());
        assertEquals(201, server.send(server.post("{}").build()).statusCode());
        assertEquals(201, server.send(server.post("{}").build()).statusCode());
        assertEquals(2, server.charges.get(), "without a key every request runs");
        HttpResponse<String> get = server.send(HttpRequest.newBuilder(server.uri()).GET().build());
        assertEquals(201, get.statusCode());
        assertFalse(get.headers().firstValue("Idempotency-Key-Retention").isPresent());
    }

    @Test
    void anOversizedResponseIs500AndReleasesTheKey() throws Exception {
        server = new PaymentServer(Idempotency.builder(InMemoryIdempotencyStore.ofDefaults()).maxResponseBytes(10)
                .build());
        HttpRequest request = IdempotentRequests.withKey(server.post("{\"amount\":10}").build());
        HttpResponse<String> response = server.send(request);
        assertEquals(500, response.statusCode());
        assertTrue(response.body().contains("must be at most 10 bytes"), response.body());
        assertEquals(500, server.send(request).statusCode(), "released: the retry runs again");
        assertEquals(2, server.charges.get());
    }

    @Test
    void theClientHelperKeepsOneKeyForEveryRetry() {
        HttpRequest plain = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1/")).build();
        HttpRequest keyed = IdempotentRequests.withKey(plain);
        String key = IdempotentRequests.keyOf(keyed).orElseThrow();
        assertEquals(7, java.util.UUID.fromString(key).version());
        assertEquals(Optional.of('"' + key + '"'), keyed.headers().firstValue("Idempotency-Key"));
        assertTrue(IdempotentRequests.withKey(keyed) == keyed, "a keyed request keeps its key");
        assertEquals(Optional.of("mine"), IdempotentRequests.keyOf(IdempotentRequests.withKey(keyed, "mine")));
        assertThrows(IllegalArgumentException.class, () -> IdempotentRequests.withKey(plain, "a\"b"));
        assertThrows(IllegalArgumentException.class, () -> IdempotentRequests.withKey(plain, ""));
        assertThrows(IllegalArgumentException.class, () -> IdempotencyFilter.builder(idempotency).methods());
        assertThrows(IllegalArgumentException.class, () -> IdempotencyFilter.builder(idempotency).maxRequestBytes(0));
    }
}
