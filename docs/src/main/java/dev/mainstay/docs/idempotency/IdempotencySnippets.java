package dev.mainstay.docs.idempotency;

import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.IdempotencyResult;
import dev.mainstay.idempotency.InMemoryIdempotencyStore;
import dev.mainstay.idempotency.StoredResponse;
import dev.mainstay.idempotency.http.IdempotentRequests;
import dev.mainstay.idempotency.jdbc.JdbcIdempotencyStore;
import dev.mainstay.retry.Backoff;
import dev.mainstay.retry.Retry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/** The code of {@code docs/idempotency.md}, compiled and run by {@code IdempotencySnippetsTest}. */
public final class IdempotencySnippets {

    private IdempotencySnippets() {}

    /** A payment gateway's refusal, stored as an answer. */
    public static final class CardDeclinedException extends Exception {
        private static final long serialVersionUID = 1L;

        /** A refusal. */
        public CardDeclinedException() {
            super("card declined");
        }
    }

    /**
     * The quick start: a charge run once per key.
     *
     * @param idempotencyKey the client's key
     * @param body           the request body
     * @param charges        counts the charges
     * @return the result
     * @throws Exception as {@link Idempotency#execute}
     */
    public static IdempotencyResult quickStart(String idempotencyKey, byte[] body,
            java.util.concurrent.atomic.AtomicInteger charges) throws Exception {
        // quick start
        Idempotency idempotency = Idempotency.builder(InMemoryIdempotencyStore.ofDefaults()).build();
        IdempotencyResult result = idempotency.execute("user:42", idempotencyKey, Fingerprint.sha256(body),
                claim -> StoredResponse.ofText("charged " + charges.incrementAndGet()));
        // a retry with the same key and body: the stored response, result.replayed() == true
        IdempotencyResult retry = idempotency.execute("user:42", idempotencyKey, Fingerprint.sha256(body),
                claim -> StoredResponse.ofText("charged " + charges.incrementAndGet()));
        // end
        return retry.replayed() ? retry : result;
    }

    /**
     * The failure policy: a decline is an answer, a timeout releases the key.
     *
     * @return the builder's product
     */
    public static Idempotency failures() {
        // failures
        Idempotency idempotency = Idempotency.builder(InMemoryIdempotencyStore.ofDefaults())
                .lease(Duration.ofSeconds(30))                      // longer than a charge takes
                .waitFor(Duration.ofSeconds(2))                     // duplicates wait instead of 409
                .storeFailure(CardDeclinedException.class,         // replay a decline, never retry it
                        e -> StoredResponse.of(402, Map.of(), e.getMessage().getBytes(StandardCharsets.UTF_8)))
                .build();                                           // any other exception releases the key
        // end
        return idempotency;
    }

    /**
     * The JDBC store in transactional mode: the claim, the payment row and the response commit together.
     *
     * @param dataSource a database with a {@code payments(id, amount)} table
     * @param key        the idempotency key
     * @return the result
     * @throws Exception on failure
     */
    public static IdempotencyResult transactional(DataSource dataSource, String key) throws Exception {
        // jdbc
        JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(dataSource).build();
        store.createSchemaIfMissing();                              // or run the dialect's .sql yourself
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Idempotency inTransaction = Idempotency.builder(store.transactional(connection)).build();
            IdempotencyResult result = inTransaction.execute("user:42", key, Fingerprint.sha256("amount=10"),
                    claim -> {
                        try (PreparedStatement insert = connection.prepareStatement(
                                "INSERT INTO payments (id, amount) VALUES (?, 10)")) {
                            insert.setString(1, key);
                            insert.executeUpdate();                 // the business write, same transaction
                        }
                        return StoredResponse.ofText("charged");
                    });
            connection.commit();                                    // record, payment and response: all or none
            return result;
        }
        // end
    }

    /**
     * A client that retries with one key, composed with mainstay-retry (neither module depends on the other).
     *
     * @param client the client
     * @param uri    the payment endpoint
     * @return the response
     * @throws Exception when the retries are exhausted
     */
    public static HttpResponse<String> clientWithRetry(HttpClient client, URI uri) throws Exception {
        // client with retry
        HttpRequest request = IdempotentRequests.withKey(HttpRequest.newBuilder(uri)   // one UUIDv7 key...
                .header("X-Account", "alice")
                .timeout(Duration.ofMillis(300))
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":10}"))
                .build());
        Retry retry = Retry.builder()
                .maxAttempts(20)
                .retryOn(IOException.class)                                       // timeouts, resets
                .retryOnResult(r -> ((HttpResponse<?>) r).statusCode() == 409)    // still in progress
                .backoff(Backoff.exponential(Duration.ofMillis(20), 2.0, Duration.ofMillis(200)))
                .build();
        return retry.call(() -> client.send(request, HttpResponse.BodyHandlers.ofString())); // ...every attempt
        // end
    }
}
