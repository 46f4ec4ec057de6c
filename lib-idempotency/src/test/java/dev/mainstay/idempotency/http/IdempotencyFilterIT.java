package dev.mainstay.idempotency.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.IdempotencyStore;
import dev.mainstay.idempotency.IdempotencyStoreContract;
import dev.mainstay.idempotency.jdbc.JdbcIdempotencyStore;
import dev.mainstay.idempotency.redis.RedisIdempotencyStore;
import dev.mainstay.idempotency.redis.RedisScripting;
import dev.mainstay.testkit.PostgresBackend;
import dev.mainstay.testkit.RealBackends;
import dev.mainstay.testkit.RedisBackend;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** End to end: a real HttpServer on 127.0.0.1 behind the filter, a real client, real PostgreSQL and Redis. */
@ExtendWith(RealBackends.class)
class IdempotencyFilterIT {

    @Test
    void fiftyConcurrentRetriesOfOnePaymentOnPostgresChargeOnce(PostgresBackend pg) throws Exception {
        JdbcIdempotencyStore store = JdbcIdempotencyStore.builder(pg.dataSource()).tableName("idem_http").build();
        store.createSchemaIfMissing();
        chargedOnce(store);
    }

    @Test
    void fiftyConcurrentRetriesOfOnePaymentOnRedisChargeOnce(RedisBackend server) throws Exception {
        try (redis.clients.jedis.RedisClient jedis = redis.clients.jedis.RedisClient.create(server.host(),
                server.port())) {
            chargedOnce(RedisIdempotencyStore.builder(RedisScripting.of(jedis::evalsha, jedis::eval)).build());
        }
    }

    private static void chargedOnce(IdempotencyStore store) throws Exception {
        Idempotency idempotency = Idempotency.builder(store).waitFor(Duration.ofSeconds(20)).build();
        try (PaymentServer server = new PaymentServer(idempotency)) {
            server.slowMillis = 100;
            HttpRequest request = IdempotentRequests.withKey(server.post("{\"amount\":10}").build());
            List<HttpResponse<String>> responses = IdempotencyStoreContract.duplicates(50, () -> server.send(request));
            assertEquals(1, server.charges.get());
            for (HttpResponse<String> response : responses) {
                assertEquals(201, response.statusCode());
                assertEquals("{\"payment\":1,\"request\":{\"amount\":10}}", response.body());
            }
            assertEquals(49, responses.stream()
                    .filter(r -> r.headers().firstValue("Idempotent-Replayed").isPresent()).count());
        }
    }
}
