package dev.mainstay.ratelimit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.testkit.MariaDbBackend;
import dev.mainstay.testkit.SqlBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcRateLimiterMariaDbIT extends JdbcRateLimiterServerContract {

    private MariaDbBackend server;

    @BeforeEach
    void server(MariaDbBackend server) {
        this.server = server;
    }

    @Override
    SqlBackend server() {
        return server;
    }

    @Override
    JdbcDialect expectedDialect() {
        return JdbcDialect.MARIADB;
    }

    /** MySQL has no INSERT ... RETURNING: the upsert and a read of the row in one transaction, as exact. */
    @Test
    void withoutReturningAsOnMySqlClientsStillAdmitExactlyTheCapacity() throws Exception {
        dropTable("rl_mysql");
        RateLimit limit = RateLimit.fixedWindow(30, Duration.ofDays(1));
        AtomicLong admitted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < 3; c++) {
            SqlRateLimiter limiter = (SqlRateLimiter) limiter(limit, "rl_mysql");
            limiter.returning = false;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 15; i++) {
                        if (limiter.tryAcquire("hot", 1)) {
                            admitted.incrementAndGet();
                        }
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        dev.mainstay.ratelimit.Together.joinAll(threads);
        assertEquals(List.of(), failures);
        assertEquals(30, admitted.get());
        SqlRateLimiter reader = (SqlRateLimiter) limiter(limit, "rl_mysql");
        reader.returning = false;
        assertEquals(0, reader.availablePermits("hot"));
        assertFalse(reader.tryAcquire("hot", 1));
        reader.reconfigure(RateLimit.tokenBucket(50, 1, Duration.ofDays(1)));
        assertEquals(0, reader.availablePermits("hot"), "nothing to carry over from a used-up window");
    }
}
