package dev.mainstay.docs.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.docs.GuideCheck;
import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.IdempotencyResult;
import dev.mainstay.idempotency.InMemoryIdempotencyStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class IdempotencySnippetsTest {

    @Test
    void theQuickStartChargesOnceAndReplays() throws Exception {
        AtomicInteger charges = new AtomicInteger();
        IdempotencyResult retry = IdempotencySnippets.quickStart("k1", "amount=10".getBytes(StandardCharsets.UTF_8),
                charges);
        assertTrue(retry.replayed());
        assertEquals("charged 1", retry.response().bodyText());
        assertEquals(1, charges.get());
    }

    @Test
    void aDeclineIsStoredAndReplayed() throws Exception {
        Idempotency idempotency = IdempotencySnippets.failures();
        assertEquals(Duration.ofSeconds(30), idempotency.config().lease());
        AtomicInteger attempts = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            IdempotencyResult result = idempotency.execute("user:42", "k", Fingerprint.sha256("x"), claim -> {
                attempts.incrementAndGet();
                throw new IdempotencySnippets.CardDeclinedException();
            });
            assertEquals(402, result.response().status());
            assertEquals("card declined", result.response().bodyText());
        }
        assertEquals(1, attempts.get());
    }

    @Test
    void theTransactionalModeCommitsThePaymentAndTheRecordTogether() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:idempotency-docs;DB_CLOSE_DELAY=-1");
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE payments (id VARCHAR(64) PRIMARY KEY, amount INT)");
        }
        assertFalse(IdempotencySnippets.transactional(h2, "k1").replayed());
        assertTrue(IdempotencySnippets.transactional(h2, "k1").replayed());
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:idempotency-docs");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM payments")) {
            rows.next();
            assertEquals(1, rows.getLong(1));
        }
    }

    @Test
    void aRetryingClientWithOneKeyIsChargedOnce() throws Exception {
        try (PaymentEndpoint endpoint = new PaymentEndpoint(
                Idempotency.builder(InMemoryIdempotencyStore.ofDefaults()).build())) {
            endpoint.gatewayIsSlow();
            Thread gateway = new Thread(() -> {
                try {
                    Thread.sleep(600);
                } catch (InterruptedException e) {
                    return;
                }
                endpoint.gatewayAnswers();
            });
            gateway.start();
            HttpResponse<String> response = IdempotencySnippets.clientWithRetry(
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), endpoint.uri());
            gateway.join();
            assertEquals(201, response.statusCode());
            assertEquals("{\"payment\":1}", response.body());
            assertEquals(Optional.of("true"), response.headers().firstValue("Idempotent-Replayed"));
            assertEquals(1, endpoint.charges());
        }
    }

    @Test
    void theSceneTellsTheStory() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new IdempotencyScene().play(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("attempt 1: no answer within 300 ms"), out);
        assertTrue(out.contains("attempt 2, same key: 409 application/problem+json"), out);
        assertTrue(out.contains("201 {\"payment\":1}, Idempotent-Replayed: true, Location /payments/1."), out);
        assertTrue(out.contains("The same key with amount 99: 422"), out);
        assertTrue(out.contains("The card was charged 1 time(s); the key is kept 86400 s."), out);
    }

    /** Every fenced block of the guide marked with a snippet name is the compiled code, line for line. */
    @Test
    void theGuideShowsTheCompiledCode() throws IOException {
        GuideCheck.assertGuideShowsTheCompiledCode("idempotency.md", 5, "idempotency/IdempotencySnippets.java",
                "idempotency/PaymentEndpoint.java");
    }
}
