package dev.mainstay.docs.idempotency;

import dev.mainstay.docs.Scene;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.InMemoryIdempotencyStore;
import dev.mainstay.idempotency.http.IdempotentRequests;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The tour's idempotency scene: a payment endpoint behind the Idempotency-Key filter, hit by a client that times
 * out and retries with the same key. The slow gateway is held at a gate, so the story is the same each time.
 */
public final class IdempotencyScene implements Scene {

    @Override
    public String module() {
        return "mainstay-idempotency";
    }

    @Override
    public String title() {
        return "a payment endpoint hit by a retrying client, charged once";
    }

    @Override
    public void play(PrintStream out) throws Exception {
        Idempotency idempotency = Idempotency.builder(InMemoryIdempotencyStore.ofDefaults()).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (PaymentEndpoint endpoint = new PaymentEndpoint(idempotency)) {
            HttpRequest pay = IdempotentRequests.withKey(HttpRequest.newBuilder(endpoint.uri())
                    .header("X-Account", "alice")
                    .timeout(Duration.ofMillis(300))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":10}"))
                    .build());
            out.println("alice pays 10 with Idempotency-Key " + pay.headers().firstValue("Idempotency-Key")
                    .orElseThrow() + " (a UUIDv7).");
            endpoint.gatewayIsSlow();
            try {
                client.send(pay, HttpResponse.BodyHandlers.ofString());
                out.println("attempt 1: answered (unexpected)");
            } catch (HttpTimeoutException e) {
                out.println("attempt 1: no answer within 300 ms, the card gateway is slow; the client retries.");
            }
            // the retries wait longer: only the first attempt is meant to time out, however busy the machine
            HttpRequest retry = HttpRequest.newBuilder(pay, (name, value) -> true).timeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> busy = client.send(retry, HttpResponse.BodyHandlers.ofString());
            out.println("attempt 2, same key: " + busy.statusCode() + " " + busy.headers().firstValue("Content-Type")
                    .orElse("") + ", Retry-After " + busy.headers().firstValue("Retry-After").orElse("-")
                    + ": the first attempt is still running.");
            endpoint.gatewayAnswers();
            HttpResponse<String> done = busy;
            for (int i = 0; i < 200 && done.statusCode() == 409; i++) {
                Thread.sleep(10);
                done = client.send(retry, HttpResponse.BodyHandlers.ofString());
            }
            out.println("attempt 3, same key, once the gateway answered: " + done.statusCode() + " " + done.body()
                    + ", Idempotent-Replayed: " + done.headers().firstValue("Idempotent-Replayed").orElse("-")
                    + ", Location " + done.headers().firstValue("Location").orElse("-") + ".");
            HttpResponse<String> reused = client.send(HttpRequest.newBuilder(retry, (name, value) -> true)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":99}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            out.println("The same key with amount 99: " + reused.statusCode() + ", the key belongs to the first"
                    + " request.");
            out.println("The card was charged " + endpoint.charges() + " time(s); the key is kept "
                    + done.headers().firstValue("Idempotency-Key-Retention").orElse("?") + " s.");
        }
    }
}
