package dev.mainstay.pool.jdbc;

import dev.mainstay.testkit.MariaDbBackend;
import dev.mainstay.testkit.RealBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealBackends.class)
class PooledDataSourceMariaDbIT {

    @Test
    void killedConnectionsAreEvictedAndReplaced(MariaDbBackend db) throws Exception {
        ServerFaults.killedConnectionsAreEvicted(db);
    }

    @Test
    void validationOnBorrowHidesKilledConnections(MariaDbBackend db) throws Exception {
        ServerFaults.validationHidesKilledConnections(db);
    }

    @Test
    void survivesAServerRestartUnderLoad(MariaDbBackend db) throws Exception {
        ServerFaults.survivesAServerRestartUnderLoad(db);
    }

    @Test
    void aCatalogChangeLeavesTheNextBorrowerAFreshSessionsDatabase(MariaDbBackend db) throws Exception {
        SessionNamespaces.mariaDbCurrentDatabaseIsRestored(db);
    }
}
