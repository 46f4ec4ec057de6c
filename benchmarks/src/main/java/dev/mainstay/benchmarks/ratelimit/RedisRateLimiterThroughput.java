package dev.mainstay.benchmarks.ratelimit;

import dev.mainstay.ratelimit.RateLimit;
import dev.mainstay.ratelimit.redis.RedisRateLimiter;
import dev.mainstay.ratelimit.redis.RedisScripting;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.ConnectionPoolConfig;

/**
 * Decisions per second on one hot key in a local Redis, side by side in one program:
 * <ul>
 *   <li>{@code mainstay/lettuce}: {@code RedisRateLimiter} bound to one shared Lettuce 7.5 connection (one
 *       {@code EVALSHA} per decision);</li>
 *   <li>{@code bucket4j/lettuce}: Bucket4j 8.19's Lettuce compare-and-swap proxy on one shared Lettuce connection
 *       (the same client: this pair is the apples-to-apples comparison);</li>
 *   <li>{@code mainstay/jedis}: {@code RedisRateLimiter} bound to a pooled Jedis 7.4 {@code RedisClient}
 *       (32 connections). Bucket4j 8.19's Jedis proxy is not on Maven Central, so this row has no peer on its
 *       own client.</li>
 * </ul>
 * At 1 and 16 client threads. For each row: the round trips each decision cost the client (counted by the client:
 * a Lettuce {@link CommandListener}, a counting {@link RedisScripting} for Jedis) and the commands the server ran
 * ({@code INFO commandstats}, which also counts the commands a script runs inside). First, the floor: one thread's
 * round trip of {@code GET} and of {@code PING} on each client, and the server's own time per command.
 *
 * <pre>
 * redis-server --port 6390 --save '' --appendonly no --daemonize yes
 * java -cp benchmarks/target/benchmarks.jar dev.mainstay.benchmarks.ratelimit.RedisRateLimiterThroughput redis://127.0.0.1:6390 5 3
 * </pre>
 * Arguments: the server, seconds per row (default 5), rounds (default 1; with several, the medians are printed
 * at the end as a Markdown table).
 */
public final class RedisRateLimiterThroughput {

    private static final String KEY = "hot";
    private static final String[] IMPLS = {"mainstay/lettuce", "bucket4j/lettuce", "mainstay/jedis"};
    private static final int[] THREADS = {1, 16};

    private RedisRateLimiterThroughput() {}

    /** One measured row. */
    record Row(double perSecond, double roundTrips, double serverCommands, double scriptMicros,
            Map<String, Long> calls) {}

