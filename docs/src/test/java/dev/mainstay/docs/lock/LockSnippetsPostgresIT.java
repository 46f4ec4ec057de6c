package dev.mainstay.docs.lock;

import dev.mainstay.testkit.PostgresBackend;
import dev.mainstay.testkit.RealBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The guide's fenced write on a real PostgreSQL. */
@ExtendWith(RealBackends.class)
class LockSnippetsPostgresIT {

    @Test
    void fencedWriteOnPostgres(PostgresBackend pg) throws Exception {
        LockSnippetsTest.fencedWriteRefusesTheStaleHolder(pg.dataSource());
    }
}
