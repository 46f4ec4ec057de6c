package dev.mainstay.benchmarks.lock;

import dev.mainstay.benchmarks.ratelimit.ClosedLoop;
import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.LockHandle;
import dev.mainstay.lock.LockTimeoutException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisMaster;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.config.Config;
import redis.clients.jedis.ConnectionPoolConfig;

/**
 * Lock cycles per second on a local Redis, side by side in one program, every row from the same clients:
 * <ul>
 *   <li>{@code mainstay/jedis}: {@code RedisLock} bound to a pooled Jedis {@code RedisClient} (32 connections);</li>
 *   <li>{@code mainstay/lettuce}: {@code RedisLock} bound to one shared Lettuce connection;</li>
 *   <li>{@code redisson}: Redisson 3.52's {@code RLock} with its defaults ({@code Config.useSingleServer()} and
 *       nothing else), {@code lock(leaseTime)} + {@code unlock()}, as its docs advise for a lease;</li>
 *   <li>{@code 2 PINGs/<client>}: the floor: two bare round trips on the same client, for each of the three.</li>
 * </ul>
 * Part 1, uncontended: each thread cycles acquire + release on a lock name of its own, at 1 and 16 threads.
 * Part 2, one shared name, 16 threads: each thread waits for the lock ({@code acquire(name, lease, maxWait)} /
 * {@code lock(leaseTime)}), releases it at once and asks again; grants per second, and the fewest grants any one
 * thread got (every thread must be granted at least once). For every row, the commands the server ran per cycle
 * ({@code INFO commandstats} after a {@code CONFIG RESETSTAT}; it also counts the commands a script runs inside), and
 * the server's time per cycle in the commands the clients sent ({@code usec} of {@code EVALSHA}, {@code EVAL},
 * {@code PING}).
 * Leases are 30 s, so none ends during a row.
 *
 * <pre>
 * redis-server --port 6391 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes
 * java -cp benchmarks/target/benchmarks.jar dev.mainstay.benchmarks.lock.RedisLockThroughput \
 *     redis://127.0.0.1:6391 5 3 10
 * </pre>
 * Arguments: the server (loopback), seconds per uncontended row (default 5), rounds (default 1; the medians are
 * printed at the end as Markdown tables), seconds per shared-name row (default 10). {@code -Dimpls=a,b} runs only
 * those rows.
 */
public final class RedisLockThroughput {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String[] OWN = {"mainstay/jedis", "mainstay/lettuce", "redisson",
        "2 PINGs/jedis", "2 PINGs/lettuce", "2 PINGs/redisson"};
    private static final String[] SHARED = {"mainstay/jedis", "mainstay/lettuce", "redisson"};
    private static final int[] THREADS = {1, 16};
    private static final int SHARED_THREADS = 16;
    /** The rows to run: {@code -Dimpls=redisson,2 PINGs/jedis} runs a subset; default all. */
    private static final List<String> IMPLS = List.of(System.getProperty("impls",
            String.join(",", OWN)).split(","));

    private RedisLockThroughput() {}

    /** One measured row: cycles (grants) per second, server commands per cycle, and for a shared name the spread. */
    record Row(double perSecond, double commands, double serverMicros, Map<String, Long> calls, long minGrants,
            long timeouts) {}

    /** The clients every row shares. */
    record Clients(DistributedLock viaJedis, DistributedLock viaLettuce, RedissonClient redisson,
            redis.clients.jedis.RedisClient jedis, RedisCommands<String, String> lettuce, RedisMaster redissonNode) {}

