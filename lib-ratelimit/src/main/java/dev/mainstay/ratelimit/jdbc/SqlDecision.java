package dev.mainstay.ratelimit.jdbc;

import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.internal.Arith;

/**
 * A row's state and the one statement that decides on it.
 *
 * <p>A row keeps a key's state relative to its own time {@code updated_nanos}, so that every value stays a small
 * non-negative {@code BIGINT} (the in-process meters keep absolute times that wrap modulo 2^64, which SQL cannot):
 * <ul>
 *   <li>greedy token bucket and GCRA: the debt at {@code updated_nanos} in units of {@code 1/scale} ns, where a
 *       permit is {@code unit} of them ({@code unit = period / gcd(period, refill)},
 *       {@code scale = refill / gcd(period, refill)}): the in-process state minus {@code now * scale};</li>
 *   <li>interval token bucket and fixed window: the permits owed in the window of {@code updated_nanos};</li>
 *   <li>sliding window: {@code previous * 2^24 + current}, the counts of the windows before and of
 *       {@code updated_nanos}.</li>
 * </ul>
 * The statement computes with exactly the in-process arithmetic (integer division of non-negative numbers, and
 * {@code NUMERIC}/{@code DECIMAL} where a product may pass 2^63), so a decision on the same times is the same.
 */
final class SqlDecision {

    /** The factor of the previous count in a sliding window's packed state. */
    static final long SLIDING = 1L << 24;

    /** The columns the decision writes, in the order of the insert (MariaDB assigns them left to right). */
    static final String COLUMNS = "limit_key, algorithm, capacity, refill_permits, period_nanos, initial_permits,"
            + " permits, outcome, available, expires_nanos, state, updated_nanos";

    private SqlDecision() {}

    private enum Family {
        SCALED, STEPPED, SLIDING
    }

    private static Family family(RateLimit limit) {
        return switch (limit.algorithm()) {
            case TOKEN_BUCKET_GREEDY, GCRA -> Family.SCALED;
            case TOKEN_BUCKET_INTERVAL, FIXED_WINDOW -> Family.STEPPED;
            case SLIDING_WINDOW -> Family.SLIDING;
        };
    }

    private static long unit(RateLimit limit) {
        return limit.periodNanos() / Arith.gcd(limit.periodNanos(), limit.refillPermits());
    }

    private static long scale(RateLimit limit) {
        return limit.refillPermits() / Arith.gcd(limit.periodNanos(), limit.refillPermits());
    }

    // ---- the row encoding in Java, for the path that converts a state written under another limit ----

    /**
     * The in-process meter state equal to a row's state at {@code now}.
     *
     * @param limit the limit the row was written under
     * @param state the row's state
     * @param time  the row's {@code updated_nanos}
     * @param now   the time, {@code >= time}
     * @return the state as {@code dev.mainstay.ratelimit.internal.Meter} keeps it
     */
    static long toMeter(RateLimit limit, long state, long time, long now) {
        long period = limit.periodNanos();
        switch (family(limit)) {
            case SCALED -> {
                long scale = scale(limit);
                long elapsed = now - time;
                long debt = elapsed >= ceilDiv(state, scale) ? 0 : state - elapsed * scale;
                return now * scale + debt;
            }
            case STEPPED -> {
                long refill = limit.refillPermits();
                long steps = now / period - time / period;
                long debt = steps >= ceilDiv(state, refill) ? 0 : state - steps * refill;
                return Math.floorDiv(now, period) * refill + debt;
            }
            default -> {
                long index = now / period;
                long then = time / period;
                long previous = index == then ? state / SLIDING : index == then + 1 ? state % SLIDING : 0;
                long current = index == then ? state % SLIDING : 0;
                int countBits = 64 - Long.numberOfLeadingZeros(limit.capacity());
                long tagMask = -1L >>> (2 * countBits);
                long packed = ((index & tagMask) << (2 * countBits)) | (previous << countBits) | current;
                return packed == Long.MIN_VALUE ? 0 : packed;
            }
        }
    }

    /**
     * The row state equal to an in-process meter state at {@code now}.
     *
     * @param limit the limit of the meter
     * @param meter the meter's state
     * @param now   the time the row will carry as {@code updated_nanos}
     * @return the row's state
     */
    static long fromMeter(RateLimit limit, long meter, long now) {
        long period = limit.periodNanos();
        switch (family(limit)) {
            case SCALED -> {
                long debt = meter - now * scale(limit);
                return debt < 0 || debt > limit.capacity() * unit(limit) ? 0 : debt;
            }
            case STEPPED -> {
                long debt = meter - Math.floorDiv(now, period) * limit.refillPermits();
                return debt < 0 || debt > limit.capacity() ? 0 : debt;
            }
            default -> {
                int countBits = 64 - Long.numberOfLeadingZeros(limit.capacity());
                long countMask = (1L << countBits) - 1;
                long tagMask = -1L >>> (2 * countBits);
                long delta = (now / period - (meter >>> (2 * countBits))) & tagMask;
                if (delta == 0) {
                    return ((meter >>> countBits) & countMask) * SLIDING + (meter & countMask);
                }
                return delta == 1 ? (meter & countMask) * SLIDING : 0;
            }
        }
    }

