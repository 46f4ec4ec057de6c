package dev.mainstay.pool.jdbc;

import dev.mainstay.testkit.PostgresBackend;
import dev.mainstay.testkit.RealBackends;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(RealBackends.class)
class PooledDataSourcePostgresIT {

    @ParameterizedTest
    @ValueSource(ints = {8, 32})
    void killingEveryConnectionCostsAtMostOneBorrowerAnError(int connections, PostgresBackend db)
            throws Exception {
        ServerFaults.killedConnectionsCostOneError(db, connections, Duration.ofMinutes(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 32})
    void killingEveryConnectionCostsNoErrorWithValidationOnEveryBorrow(int connections, PostgresBackend db)
            throws Exception {
        ServerFaults.killedConnectionsCostOneError(db, connections, Duration.ZERO);
    }

    @Test
    void survivesAServerRestartUnderLoad(PostgresBackend pg) throws Exception {
        ServerFaults.survivesAServerRestartUnderLoad(pg);
    }

    @Test
    void aSchemaChangeLeavesTheNextBorrowerAFreshSessionsSearchPath(PostgresBackend pg) throws Exception {
        SessionNamespaces.postgresSearchPathIsRestored(pg);
    }
}
