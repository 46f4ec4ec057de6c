package dev.mainstay.benchmarks.idempotency;

import dev.mainstay.idempotency.IdempotencyKeyGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The seed's Shopify claim, measured on PostgreSQL: inserting idempotency keys into a table that already holds
 * millions of them, with random UUIDv4 keys against time-ordered UUIDv7 and ULID keys. Each table is first filled
 * on the server ({@code generate_series}) with keys of its kind (random for v4, increasing for v7 and ULID), then
 * the client inserts new keys in batches, one commit per batch, and the rate is reported with the primary key
 * index's size.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.mainstay.benchmarks.idempotency.KeyInsertComparison \
 *     'jdbc:postgresql://127.0.0.1:55432/mainstay?user=mainstay' 5000000 200000
 * </pre>
 */
public final class KeyInsertComparison {

    private KeyInsertComparison() {}

    private record Kind(String name, String column, String prefill, Supplier<Object> next) {}

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:55432/mainstay?user=mainstay";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 5_000_000;
        int inserts = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        IdempotencyKeyGenerator v7 = IdempotencyKeyGenerator.uuidV7();
        IdempotencyKeyGenerator ulid = IdempotencyKeyGenerator.ulid();
        Kind[] kinds = {
            new Kind("uuidv4", "uuid", "gen_random_uuid()", UUID::randomUUID),
            new Kind("uuidv7", "uuid", "(lpad(to_hex(1600000000000 + g), 12, '0')"
                    + " || substr(replace(gen_random_uuid()::text, '-', ''), 13))::uuid",
                    () -> UUID.fromString(v7.next())),
            new Kind("ulid", "char(26)", "lpad(to_hex(g), 26, '0')", ulid::next),
        };
        System.out.printf("%-8s %10s %10s %12s %14s%n", "keys", "rows", "inserted", "inserts/s", "pkey index MB");
        try (Connection connection = DriverManager.getConnection(url)) {
            for (Kind kind : kinds) {
                run(connection, kind, rows, inserts);
            }
        }
    }

    private static void run(Connection connection, Kind kind, int rows, int inserts) throws SQLException {
        String table = "keys_" + kind.name();
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("CREATE TABLE " + table + " (id " + kind.column() + " PRIMARY KEY, created_at BIGINT)");
            statement.execute("INSERT INTO " + table + " SELECT " + kind.prefill() + ", g FROM generate_series(1, "
                    + rows + ") g");
            statement.execute("VACUUM ANALYZE " + table);
        }
        connection.setAutoCommit(false);
        long start = System.nanoTime();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            int batch = 500;
            for (int i = 0; i < inserts; i++) {
                insert.setObject(1, kind.next().get());
                insert.setLong(2, i);
                insert.addBatch();
                if ((i + 1) % batch == 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        long nanos = System.nanoTime() - start;
        connection.setAutoCommit(true);
        long indexBytes;
        try (Statement statement = connection.createStatement();
                ResultSet size = statement.executeQuery("SELECT pg_relation_size('" + table + "_pkey')")) {
            size.next();
            indexBytes = size.getLong(1);
        }
        System.out.printf("%-8s %10d %10d %12.0f %14.1f%n", kind.name(), rows, inserts, inserts * 1e9 / nanos,
                indexBytes / 1048576.0);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + table);
        }
    }
}