    private static long ceilDiv(long a, long b) {
        return a / b + (a % b > 0 ? 1 : 0);
    }

    // ---- the statement ----

    /** How a dialect spells the few operations that differ. */
    private record Spelling(boolean postgres) {
        String div(String a, String b) {
            return postgres ? "(" + a + ") / " + b : "(" + a + ") DIV " + b;
        }

        String mod(String a, String b) {
            return "(" + a + ") % " + b;
        }

        String ceilDiv(String a, long b) {
            return "(" + div(a, Long.toString(b)) + " + CASE WHEN " + mod(a, Long.toString(b)) + " > 0 THEN 1 ELSE 0 END)";
        }

        /** {@code floor(a * b / c)} or its ceiling, exact for non-negative operands whose product passes 2^63. */
        String mulDiv(String a, String b, String c, boolean ceil) {
            String wide = postgres ? "CAST(" + a + " AS NUMERIC)" : "CAST(" + a + " AS DECIMAL(65,0))";
            String product = wide + " * (" + b + ")" + (ceil ? " + (" + c + " - 1)" : "");
            return postgres ? "CAST(div(" + product + ", " + c + ") AS BIGINT)" : "((" + product + ") DIV " + c + ")";
        }
    }

    /** The expressions of one decision on state {@code s} written at {@code t}, at time {@code now}, for {@code n}. */
    private record Exprs(String outcome, String available, String full, String state) {}

    private static Exprs exprs(Spelling sql, RateLimit limit, String s, String t, String now, String n) {
        long capacity = limit.capacity();
        long period = limit.periodNanos();
        switch (family(limit)) {
            case SCALED -> {
                long unit = unit(limit);
                long scale = scale(limit);
                long burst = capacity * unit;
                String elapsed = "(" + now + " - " + t + ")";
                String debt = "(CASE WHEN " + elapsed + " >= " + sql.ceilDiv(s, scale) + " THEN 0 ELSE " + s + " - "
                        + elapsed + " * " + scale + " END)";
                String next = "(" + debt + " + " + n + " * " + unit + ")";
                String permitted = next + " <= " + burst;
                String after = "(CASE WHEN " + permitted + " THEN " + next + " ELSE " + debt + " END)";
                String outcome = "CASE WHEN " + permitted + " THEN " + sql.div(burst + " - " + next, Long.toString(unit))
                        + " ELSE -" + sql.ceilDiv(next + " - " + burst, scale) + " END";
                return new Exprs(outcome, sql.div(burst + " - " + after, Long.toString(unit)),
                        sql.ceilDiv(after, scale), after);
            }
            case STEPPED -> {
                long refill = limit.refillPermits();
                String steps = "(" + sql.div(now, Long.toString(period)) + " - " + sql.div(t, Long.toString(period)) + ")";
                String debt = "(CASE WHEN " + steps + " >= " + sql.ceilDiv(s, refill) + " THEN 0 ELSE " + s + " - "
                        + steps + " * " + refill + " END)";
                String next = "(" + debt + " + " + n + ")";
                String permitted = next + " <= " + capacity;
                String after = "(CASE WHEN " + permitted + " THEN " + next + " ELSE " + debt + " END)";
                String elapsed = sql.mod(now, Long.toString(period));
                String outcome = "CASE WHEN " + permitted + " THEN " + capacity + " - " + next + " ELSE -("
                        + sql.ceilDiv(next + " - " + capacity, refill) + " * " + period + " - " + elapsed + ") END";
                String full = "CASE WHEN " + after + " <= 0 THEN 0 ELSE " + sql.ceilDiv(after, refill) + " * " + period
                        + " - " + elapsed + " END";
                return new Exprs(outcome, capacity + " - " + after, full, after);
            }
            default -> {
                String p = Long.toString(period);
                String index = sql.div(now, p);
                String then = sql.div(t, p);
                String previous = "(CASE WHEN " + index + " = " + then + " THEN " + sql.div(s, Long.toString(SLIDING))
                        + " WHEN " + index + " = " + then + " + 1 THEN " + sql.mod(s, Long.toString(SLIDING))
                        + " ELSE 0 END)";
                String current = "(CASE WHEN " + index + " = " + then + " THEN " + sql.mod(s, Long.toString(SLIDING))
                        + " ELSE 0 END)";
                String elapsed = "(" + sql.mod(now, p) + ")";
                String weighted = "(CASE WHEN " + previous + " = 0 THEN 0 ELSE "
                        + sql.mulDiv(previous, p + " - " + elapsed, p, true) + " END)";
                String used = "(" + current + " + " + n + " + " + weighted + ")";
                String permitted = used + " <= " + capacity;
                String spare = "(" + capacity + " - " + current + " - " + n + ")";
                String into = "(CASE WHEN " + current + " = 0 THEN 0 ELSE GREATEST(0, " + p + " - "
                        + sql.mulDiv(capacity + " - " + n, p, current, false) + ") END)";
                String wait = "CASE WHEN " + spare + " >= 0 THEN " + p + " - " + sql.mulDiv(spare, p, previous, false)
                        + " - " + elapsed + " ELSE " + p + " - " + elapsed + " + " + into + " END";
                String outcome = "CASE WHEN " + permitted + " THEN " + capacity + " - " + used + " ELSE -(" + wait
                        + ") END";
                String currentAfter = "(CASE WHEN " + permitted + " THEN " + current + " + " + n + " ELSE " + current
                        + " END)";
                String available = "GREATEST(0, " + capacity + " - " + currentAfter + " - " + weighted + ")";
                String full = "CASE WHEN " + currentAfter + " > 0 THEN " + 2 * period + " - " + elapsed + " WHEN " + previous
                        + " > 0 THEN " + p + " - " + elapsed + " ELSE 0 END";
                return new Exprs(outcome, available, full, previous + " * " + SLIDING + " + " + currentAfter);
            }
        }
    }

