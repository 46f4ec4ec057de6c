package dev.mainstay.pool.jdbc;

import dev.mainstay.testkit.PostgresBackend;
import dev.mainstay.testkit.RealBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealBackends.class)
class PooledStatementsPostgresIT {

    @Test
    void preparedAndCallableStatementsRunThroughThePool(PostgresBackend pg) throws Exception {
        StatementRoundTrips.run(pg,
                "CREATE OR REPLACE FUNCTION mainstay_pool_add(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b'",
                "{? = call mainstay_pool_add(?, ?)}", 1);
    }
}
