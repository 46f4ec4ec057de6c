package dev.mainstay.pool.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import org.junit.jupiter.api.Test;

/** Which driver failures mean "this connection is dead". */
class PooledConnectionTest {

    @Test
    void connectionClassAndShutdownStatesAreFatal() {
        assertTrue(PooledConnection.isFatal(new SQLException("gone", "08006")));
        assertTrue(PooledConnection.isFatal(new SQLException("refused", "08001")));
        assertTrue(PooledConnection.isFatal(new SQLException("terminating connection due to administrator command",
                "57P01")));
        assertTrue(PooledConnection.isFatal(new SQLException("crash", "57P02")));
        assertTrue(PooledConnection.isFatal(new SQLException("starting up", "57P03")));
        assertTrue(PooledConnection.isFatal(new SQLNonTransientConnectionException("closed")));
        assertTrue(PooledConnection.isFatal(new SQLException("Connection was killed", "HY000", 1927)));
    }

    @Test
    void ordinaryFailuresAreNot() {
        assertFalse(PooledConnection.isFatal(new SQLException("syntax error", "42601")));
        assertFalse(PooledConnection.isFatal(new SQLException("unique violation", "23505")));
        assertFalse(PooledConnection.isFatal(new SQLTransientException("deadlock", "40001")));
        assertFalse(PooledConnection.isFatal(new SQLException("no state")));
    }

    @Test
    void aFatalStateInTheChainCounts() {
        SQLException batch = new SQLException("batch failed", "HY000");
        batch.setNextException(new SQLException("gone", "08003"));
        assertTrue(PooledConnection.isFatal(batch));
        assertTrue(PooledConnection.isFatal(new SQLException("wrapped", "HY000", new SQLException("x", "57P01"))));
    }

    @Test
    void bothChainsAreFollowed() {
        SQLException batch = new SQLException("batch failed", "HY000", new SQLException("gone", "08006"));
        batch.setNextException(new SQLException("row 3 failed", "23505"));
        assertTrue(PooledConnection.isFatal(batch), "the cause, when the next exception is harmless");
        SQLException next = new SQLException("row 3 failed", "HY000", new SQLException("x", "57P01"));
        SQLException outer = new SQLException("batch failed", "HY000");
        outer.setNextException(next);
        assertTrue(PooledConnection.isFatal(outer), "the cause of the next exception");
    }

    @Test
    void aChainThatLoopsEnds() {
        SQLException first = new SQLException("a", "HY000");
        SQLException second = new SQLException("b", "HY000", first);
        first.setNextException(second);
        first.initCause(second);
        assertFalse(PooledConnection.isFatal(first));
    }
}
