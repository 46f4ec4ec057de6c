package dev.mainstay.benchmarks.report;

import java.util.List;
import java.util.Map;

/**
 * Which implementations of each benchmark class are compared, as a ratio, with which. Each class has one
 * implementation parameter ({@code @Param} over ours and the peers); a {@link Pair} names a Mainstay value and a peer
 * value of it that do the same work (the tuned Mainstay pool against Stormpot without expiration, the defaults
 * against the defaults). Values with no pair (the direct call, floors) appear in the tables without a ratio, as do
 * classes missing here.
 */
final class Pairs {

    /** A Mainstay implementation against a peer doing the same work. */
    record Pair(String mainstay, String peer) {

        String label() {
            return name(mainstay) + " ÷ " + name(peer);
        }
    }

    private record Table(String param, List<Pair> pairs) {}

    private static Pair pair(String mainstay, String peer) {
        return new Pair(mainstay, peer);
    }

    private static final List<Pair> RESILIENCE4J_FAILSAFE =
            List.of(pair("mainstay", "resilience4j"), pair("mainstay", "failsafe"));

    private static final Map<String, Table> TABLES = Map.ofEntries(
            Map.entry("PoolBenchmark", new Table("pool", List.of(pair("mainstay", "stormpot"),
                    pair("mainstay", "commons-pool2"), pair("mainstay-defaults", "stormpot-defaults")))),
            Map.entry("DataSourceBenchmark", new Table("pool", List.of(pair("mainstay", "hikaricp")))),
            Map.entry("PoolVirtualThreadsBenchmark", new Table("pool", List.of(pair("mainstay", "stormpot"),
                    pair("mainstay-defaults", "hikaricp")))),
            Map.entry("CircuitBreakerBenchmark", new Table("implementation", RESILIENCE4J_FAILSAFE)),
            Map.entry("RetryBenchmark", new Table("implementation", RESILIENCE4J_FAILSAFE)),
            Map.entry("PipelineBenchmark", new Table("implementation", RESILIENCE4J_FAILSAFE)),
            // Mainstay and Resilience4j share one scheduler; Failsafe uses its own, as mainstay-own does
            Map.entry("TimeoutBenchmark", new Table("implementation", List.of(pair("mainstay", "resilience4j"),
                    pair("mainstay-own", "failsafe")))),
            Map.entry("RateLimiterBenchmark", new Table("impl", List.of(pair("mainstay", "guava"),
                    pair("mainstay", "bucket4j"), pair("mainstay", "resilience4j")))),
            Map.entry("ConcurrencyLimiterBenchmark", new Table("impl", List.of(pair("mainstay", "resilience4j"),
                    pair("mainstay", "netflix")))),
            Map.entry("LockBenchmark", new Table("impl", List.of(pair("mainstay", "reentrantlock")))),
            Map.entry("IdempotencyBenchmark", new Table("impl", List.of(pair("mainstay", "chm")))),
            // ketama placement (MD5) is what spymemcached computes: that pair is like for like
            Map.entry("HashRingBenchmark", new Table("impl", List.of(pair("mainstay", "guava-jump"),
                    pair("mainstay", "treemap"), pair("mainstay-ketama", "spymemcached")))));

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("mainstay", "Mainstay"),
            Map.entry("mainstay-defaults", "Mainstay (defaults)"),
            Map.entry("mainstay-noslow", "Mainstay (slow-call detection off)"),
            Map.entry("mainstay-own", "Mainstay (own scheduler)"),
            Map.entry("mainstay-run", "Mainstay (run decorator)"),
            Map.entry("mainstay-ketama", "Mainstay (ketama)"),
            Map.entry("mainstay-fixedclock", "Mainstay (constant ticker)"),
            Map.entry("stormpot", "Stormpot 4.1"),
            Map.entry("stormpot-defaults", "Stormpot 4.1 (defaults)"),
            Map.entry("commons-pool2", "commons-pool2 2.13"),
            Map.entry("hikaricp", "HikariCP 7.1"),
            Map.entry("resilience4j", "Resilience4j 2.4"),
            Map.entry("failsafe", "Failsafe 3.3.2"),
            Map.entry("guava", "Guava 33.5"),
            Map.entry("bucket4j", "Bucket4j 8.19"),
            Map.entry("netflix", "Netflix concurrency-limits 0.5"),
            Map.entry("reentrantlock", "ReentrantLock"),
            Map.entry("chm", "ConcurrentHashMap"),
            Map.entry("guava-jump", "Guava jump hash"),
            Map.entry("spymemcached", "spymemcached 2.12.3"),
            Map.entry("treemap", "TreeMap ketama ring"),
            Map.entry("direct", "direct call"),
            Map.entry("floor", "floor"),
            Map.entry("floor-1clock", "floor (1 nanoTime)"),
            Map.entry("floor-2clocks", "floor (2 nanoTime)"),
            Map.entry("floor-cas-return", "floor (return by compare-and-set)"),
            Map.entry("floor-store-return", "floor (return by store)"),
            Map.entry("none", "no pool (floor)"));

    private Pairs() {}

    /** The name of the class's implementation parameter, or null when the class is not in the table. */
    static String implementationParam(String type) {
        Table table = TABLES.get(type);
        return table == null ? null : table.param();
    }

    /** The pairs of a benchmark class, in chart order; empty when it has none. */
    static List<Pair> of(String type) {
        Table table = TABLES.get(type);
        return table == null ? List.of() : table.pairs();
    }

    /** The name an implementation value is shown by. */
    static String name(String implementation) {
        return NAMES.getOrDefault(implementation, implementation.isEmpty() ? "(one implementation)" : implementation);
    }

    static boolean isMainstay(String implementation) {
        return implementation.startsWith("mainstay");
    }
}
