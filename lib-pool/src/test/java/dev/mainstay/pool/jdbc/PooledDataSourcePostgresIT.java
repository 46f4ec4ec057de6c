package dev.mainstay.pool.jdbc;

import dev.mainstay.testkit.PostgresBackend;
import dev.mainstay.testkit.RealBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealBackends.class)
class PooledDataSourcePostgresIT {

    @Test
    void terminatedBackendsAreEvictedAndReplaced(PostgresBackend pg) throws Exception {
        ServerFaults.killedConnectionsAreEvicted(pg);
    }

    @Test
    void validationOnBorrowHidesTerminatedBackends(PostgresBackend pg) throws Exception {
        ServerFaults.validationHidesKilledConnections(pg);
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