    public static void main(String[] args) throws Exception {
        String uri = args.length > 0 ? args[0] : "redis://127.0.0.1:6391";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int sharedSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        URI parsed = URI.create(uri);
        if (!parsed.getHost().equals("127.0.0.1") && !parsed.getHost().equals("localhost")) {
            throw new IllegalArgumentException("loopback servers only, not " + parsed.getHost());
        }
        RedisClient adminClient = RedisClient.create(uri);
        RedisClient lettuceClient = RedisClient.create(uri);
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(32);
        pool.setMaxIdle(32);
        redis.clients.jedis.RedisClient jedis = redis.clients.jedis.RedisClient.builder()
                .hostAndPort(parsed.getHost(), parsed.getPort()).poolConfig(pool).build();
        Config config = new Config();
        config.useSingleServer().setAddress(uri);
        RedissonClient redisson = Redisson.create(config);
        Map<String, List<Row>> results = new LinkedHashMap<>();
        try (StatefulRedisConnection<String, String> adminConnection = adminClient.connect();
                StatefulRedisConnection<String, String> shared = lettuceClient.connect()) {
            RedisCommands<String, String> admin = adminConnection.sync();
            RedisCommands<String, String> lettuce = shared.sync();
            boolean ours = IMPLS.stream().anyMatch(impl -> impl.startsWith("mainstay"));
            DistributedLock viaJedis = ours ? MainstayBackends.redis(jedis::evalsha, jedis::eval) : null;
            DistributedLock viaLettuce = ours ? MainstayBackends.redis(
                    (sha, keys, argv) -> lettuce.evalsha(sha, ScriptOutputType.MULTI,
                            keys.toArray(new String[0]), argv.toArray(new String[0])),
                    (script, keys, argv) -> lettuce.eval(script, ScriptOutputType.MULTI,
                            keys.toArray(new String[0]), argv.toArray(new String[0]))) : null;
            Clients clients = new Clients(viaJedis, viaLettuce, redisson, jedis, lettuce,
                    redisson.getRedisNodes(RedisNodes.SINGLE).getInstance());
            for (int round = 1; round <= rounds; round++) {
                System.out.printf("%nround %d of %d: %d s per uncontended row, %d s per shared-name row%n", round,
                        rounds, seconds, sharedSeconds);
                System.out.printf("%-18s %7s %7s %12s %12s %10s %10s %9s  %s%n", "impl/client", "names", "threads",
                        "cycles/s", "server cmds", "server us", "min grants", "timeouts",
                        "server commands (INFO commandstats)");
                for (int threads : THREADS) {
                    for (String impl : OWN) {
                        if (!IMPLS.contains(impl)) {
                            continue;
                        }
                        Row row = run(impl, false, threads, seconds, admin, clients);
                        results.computeIfAbsent(impl + "@" + threads, k -> new ArrayList<>()).add(row);
                        print(impl, "own", threads, row);
                    }
                }
                for (String impl : SHARED) {
                    if (!IMPLS.contains(impl)) {
                        continue;
                    }
                    Row row = run(impl, true, SHARED_THREADS, sharedSeconds, admin, clients);
                    results.computeIfAbsent(impl + "@shared", k -> new ArrayList<>()).add(row);
                    print(impl, "one", SHARED_THREADS, row);
                }
            }
            if (ours) {
                viaJedis.close();
                viaLettuce.close();
            }
        } finally {
            redisson.shutdown();
            jedis.close();
            lettuceClient.shutdown();
            adminClient.shutdown();
        }
        summary(results, rounds);
    }

    private static void print(String impl, String names, int threads, Row row) {
        System.out.printf("%-18s %7s %7d %12.0f %12.2f %10.1f %10s %9s  %s%n", impl, names, threads,
                row.perSecond(), row.commands(), row.serverMicros(),
                row.minGrants() < 0 ? "" : Long.toString(row.minGrants()),
                row.minGrants() < 0 ? "" : Long.toString(row.timeouts()), row.calls());
    }