    /** The state of a new key holding the limit's initial permits. */
    private static long initialState(RateLimit limit) {
        long owed = limit.capacity() - limit.initialPermits();
        return family(limit) == Family.SCALED ? owed * unit(limit) : owed;
    }

    private static String sameLimit(String row, RateLimit limit) {
        return row + "algorithm = '" + limit.algorithm().name() + "' AND " + row + "capacity = " + limit.capacity()
                + " AND " + row + "refill_permits = " + limit.refillPermits() + " AND " + row + "period_nanos = "
                + limit.periodNanos() + " AND " + row + "initial_permits = " + limit.initialPermits();
    }

    /**
     * The one statement of a decision: an insert of a new key's row decided on its initial state, or, when the key
     * has a row written under the same limit, an update of it decided on its state; both on the database's clock.
     * Parameters: 1 the key, 2 the permits (0 to only look). It returns (or, without {@code returning}, leaves in
     * the row for a read in the same transaction) {@code outcome, available, expires_nanos - updated_nanos}; on
     * PostgreSQL no row when the stored limit differs, on MariaDB an outcome of {@code Long.MIN_VALUE} then.
     *
     * @param dialect   PostgreSQL or MariaDB
     * @param table     the table
     * @param limit     the limit in force
     * @param nowNanos  the SQL of the database's time in nanoseconds since the Unix epoch
     * @param returning whether to append {@code RETURNING} (PostgreSQL; MariaDB 10.5+)
     * @return the statement
     */
    static String upsert(JdbcDialect dialect, String table, RateLimit limit, String nowNanos, boolean returning) {
        boolean postgres = dialect == JdbcDialect.POSTGRESQL;
        Spelling sql = new Spelling(postgres);
        String row = postgres ? "r." : table + ".";
        String cast = postgres ? "BIGINT" : "SIGNED";
        Exprs fresh = exprs(sql, limit, Long.toString(initialState(limit)), "c.now", "c.now", "c.n");
        String insert = "INSERT INTO " + table + (postgres ? " AS r" : "") + " (" + COLUMNS + ")\nSELECT ?, '"
                + limit.algorithm().name() + "', " + limit.capacity() + ", " + limit.refillPermits() + ", "
                + limit.periodNanos() + ", " + limit.initialPermits() + ", c.n,\n  " + fresh.outcome() + ",\n  "
                + fresh.available() + ",\n  c.now + " + fresh.full() + ",\n  " + fresh.state() + ",\n  c.now\nFROM (SELECT "
                + nowNanos + " AS now, CAST(? AS " + cast + ") AS n) c\n";
        String now = postgres ? "GREATEST(EXCLUDED.updated_nanos, r.updated_nanos)"
                : "GREATEST(VALUES(updated_nanos), " + row + "updated_nanos)";
        String n = postgres ? "EXCLUDED.permits" : "VALUES(permits)";
        Exprs old = exprs(sql, limit, row + "state", row + "updated_nanos", now, n);
        String same = sameLimit(row, limit);
        String[][] sets = {
            {"permits", n},
            {"outcome", old.outcome()},
            {"available", old.available()},
            {"expires_nanos", now + " + " + old.full()},
            {"state", old.state()},
            {"updated_nanos", now},
        };
        StringBuilder update = new StringBuilder(postgres ? "ON CONFLICT (limit_key) DO UPDATE SET\n"
                : "ON DUPLICATE KEY UPDATE\n");
        for (int i = 0; i < sets.length; i++) {
            String column = sets[i][0];
            String value = sets[i][1];
            if (!postgres) {
                // no WHERE here: leave the row as it is (but flag the outcome) when its limit is another one
                String otherwise = column.equals("outcome") ? Long.toString(Long.MIN_VALUE) : row + column;
                value = "CASE WHEN " + same + " THEN " + value + " ELSE " + otherwise + " END";
            }
            update.append("  ").append(column).append(" = ").append(value).append(i < sets.length - 1 ? ",\n" : "\n");
        }
        if (postgres) {
            update.append("WHERE ").append(same).append('\n');
        }
        return insert + update + (returning ? "RETURNING outcome, available, expires_nanos - updated_nanos" : "");
    }
}