    public static void main(String[] args) throws Exception {
        String uri = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        URI parsed = URI.create(uri);
        LongAdder lettuceCommands = new LongAdder();
        RedisClient adminClient = RedisClient.create(uri);
        RedisClient client = RedisClient.create(uri);
        client.addListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                lettuceCommands.increment();
            }
        });
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(32);
        pool.setMaxIdle(32);
        redis.clients.jedis.RedisClient jedis = redis.clients.jedis.RedisClient.builder()
                .hostAndPort(parsed.getHost(), parsed.getPort()).poolConfig(pool).build();
        Map<String, List<Row>> results = new LinkedHashMap<>();
        Map<String, List<Double>> floors = new LinkedHashMap<>();
        try (StatefulRedisConnection<String, String> adminConnection = adminClient.connect();
                StatefulRedisConnection<String, String> strings = client.connect();
                StatefulRedisConnection<byte[], byte[]> bytes = client.connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<String, String> admin = adminConnection.sync();
            for (int round = 1; round <= rounds; round++) {
                System.out.printf("%nround %d of %d, %d s per row%n", round, rounds, seconds);
                floor(admin, strings.sync(), jedis).forEach(
                        (command, micros) -> floors.computeIfAbsent(command, k -> new ArrayList<>()).add(micros));
                System.out.printf("%-17s %7s %12s %12s %12s %10s  %s%n", "impl/client", "threads", "decisions/s",
                        "round trips", "server cmds", "script us", "server commands (INFO commandstats)");
                for (int threads : THREADS) {
                    for (String impl : IMPLS) {
                        Row row = run(impl, threads, seconds, admin, strings, bytes, jedis, lettuceCommands);
                        results.computeIfAbsent(impl + "@" + threads, k -> new ArrayList<>()).add(row);
                        System.out.printf("%-17s %7d %12.0f %12.2f %12.2f %10.1f  %s%n", impl, threads,
                                row.perSecond(), row.roundTrips(), row.serverCommands(), row.scriptMicros(),
                                row.calls());
                    }
                    System.out.printf("ratio at %d thread(s), same client (Lettuce): mainstay / bucket4j = %.2fx%n",
                            threads, results.get("mainstay/lettuce@" + threads).get(round - 1).perSecond()
                                    / results.get("bucket4j/lettuce@" + threads).get(round - 1).perSecond());
                }
            }
        } finally {
            jedis.close();
            client.shutdown();
            adminClient.shutdown();
        }
        summary(results, floors, rounds);
    }

    /** One thread's round trip of a few commands on each client (1 s each), and the server's time per command. */
    private static Map<String, Double> floor(RedisCommands<String, String> admin,
            RedisCommands<String, String> lettuce, redis.clients.jedis.RedisClient jedis) {
        admin.flushall();
        admin.set(KEY, "x");
        System.out.println("floor: one thread, one command at a time (1 s each)");
        Map<String, Double> result = new LinkedHashMap<>();
        Map<String, Runnable> commands = new LinkedHashMap<>();
        commands.put("lettuce GET", () -> lettuce.get(KEY));
        commands.put("lettuce PING", lettuce::ping);
        String trivial = admin.scriptLoad("return {1, 2, 3, 4}");
        String script;
        try (java.io.InputStream in = RedisRateLimiter.class.getResourceAsStream("ratelimit.lua")) {
            script = admin.scriptLoad(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // the arguments the limiter sends for the benchmark's limit, on another key
        String[] keys = {"rl:{floor}"};
        String[] argv = {"1", "1000000000", "1000000000", "1000000", "1000000000", "1", "1", "1000"};
        commands.put("lettuce EVALSHA return {1,2,3,4}",
                () -> lettuce.evalsha(trivial, ScriptOutputType.MULTI, keys, argv));
        commands.put("lettuce EVALSHA limiter script",
                () -> lettuce.evalsha(script, ScriptOutputType.MULTI, keys, argv));
        commands.put("jedis GET", () -> jedis.get(KEY));
        commands.put("jedis PING", jedis::ping);
        commands.put("jedis EVALSHA return {1,2,3,4}", () -> jedis.evalsha(trivial, List.of(keys), List.of(argv)));
        commands.put("jedis EVALSHA limiter script", () -> jedis.evalsha(script, List.of(keys), List.of(argv)));
        for (Map.Entry<String, Runnable> command : commands.entrySet()) {
            for (int i = 0; i < 2_000; i++) {
                command.getValue().run(); // warm-up
            }
            admin.configResetstat();
            long count = 0;
            long start = System.nanoTime();
            long end = start + 1_000_000_000L;
            long now;
            do {
                command.getValue().run();
                count++;
                now = System.nanoTime();
            } while (now < end);
            double micros = (now - start) / 1e3 / count;
            Map<String, Long> calls = commandCalls(admin.info("commandstats"), "calls=");
            Map<String, Long> usec = commandCalls(admin.info("commandstats"), "usec=");
            String top = command.getKey().split(" ")[1].toLowerCase(java.util.Locale.ROOT);
            System.out.printf("  %-32s %7.1f us per round trip (%.0f/s), server %.1f us per %s%n", command.getKey(),
                    micros, 1e6 / micros, (double) usec.getOrDefault(top, 0L) / calls.getOrDefault(top, 1L), top);
            result.put(command.getKey(), micros);
        }
        admin.del(KEY);
        return result;
    }

    private static Row run(String impl, int threads, int seconds, RedisCommands<String, String> admin,
            StatefulRedisConnection<String, String> strings, StatefulRedisConnection<byte[], byte[]> bytes,
            redis.clients.jedis.RedisClient jedis, LongAdder lettuceCommands) throws Exception {
        admin.flushall();
        LongAdder jedisCommands = new LongAdder();
        RateLimit limit = RateLimit.tokenBucket(1_000_000_000L, 1_000_000_000L, Duration.ofSeconds(1));
        BooleanSupplier decision = switch (impl) {
            case "mainstay/lettuce" -> {
                RedisCommands<String, String> commands = strings.sync();
                RedisRateLimiter limiter = RedisRateLimiter.builder(RedisScripting.of(
                        (sha, keys, args) -> commands.evalsha(sha, ScriptOutputType.MULTI,
                                keys.toArray(new String[0]), args.toArray(new String[0])),
                        (script, keys, args) -> commands.eval(script, ScriptOutputType.MULTI,
                                keys.toArray(new String[0]), args.toArray(new String[0]))),
                        limit).build();
                yield () -> limiter.tryAcquire(KEY, 1);
            }
            case "mainstay/jedis" -> {
                RedisRateLimiter limiter = RedisRateLimiter.builder(RedisScripting.of(
                        (sha, keys, args) -> {
                            jedisCommands.increment();
                            return jedis.evalsha(sha, keys, args);
                        },
                        (script, keys, args) -> {
                            jedisCommands.increment();
                            return jedis.eval(script, keys, args);
                        }), limit).build();
                yield () -> limiter.tryAcquire(KEY, 1);
            }
            case "bucket4j/lettuce" -> {
                ProxyManager<byte[]> proxies = LettuceBasedProxyManager.builderFor(bytes).build();
                BucketProxy bucket = proxies.builder().build(KEY.getBytes(StandardCharsets.UTF_8),
                        () -> BucketConfiguration.builder()
                                .addLimit(l -> l.capacity(1_000_000_000L)
                                        .refillGreedy(1_000_000_000L, Duration.ofSeconds(1)))
                                .build());
                yield () -> bucket.tryConsume(1);
            }
            default -> throw new IllegalArgumentException(impl);
        };
        for (int i = 0; i < 2_000; i++) {
            decision.getAsBoolean(); // warm-up; loads the script outside the count
        }
        admin.configResetstat();
        lettuceCommands.reset();
        jedisCommands.reset();
        long start = System.nanoTime();
        long n = ClosedLoop.run(threads, seconds, decision::getAsBoolean);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long sent = impl.endsWith("jedis") ? jedisCommands.sum() : lettuceCommands.sum();
        String info = admin.info("commandstats");
        Map<String, Long> calls = commandCalls(info, "calls=");
        Map<String, Long> micros = commandCalls(info, "usec=");
        long commands = calls.values().stream().mapToLong(Long::longValue).sum();
        long scripts = calls.getOrDefault("evalsha", 0L) + calls.getOrDefault("eval", 0L);
        double scriptMicros = scripts == 0 ? 0
                : (double) (micros.getOrDefault("evalsha", 0L) + micros.getOrDefault("eval", 0L)) / scripts;
        return new Row(n / elapsed, (double) sent / n, (double) commands / n, scriptMicros, calls);
    }

    /** Medians over the rounds, as a Markdown table. */
    private static void summary(Map<String, List<Row>> results, Map<String, List<Double>> floors, int rounds) {
        // the ratio is the median of each round's ratio: the rows of one round ran minutes apart at most
        System.out.printf("%nmedians of %d round(s)%n", rounds);
        System.out.println("| one thread, one command at a time | µs per round trip |");
        System.out.println("|---|---|");
        floors.forEach((command, micros) -> System.out.printf("| %s | %.1f |%n", command,
                median(micros)));
        double bucket4jMicros = 1e6 / median(results.get("bucket4j/lettuce@1"), Row::perSecond);
        double getMicros = median(floors.get("lettuce GET"));
        System.out.printf("%nBucket4j on Lettuce, one thread: %.1f us per decision = %.1f Lettuce GET round trips;"
                + " one round trip per decision can be at most %.2fx as fast%n%n", bucket4jMicros,
                bucket4jMicros / getMicros, bucket4jMicros / getMicros);
        System.out.println("| client threads | implementation (client) | decisions/s | round trips per decision"
                + " | server commands per decision | server µs per script call | ratio to Bucket4j on Lettuce"
                + " (median of the rounds' ratios) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int threads : THREADS) {
            List<Row> bucket4j = results.get("bucket4j/lettuce@" + threads);
            for (String impl : IMPLS) {
                List<Row> rows = results.get(impl + "@" + threads);
                double perSecond = median(rows, Row::perSecond);
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    ratios.add(rows.get(i).perSecond() / bucket4j.get(i).perSecond());
                }
                System.out.printf("| %d | %s | %.0f | %.2f | %.2f | %.1f | %.2fx |%n", threads, impl, perSecond,
                        median(rows, Row::roundTrips), median(rows, Row::serverCommands),
                        median(rows, Row::scriptMicros), median(ratios));
            }
        }
    }

    private static double median(List<Row> rows, java.util.function.ToDoubleFunction<Row> value) {
        return median(rows.stream().map(row -> value.applyAsDouble(row)).toList());
    }

    private static double median(List<Double> list) {
        double[] values = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = values.length / 2;
        return values.length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }

    /** Calls (or usec) per command since the last reset, leaving out this program's own INFO/CONFIG. */
    private static Map<String, Long> commandCalls(String info, String field) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String command = line.substring("cmdstat_".length(), line.indexOf(':'));
                if (command.equals("info") || command.startsWith("config")) {
                    continue;
                }
                int from = line.indexOf(field) + field.length();
                calls.put(command, Long.parseLong(line.substring(from, line.indexOf(',', from))));
            }
        }
        return calls;
    }
}
