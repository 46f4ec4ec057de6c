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

    /** The columns of PostgreSQL's insert (and of the transactional path). */
    static final String COLUMNS = "limit_key, algorithm, capacity, refill_permits, period_nanos, initial_permits,"
            + " permits, outcome, available, expires_nanos, state, updated_nanos";

    /** The columns of MariaDB's insert, in the order its values use one another. */
    static final String MARIADB_COLUMNS = "limit_key, algorithm, capacity, refill_permits, period_nanos,"
            + " initial_permits, permits, updated_nanos, outcome, state, expires_nanos, available";

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
            if (b.equals("1")) {
                return "(" + a + ")";
            }
            return postgres ? "(" + a + ") / " + b : "(" + a + ") DIV " + b;
        }

        String mod(String a, String b) {
            return "(" + a + ") % " + b;
        }

        String ceilDiv(String a, long b) {
            if (b == 1) {
                return "(" + a + ")";
            }
            return "(" + div(a, Long.toString(b)) + " + CASE WHEN " + mod(a, Long.toString(b))
                    + " > 0 THEN 1 ELSE 0 END)";
        }

        /** {@code floor(a * b / c)} or its ceiling, exact for non-negative operands whose product passes 2^63. */
        String mulDiv(String a, String b, String c, boolean ceil) {
            String wide = postgres ? "CAST(" + a + " AS NUMERIC)" : "CAST(" + a + " AS DECIMAL(65,0))";
            String product = wide + " * (" + b + ")" + (ceil ? " + (" + c + " - 1)" : "");
            return postgres ? "CAST(div(" + product + ", " + c + ") AS BIGINT)" : "((" + product + ") DIV (" + c + "))";
        }
    }

    /**
     * One algorithm family's arithmetic as SQL over named inputs: {@code x} the state at {@code now} before the
     * decision, {@code a} the state after it, {@code o} the outcome, {@code n} the permits.
     */
    private record Algebra(Spelling sql, RateLimit limit, Family family) {

        Algebra(Spelling sql, RateLimit limit) {
            this(sql, limit, SqlDecision.family(limit));
        }

        private String cap() {
            return Long.toString(limit.capacity());
        }

        private String period() {
            return Long.toString(limit.periodNanos());
        }

        /** The state {@code s} written at {@code t}, brought to {@code now = GREATEST(clock, t)}. */
        String norm(String s, String t, String clock) {
            String now = "GREATEST(" + clock + ", " + t + ")";
            switch (family) {
                case SCALED -> {
                    long scale = scale(limit);
                    // LEAST caps the product at s + scale: nothing overflows after a long idle time
                    return "GREATEST(0, " + s + " - LEAST(GREATEST(" + clock + " - " + t + ", 0), "
                            + sql.div(s, Long.toString(scale)) + " + 1) * " + scale + ")";
                }
                case STEPPED -> {
                    long refill = limit.refillPermits();
                    String steps = "(" + sql.div(now, period()) + " - " + sql.div(t, period()) + ")";
                    return "GREATEST(0, " + s + " - LEAST(" + steps + ", " + sql.div(s, Long.toString(refill))
                            + " + 1) * " + refill + ")";
                }
                default -> {
                    String index = sql.div(now, period());
                    String then = sql.div(t, period());
                    return "CASE WHEN " + index + " = " + then + " THEN " + s + " WHEN " + index + " = " + then
                            + " + 1 THEN " + sql.mod(s, Long.toString(SLIDING)) + " * " + SLIDING + " ELSE 0 END";
                }
            }
        }

        private String weighted(String previous, String elapsed) {
            return "CASE WHEN " + previous + " = 0 THEN 0 ELSE "
                    + sql.mulDiv(previous, period() + " - " + elapsed, period(), true) + " END";
        }

        /** Permits left ({@code >= 0}) when permitted, else {@code -nanos to wait}. */
        String outcome(String x, String now, String n) {
            long capacity = limit.capacity();
            switch (family) {
                case SCALED -> {
                    long unit = unit(limit);
                    long burst = capacity * unit;
                    String next = "(" + x + " + " + n + " * " + unit + ")";
                    return "CASE WHEN " + next + " <= " + burst + " THEN "
                            + sql.div(burst + " - " + next, Long.toString(unit)) + " ELSE -"
                            + sql.ceilDiv(next + " - " + burst, scale(limit)) + " END";
                }
                case STEPPED -> {
                    String next = "(" + x + " + " + n + ")";
                    return "CASE WHEN " + next + " <= " + capacity + " THEN " + capacity + " - " + next + " ELSE -("
                            + sql.ceilDiv(next + " - " + capacity, limit.refillPermits()) + " * " + period() + " - "
                            + sql.mod(now, period()) + ") END";
                }
                default -> {
                    String previous = sql.div(x, Long.toString(SLIDING));
                    String current = "(" + sql.mod(x, Long.toString(SLIDING)) + ")";
                    String elapsed = "(" + sql.mod(now, period()) + ")";
                    String used = "(" + current + " + " + n + " + " + weighted(previous, elapsed) + ")";
                    String spare = "(" + capacity + " - " + current + " - " + n + ")";
                    String into = "CASE WHEN " + current + " = 0 THEN 0 ELSE GREATEST(0, " + period() + " - "
                            + sql.mulDiv(capacity + " - " + n, period(), current, false) + ") END";
                    String wait = "CASE WHEN " + spare + " >= 0 THEN " + period() + " - "
                            + sql.mulDiv(spare, period(), previous, false) + " - " + elapsed + " ELSE " + period()
                            + " - " + elapsed + " + " + into + " END";
                    return "CASE WHEN " + used + " <= " + capacity + " THEN " + capacity + " - " + used + " ELSE -("
                            + wait + ") END";
                }
            }
        }

        /** The state after the decision whose outcome is {@code o}. */
        String after(String x, String o, String n) {
            String cost = family == Family.SCALED ? n + " * " + unit(limit) : n;
            return x + " + CASE WHEN " + o + " >= 0 THEN " + cost + " ELSE 0 END";
        }

        /** Permits available in state {@code a} at {@code now}. */
        String available(String a, String now) {
            return switch (family) {
                case SCALED -> sql.div(limit.capacity() * unit(limit) + " - " + a, Long.toString(unit(limit)));
                case STEPPED -> cap() + " - " + a;
                case SLIDING -> "GREATEST(0, " + cap() + " - " + sql.mod(a, Long.toString(SLIDING)) + " - ("
                        + weighted(sql.div(a, Long.toString(SLIDING)), "(" + sql.mod(now, period()) + ")") + "))";
            };
        }

        /** Nanoseconds from {@code now} until state {@code a} is full again. */
        String full(String a, String now) {
            return switch (family) {
                case SCALED -> sql.ceilDiv(a, scale(limit));
                case STEPPED -> "CASE WHEN " + a + " <= 0 THEN 0 ELSE " + sql.ceilDiv(a, limit.refillPermits()) + " * "
                        + period() + " - " + sql.mod(now, period()) + " END";
                case SLIDING -> "CASE WHEN " + sql.mod(a, Long.toString(SLIDING)) + " > 0 THEN "
                        + 2 * limit.periodNanos() + " - " + sql.mod(now, period()) + " WHEN "
                        + sql.div(a, Long.toString(SLIDING)) + " > 0 THEN " + period() + " - "
                        + sql.mod(now, period()) + " ELSE 0 END";
            };
        }

        /**
         * A query of one row {@code now, n, o, a} deciding on state {@code x} (all SQL over {@code from}'s columns).
         */
        String decided(String now, String n, String x, String from) {
            String b = "SELECT " + now + " AS now, " + n + " AS n, " + x + " AS x" + from;
            String c = "SELECT b.now, b.n, b.x, " + outcome("b.x", "b.now", "b.n") + " AS o FROM (" + b + ") b";
            return "SELECT c.now, c.n, c.o, " + after("c.x", "c.o", "c.n") + " AS a FROM (" + c + ") c";
        }
    }

    /** The state of a new key holding the limit's initial permits. */
    private static long initialState(RateLimit limit) {
        long owed = limit.capacity() - limit.initialPermits();
        return family(limit) == Family.SCALED ? owed * unit(limit) : owed;
    }

    private static String sameLimit(String row, RateLimit limit) {
        return "(" + row + "algorithm, " + row + "capacity, " + row + "refill_permits, " + row + "period_nanos, " + row
                + "initial_permits) = ('" + limit.algorithm().name() + "', " + limit.capacity() + ", "
                + limit.refillPermits() + ", " + limit.periodNanos() + ", " + limit.initialPermits() + ")";
    }

    /**
     * The one statement of a decision: an insert of a new key's row decided on its initial state, or, when the key
     * has a row written under the same limit, an update of it decided on its state; both on the database's clock.
     * Parameters: 1 the key, 2 the permits (0 to only look). It returns (or, without {@code returning}, leaves in
     * the row for a read in the same transaction) {@code outcome, available, expires_nanos - updated_nanos}; on
     * PostgreSQL no row when the stored limit differs, on MariaDB an outcome of {@code Long.MIN_VALUE} then.
     *
     * <p>On PostgreSQL the update is a sub-select over the old row. MariaDB and MySQL assign the columns of
     * {@code ON DUPLICATE KEY UPDATE} from left to right, each assignment seeing the ones before it: the statement
     * uses that order (and on MariaDB pins {@code sql_mode} so that {@code SIMULTANEOUS_ASSIGNMENT} cannot change it).
     *
     * @param dialect   PostgreSQL or MariaDB
     * @param table     the table
     * @param limit     the limit in force
     * @param nowNanos  the SQL of the database's time in nanoseconds since the Unix epoch
     * @param returning whether this is MariaDB's (or PostgreSQL's) form with {@code RETURNING}, or MySQL's without
     * @return the statement
     */
    static String upsert(JdbcDialect dialect, String table, RateLimit limit, String nowNanos, boolean returning) {
        boolean postgres = dialect == JdbcDialect.POSTGRESQL;
        Algebra sql = new Algebra(new Spelling(postgres), limit);
        StringBuilder text = new StringBuilder();
        if (postgres) {
            String fresh = sql.decided("a.now", "a.n", Long.toString(initialState(limit)),
                    " FROM (SELECT " + nowNanos + " AS now, CAST(? AS BIGINT) AS n) a");
            text.append("INSERT INTO ").append(table).append(" AS r (").append(COLUMNS).append(")\nSELECT ?, '")
                    .append(limit.algorithm().name()).append("', ").append(limit.capacity()).append(", ")
                    .append(limit.refillPermits()).append(", ").append(limit.periodNanos()).append(", ")
                    .append(limit.initialPermits()).append(", d.n, d.o, ").append(sql.available("d.a", "d.now"))
                    .append(",\n  d.now + ").append(sql.full("d.a", "d.now")).append(", d.a, d.now\nFROM (")
                    .append(fresh).append(") d\n");
        } else {
            // a value may use the columns set before it in the same row: the new row is decided in that order
            if (returning) {
                text.append("SET STATEMENT sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO',"
                        + " time_zone = '+00:00' FOR\n");
            }
            String x = Long.toString(initialState(limit));
            text.append("INSERT INTO ").append(table).append(" (").append(MARIADB_COLUMNS).append(")\nVALUES (?, '")
                    .append(limit.algorithm().name()).append("', ").append(limit.capacity()).append(", ")
                    .append(limit.refillPermits()).append(", ").append(limit.periodNanos()).append(", ")
                    .append(limit.initialPermits()).append(", CAST(? AS SIGNED), ").append(nowNanos).append(",\n  ")
                    .append(sql.outcome(x, "updated_nanos", "permits")).append(",\n  ")
                    .append(sql.after(x, "outcome", "permits")).append(",\n  updated_nanos + ")
                    .append(sql.full("state", "updated_nanos")).append(",\n  ")
                    .append(sql.available("state", "updated_nanos")).append(")\n");
        }
        String same = sameLimit(postgres ? "r." : "", limit);
        if (postgres) {
            String old = sql.decided("GREATEST(EXCLUDED.updated_nanos, r.updated_nanos)", "EXCLUDED.permits",
                    sql.norm("r.state", "r.updated_nanos", "EXCLUDED.updated_nanos"), "");
            text.append("ON CONFLICT (limit_key) DO UPDATE SET\n  (permits, outcome, available, expires_nanos, state,"
                    + " updated_nanos) = (SELECT d.n, d.o, ").append(sql.available("d.a", "d.now"))
                    .append(",\n  d.now + ").append(sql.full("d.a", "d.now")).append(", d.a, d.now FROM (")
                    .append(old).append(") d)\nWHERE ").append(same).append('\n');
        } else {
            String now = "GREATEST(VALUES(updated_nanos), updated_nanos)";
            String norm = sql.norm("state", "updated_nanos", "VALUES(updated_nanos)");
            String[][] sets = {
                {"permits", "VALUES(permits)"},
                {"outcome", sql.outcome(norm, now, "permits")},
                {"state", sql.after(norm, "outcome", "permits")},
                {"updated_nanos", now},
                {"expires_nanos", "updated_nanos + " + sql.full("state", "updated_nanos")},
                {"available", sql.available("state", "updated_nanos")},
            };
            text.append("ON DUPLICATE KEY UPDATE\n");
            for (int i = 0; i < sets.length; i++) {
                String column = sets[i][0];
                // no WHERE here: leave the row as it is (but flag the outcome) when its limit is another one
                String otherwise = column.equals("outcome") ? Long.toString(Long.MIN_VALUE) : column;
                text.append("  ").append(column).append(" = CASE WHEN ").append(same).append(" THEN ")
                        .append(sets[i][1]).append(" ELSE ").append(otherwise).append(" END")
                        .append(i < sets.length - 1 ? ",\n" : "\n");
            }
        }
        if (returning) {
            text.append("RETURNING outcome, available, expires_nanos - updated_nanos");
        }
        return text.toString();
    }
}
