package dev.mainstay.idempotency.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcIdempotencyStoreH2Test extends JdbcIdempotencyStoreContract {

    private static final DataSource H2 = new H2("idempotency");
    private static final JdbcIdempotencyStore STORE = schema(JdbcIdempotencyStore.builder(H2).build());

    private static JdbcIdempotencyStore schema(JdbcIdempotencyStore store) {
        store.createSchemaIfMissing();
        return store;
    }

    @Override
    DataSource dataSource() {
        return H2;
    }

    @Override
    JdbcDialect expectedDialect() {
        return JdbcDialect.H2;
    }

    @Test
    void theDialectIsDetectedAndTableNamesAreCheckedAsIdentifiers() {
        assertEquals(JdbcDialect.H2, STORE.dialect());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdbcIdempotencyStore.builder(H2).tableName("t; DROP TABLE x"));
        assertEquals("tableName must be an SQL identifier (a letter or underscore, then up to 62 letters, digits or"
                + " underscores) but was 't; DROP TABLE x'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JdbcIdempotencyStore.builder(H2).tableName("1abc"));
        assertThrows(IllegalArgumentException.class, () -> JdbcDialect.of("Oracle"));
        assertThrows(IllegalArgumentException.class, () -> STORE.deleteExpired(0));
    }
}
