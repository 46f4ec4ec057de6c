package dev.mainstay.idempotency.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.IdempotencyBackendException;
import dev.mainstay.idempotency.IdempotencyResult;
import dev.mainstay.idempotency.IdempotencyStore;
import dev.mainstay.idempotency.IdempotencyStoreContract;
import dev.mainstay.idempotency.StoredResponse;
import dev.mainstay.testkit.Backend;
import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.RedisBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract on a real Redis (or Redis Cluster) through one client, plus round trips, keys, TTLs and a restart. */
@ExtendWith(RealBackends.class)
abstract class RedisIdempotencyStoreContract extends IdempotencyStoreContract {

    protected final List<AutoCloseable> closeables = new ArrayList<>();
    protected RedisBackend server;
    private RedisIdempotencyStore store;

    /** A script adapter bound to a new client of this test's server (or cluster). */
    abstract RedisScripting scripting();

    /** The server, or the cluster, the store runs on: the restart test stops and starts it. */
    Backend backend() {
        return server;
    }

    /** An admin command about {@code key}, on the node that holds it. */
    Object command(String key, String... command) {
        return server.command(command);
    }

    /** An admin command on every node; the replies. */
    Collection<Object> commandOnEveryNode(String... command) {
        return List.of(server.command(command));
    }

    @BeforeEach
    void server(RedisBackend server) {
        this.server = server;
        this.store = RedisIdempotencyStore.builder(scripting()).build();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Override
    protected IdempotencyStore store() {
        return store;
    }

    @Override
    protected void passTime(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    private long evalCalls() {
        long calls = 0;
        for (Object info : commandOnEveryNode("INFO", "commandstats")) {
            calls += evalCalls((String) info);
        }
        return calls;
    }

    private static long evalCalls(String info) {
        long calls = 0;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                String field = line.substring(line.indexOf("calls=") + 6);
                calls += Long.parseLong(field.substring(0, field.indexOf(',')));
            }
        }
        return calls;
    }

    @Test
    void roundTripsAsTheServerCountsThem() throws Exception {
        Idempotency idempotency = Idempotency.builder(store).build();
        String scope = "rt" + System.nanoTime();
        // warm every node's script cache: on a cluster the keys below may land on any master (50 keys miss one of
        // three masters with a probability of 3 x (2/3)^50, about 5e-9)
        for (int i = 0; i < 50; i++) {
            idempotency.execute(scope, "warm" + i, Fingerprint.sha256("x"), claim -> StoredResponse.ofText("ok"));
        }
        commandOnEveryNode("CONFIG", "RESETSTAT");
        idempotency.execute(scope, "k", Fingerprint.sha256("x"), claim -> StoredResponse.ofText("ok"));
        assertEquals(2, evalCalls(), "first execution: claim and complete");
        commandOnEveryNode("CONFIG", "RESETSTAT");
        assertTrue(idempotency.execute(scope, "k", Fingerprint.sha256("x"), claim -> StoredResponse.ofText("no"))
                .replayed());
        assertEquals(1, evalCalls(), "replay: one claim");
        store.claim(scope, "held", Fingerprint.sha256("x"), Duration.ofMinutes(1), Duration.ofHours(1));
        commandOnEveryNode("CONFIG", "RESETSTAT");
        assertThrows(dev.mainstay.idempotency.IdempotencyInProgressException.class,
                () -> idempotency.execute(scope, "held", Fingerprint.sha256("x"), c -> StoredResponse.ofText("no")));
        assertEquals(1, evalCalls(), "conflicting duplicate: one claim");
    }

    @Test
    void aRecordIsOneHashTaggedKeyThatExpiresWithItsRetention() throws Exception {
        Idempotency idempotency = Idempotency.builder(store).retention(Duration.ofMinutes(10)).build();
        String scope = "ttl" + System.nanoTime();
        idempotency.execute(scope, "k", Fingerprint.sha256("x"), claim -> StoredResponse.ofText("ok"));
        String key = store.redisKey(scope, "k");
        assertEquals("idem:{" + scope + ":k}", key);
        long ttl = (Long) command(key, "PTTL", key);
        assertTrue(ttl > Duration.ofMinutes(9).toMillis() && ttl <= Duration.ofMinutes(10).toMillis(), "ttl " + ttl);
        assertEquals("hash", command(key, "TYPE", key));
        assertThrows(IllegalArgumentException.class, () -> RedisIdempotencyStore.builder(scripting())
                .keyPrefix("a{b"));
    }

    @Test
    void aFlushedScriptCacheCostsOneEvalAndNothingElse() throws Exception {
        Idempotency idempotency = Idempotency.builder(store).build();
        commandOnEveryNode("SCRIPT", "FLUSH");
        String scope = "noscript" + System.nanoTime();
        assertEquals("ok", idempotency.execute(scope, "k", Fingerprint.sha256("x"),
                claim -> StoredResponse.ofText("ok")).response().bodyText());
        assertTrue(idempotency.execute(scope, "k", Fingerprint.sha256("x"), c -> StoredResponse.ofText("no"))
                .replayed());
    }

    @Test
    void aRestartGivesBackendExceptionsWithTheClientsCauseAndTheRunRecovers() throws Exception {
        Idempotency idempotency = Idempotency.builder(store).build();
        ConcurrentHashMap<String, AtomicInteger> executions = new ConcurrentHashMap<>();
        int failures = 0;
        String scope = "restart" + System.nanoTime();
        for (int i = 0; i < 30; i++) {
            if (i == 10) {
                backend().stop();
                Thread starter = new Thread(() -> {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    }
                    backend().start();
                });
                starter.start();
            }
            String key = "k" + i;
            for (int attempt = 0; ; attempt++) {
                try {
                    IdempotencyResult result = idempotency.execute(scope, key, Fingerprint.sha256(key), claim -> {
                        executions.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                        return StoredResponse.ofText(key);
                    });
                    assertEquals(key, result.response().bodyText());
                    break;
                } catch (IdempotencyBackendException e) {
                    failures++;
                    assertEquals("Redis", e.backend());
                    assertNotNull(e.getCause(), "the client's exception is the cause");
                    assertTrue(attempt < 400, "the store recovers");
                    Thread.sleep(50);
                }
            }
        }
        assertTrue(failures >= 1, "the restart struck");
        for (int i = 10; i < 30; i++) {
            assertEquals(1, executions.get("k" + i).get(), "k" + i + " executed once");
            assertTrue(idempotency.execute(scope, "k" + i, Fingerprint.sha256("k" + i),
                    claim -> StoredResponse.ofText("twice")).replayed());
        }
        System.out.println(getClass().getSimpleName() + ": " + failures + " backend failure(s) during the restart");
    }
}
