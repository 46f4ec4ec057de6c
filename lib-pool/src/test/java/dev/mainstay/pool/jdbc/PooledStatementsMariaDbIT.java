package dev.mainstay.pool.jdbc;

import dev.mainstay.testkit.MariaDbBackend;
import dev.mainstay.testkit.RealBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealBackends.class)
class PooledStatementsMariaDbIT {

    @Test
    void preparedAndCallableStatementsRunThroughThePool(MariaDbBackend db) throws Exception {
        StatementRoundTrips.run(db,
                "CREATE OR REPLACE PROCEDURE mainstay_pool_add(IN a INT, IN b INT, OUT total INT)"
                        + " BEGIN SET total = a + b; END",
                "{call mainstay_pool_add(?, ?, ?)}", 3);
    }
}
