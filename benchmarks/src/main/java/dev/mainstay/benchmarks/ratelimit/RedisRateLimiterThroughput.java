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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Decisions per second on one hot key in a local Redis: {@code RedisRateLimiter} (one {@code EVALSHA} per
 * decision) against Bucket4j 8.19's Lettuce compare-and-swap proxy, both over Lettuce, at 1 and 16 client threads,
 * with the server's own command counts ({@code INFO commandstats}) per decision.
 *
 * <pre>
 * redis-server --port 6390 --save '' --appendonly no &amp;
 * java -cp benchmarks/target/benchmarks.jar dev.mainstay.benchmarks.ratelimit.RedisRateLimiterThroughput redis://127.0.0.1:6390 5
 * </pre>
 */
public final class RedisRateLimiterThroughput {

    private RedisRateLimiterThroughput() {}

    public static void main(String[] args) throws Exception {
        String uri = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> admin = client.connect()) {
            RedisCommands<String, String> redis = admin.sync();
            System.out.printf("%-9s %7s %14s %14s  %s%n", "impl", "threads", "decisions/s", "cmds/decision",
                    "commands (INFO commandstats)");
            for (int threads : new int[] {1, 16}) {
                double ours = run("mainstay", threads, seconds, client, redis);
                double theirs = run("bucket4j", threads, seconds, client, redis);
                System.out.printf("ratio at %d thread(s): mainstay / bucket4j = %.1fx%n", threads, ours / theirs);
            }
        } finally {
            client.shutdown();
        }
    }

    private static double run(String impl, int threads, int seconds, RedisClient client,
            RedisCommands<String, String> admin) throws Exception {
        admin.flushall();
        StatefulRedisConnection<String, String> strings = client.connect();
        StatefulRedisConnection<byte[], byte[]> bytes = client.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE);
        try {
            BooleanSupplier decision = switch (impl) {
                case "mainstay" -> {
                    RedisCommands<String, String> commands = strings.sync();
                    RedisRateLimiter limiter = RedisRateLimiter.builder(RedisScripting.of(
                            (sha, keys, args) -> commands.evalsha(sha, ScriptOutputType.MULTI,
                                    keys.toArray(new String[0]), args.toArray(new String[0])),
                            (script, keys, args) -> commands.eval(script, ScriptOutputType.MULTI,
                                    keys.toArray(new String[0]), args.toArray(new String[0]))),
                            RateLimit.tokenBucket(1_000_000_000L, 1_000_000_000L, Duration.ofSeconds(1))).build();
                    limiter.tryAcquire("hot", 1); // loads the script outside the count
                    yield () -> limiter.tryAcquire("hot", 1);
                }
                case "bucket4j" -> {
                    ProxyManager<byte[]> proxies = LettuceBasedProxyManager.builderFor(bytes).build();
                    BucketProxy bucket = proxies.builder().build("hot".getBytes(StandardCharsets.UTF_8),
                            () -> BucketConfiguration.builder()
                                    .addLimit(limit -> limit.capacity(1_000_000_000L)
                                            .refillGreedy(1_000_000_000L, Duration.ofSeconds(1)))
                                    .build());
                    bucket.tryConsume(1);
                    yield () -> bucket.tryConsume(1);
                }
                default -> throw new IllegalArgumentException(impl);
            };
            admin.configResetstat();
            LongAdder decisions = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(threads);
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread thread = new Thread(() -> {
                    while (!stop.get()) {
                        decision.getAsBoolean();
                        decisions.increment();
                    }
                    done.countDown();
                }, "throughput-" + t);
                thread.setDaemon(true);
                thread.start();
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            done.await();
            double elapsed = (System.nanoTime() - start) / 1e9;
            Map<String, Long> calls = commandCalls(admin.info("commandstats"));
            long commands = calls.values().stream().mapToLong(Long::longValue).sum();
            double perSecond = decisions.sum() / elapsed;
            System.out.printf("%-9s %7d %14.0f %14.2f  %s%n", impl, threads, perSecond,
                    (double) commands / decisions.sum(), calls);
            return perSecond;
        } finally {
            strings.close();
            bytes.close();
        }
    }

    /** Calls per command since the last reset, leaving out this program's own INFO/CONFIG. */
    private static Map<String, Long> commandCalls(String info) {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String command = line.substring("cmdstat_".length(), line.indexOf(':'));
                if (command.equals("info") || command.startsWith("config")) {
                    continue;
                }
                int from = line.indexOf("calls=") + "calls=".length();
                calls.put(command, Long.parseLong(line.substring(from, line.indexOf(',', from))));
            }
        }
        return calls;
    }
}