    private static Row run(String impl, boolean sharedName, int threads, int seconds,
            RedisCommands<String, String> admin, Clients clients) throws Exception {
        admin.flushall();
        AtomicInteger ids = new AtomicInteger();
        ThreadLocal<String> ownName = ThreadLocal.withInitial(() -> "bench-" + ids.incrementAndGet());
        List<long[]> grants = new CopyOnWriteArrayList<>();
        ThreadLocal<long[]> mine = ThreadLocal.withInitial(() -> {
            long[] count = new long[1];
            grants.add(count);
            return count;
        });
        LongAdder timeouts = new LongAdder();
        Duration maxWait = Duration.ofSeconds(seconds);
        Runnable cycle = switch (impl) {
            case "mainstay/jedis", "mainstay/lettuce" -> {
                DistributedLock lock = impl.endsWith("jedis") ? clients.viaJedis() : clients.viaLettuce();
                if (sharedName) {
                    yield () -> {
                        long[] count = mine.get();
                        try (LockHandle handle = lock.acquire("shared", LEASE, maxWait)) {
                            count[0]++;
                        } catch (LockTimeoutException e) {
                            timeouts.increment();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    };
                }
                yield () -> {
                    String name = ownName.get();
                    try (LockHandle handle = lock.tryAcquire(name, LEASE).orElseThrow(
                            () -> new IllegalStateException("lock " + name + " is held: nobody else uses it"))) {
                        mine.get()[0]++;
                    }
                };
            }
            case "redisson" -> {
                ThreadLocal<RLock> locks = ThreadLocal.withInitial(
                        () -> clients.redisson().getLock(sharedName ? "shared" : ownName.get()));
                yield () -> {
                    long[] count = mine.get();
                    RLock lock = locks.get();
                    lock.lock(LEASE.toMillis(), TimeUnit.MILLISECONDS);
                    count[0]++;
                    lock.unlock();
                };
            }
            case "2 PINGs/jedis" -> () -> {
                clients.jedis().ping();
                clients.jedis().ping();
            };
            case "2 PINGs/lettuce" -> () -> {
                clients.lettuce().ping();
                clients.lettuce().ping();
            };
            case "2 PINGs/redisson" -> () -> {
                clients.redissonNode().ping();
                clients.redissonNode().ping();
            };
            default -> throw new IllegalArgumentException(impl);
        };
        ClosedLoop.run(threads, 1, cycle); // warm-up: the JIT, the pools' connections, the scripts' cache
        grants.clear(); // the warm-up's threads are gone; the run starts its own
        timeouts.reset();
        admin.configResetstat();
        long start = System.nanoTime();
        long cycles = ClosedLoop.run(threads, seconds, cycle);
        double elapsed = (System.nanoTime() - start) / 1e9;
        String info = admin.info("commandstats");
        Map<String, Long> calls = commandCalls(info, "calls=");
        long commands = calls.values().stream().mapToLong(Long::longValue).sum();
        // the server's time in the commands the clients sent (a script's time includes the commands it runs)
        Map<String, Long> usec = commandCalls(info, "usec=");
        long micros = usec.getOrDefault("evalsha", 0L) + usec.getOrDefault("eval", 0L) + usec.getOrDefault("ping", 0L);
        if (!sharedName) {
            return new Row(cycles / elapsed, (double) commands / cycles, (double) micros / cycles, calls, -1, 0);
        }
        long granted = grants.stream().mapToLong(count -> count[0]).sum();
        long fewest = grants.size() < threads ? 0 : grants.stream().mapToLong(count -> count[0]).min().orElse(0);
        return new Row(granted / elapsed, (double) commands / Math.max(1, granted),
                (double) micros / Math.max(1, granted), calls, fewest, timeouts.sum());
    }

    /** Medians over the rounds, as Markdown tables; each ratio is the median of the rounds' ratios. */
    private static void summary(Map<String, List<Row>> results, int rounds) {
        System.out.printf("%nmedians of %d round(s)%n%n", rounds);
        System.out.println("| threads | implementation (client) | cycles/s | server commands per cycle"
                + " | server µs per cycle | ÷ Redisson | cycle ÷ two PINGs of the same client |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int threads : THREADS) {
            for (String impl : OWN) {
                List<Row> rows = results.get(impl + "@" + threads);
                if (rows == null) {
                    continue;
                }
                String client = impl.substring(impl.indexOf('/') + 1);
                String vsRedisson = impl.startsWith("2 PINGs") ? ""
                        : String.format("%.2fx", ratio(rows, results.get("redisson@" + threads)));
                String vsPings = impl.startsWith("2 PINGs") ? ""
                        : String.format("%.2fx", ratio(results.get("2 PINGs/" + client + "@" + threads), rows));
                System.out.printf("| %d | %s | %.0f | %.2f | %.1f | %s | %s |%n", threads, impl,
                        median(rows, Row::perSecond), median(rows, Row::commands), median(rows, Row::serverMicros),
                        vsRedisson, vsPings);
            }
        }
        for (int threads : THREADS) {
            // a Mainstay cycle is two round trips, so two bare PINGs bound it: the most any ratio to Redisson can be
            System.out.printf("%nceiling at %d thread(s): two Jedis PINGs ÷ Redisson = %.2fx,"
                    + " two Lettuce PINGs ÷ Redisson = %.2fx", threads,
                    ratio(results.get("2 PINGs/jedis@" + threads), results.get("redisson@" + threads)),
                    ratio(results.get("2 PINGs/lettuce@" + threads), results.get("redisson@" + threads)));
        }
        System.out.println();
        System.out.printf("%n| one name, %d threads | grants/s | ÷ Redisson | fewest grants of one thread"
                + " (per round) | timeouts | server commands per grant |%n", SHARED_THREADS);
        System.out.println("|---|---|---|---|---|---|");
        for (String impl : SHARED) {
            List<Row> rows = results.get(impl + "@shared");
            if (rows == null) {
                continue;
            }
            System.out.printf("| %s | %.0f | %.2fx | %s | %s | %.2f |%n", impl, median(rows, Row::perSecond),
                    ratio(rows, results.get("redisson@shared")),
                    rows.stream().map(row -> Long.toString(row.minGrants())).toList(),
                    rows.stream().map(row -> Long.toString(row.timeouts())).toList(),
                    median(rows, Row::commands));
        }
    }

    /** The median over the rounds of {@code a}'s rate divided by {@code b}'s. */
    private static double ratio(List<Row> a, List<Row> b) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            ratios.add(a.get(i).perSecond() / b.get(i).perSecond());
        }
        return median(ratios);
    }

    private static double median(List<Row> rows, ToDoubleFunction<Row> value) {
        return median(rows.stream().map(row -> value.applyAsDouble(row)).toList());
    }

    private static double median(List<Double> list) {
        double[] values = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = values.length / 2;
        return values.length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }

    /** Calls (or usec) per command since the last reset, leaving out this program's own INFO and CONFIG. */
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
