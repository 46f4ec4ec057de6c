package dev.mainstay.pool.jdbc;

import dev.mainstay.testkit.MariaDbBackend;
import dev.mainstay.testkit.RealBackends;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(RealBackends.class)
class PooledDataSourceMariaDbIT {

    @ParameterizedTest
    @ValueSource(ints = {8, 32})
    void killingEveryConnectionCostsAtMostOneBorrowerAnError(int connections, MariaDbBackend db)
            throws Exception {
        ServerFaults.killedConnectionsCostOneError(db, connections, Duration.ofMinutes(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 32})
    void killingEveryConnectionCostsNoErrorWithValidationOnEveryBorrow(int connections, MariaDbBackend db)
            throws Exception {
        ServerFaults.killedConnectionsCostOneError(db, connections, Duration.ZERO);
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
