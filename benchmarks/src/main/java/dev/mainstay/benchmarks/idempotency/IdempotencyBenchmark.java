package dev.mainstay.benchmarks.idempotency;

import dev.mainstay.idempotency.Fingerprint;
import dev.mainstay.idempotency.Idempotency;
import dev.mainstay.idempotency.IdempotencyResult;
import dev.mainstay.idempotency.InMemoryIdempotencyStore;
import dev.mainstay.idempotency.StoredResponse;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The in-process cost of idempotency: the in-memory store through the executor against the least a map can do.
 * <ul>
 *   <li>{@code replay}: a retry of a completed key (one of 1024), against {@code ConcurrentHashMap.get};</li>
 *   <li>{@code firstExecution}: a new key executed and stored, against {@code ConcurrentHashMap.computeIfAbsent}
 *       of a new key. Keys are made the same way in both ({@code Long.toString} of a per-thread counter), and both
 *       maps are emptied before each iteration.</li>
 * </ul>
 * The {@code floor} rows are what is physically reachable: the map operation plus the one clock read a store with
 * expiry needs (and, for a first execution, the second map update that stores the response).
 * The stored response is one shared object, so B/op is the executor's and the store's own allocation.
 *
 * <pre>
 * flock /tmp/mainstay-jmh.lock benchmarks/run IdempotencyBenchmark -t 1 -prof gc
 * flock /tmp/mainstay-jmh.lock benchmarks/run IdempotencyBenchmark -t 2 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IdempotencyBenchmark {

    /**
     * The implementation under test: {@code mainstay}; {@code chm}, the bare map operation of the target;
     * {@code floor}, the least an expiring record store can do: the map operation plus one {@code System.nanoTime()}
     * (a replay must judge expiry), and for a first execution two atomic map updates (claim, complete) and one clock
     * read.
     */
    @Param({"mainstay", "chm", "floor"})
    public String impl;

    private static final int COMPLETED = 1024;
    private static final String SCOPE = "user:42";
    private static final Fingerprint FINGERPRINT = Fingerprint.sha256("{\"amount\":10}");
    private static final StoredResponse RESPONSE = StoredResponse.ofText("{\"payment\":7}");
    private static final Idempotency.Action ACTION = claim -> RESPONSE;
    private static final Function<String, StoredResponse> COMPUTE = k -> RESPONSE;
    private static final StoredResponse CLAIMED = StoredResponse.ofText("claimed");
    private static final Function<String, StoredResponse> CLAIM = k -> CLAIMED;
    private static final long DEADLINE = System.nanoTime() + TimeUnit.DAYS.toNanos(1);

    private final AtomicInteger threads = new AtomicInteger();
    private final String[] completedKeys = new String[COMPLETED];
    private Idempotency idempotency;
    private ConcurrentHashMap<String, StoredResponse> map;

    /** A thread's key counter. */
    @State(Scope.Thread)
    public static class Keys {
        long next;
        int replay;

        @Setup
        public void setUp(IdempotencyBenchmark benchmark) {
            next = (long) benchmark.threads.incrementAndGet() << 40;
        }
    }

    @Setup(Level.Iteration)
    public void setUp() throws Exception {
        idempotency = Idempotency.builder(InMemoryIdempotencyStore.builder().maximumRecords(Integer.MAX_VALUE)
                .build()).build();
        map = new ConcurrentHashMap<>();
        for (int i = 0; i < COMPLETED; i++) {
            completedKeys[i] = "0190b7d2-7f3a-7a2c-9e41-" + String.format("%012d", i);
            idempotency.execute(SCOPE, completedKeys[i], FINGERPRINT, ACTION);
            map.put(completedKeys[i], RESPONSE);
        }
    }

    @Benchmark
    public Object replay(Keys keys) throws Exception {
        String key = completedKeys[keys.replay++ & (COMPLETED - 1)];
        if (impl.equals("chm")) {
            return map.get(key);
        }
        if (impl.equals("floor")) {
            StoredResponse found = map.get(key);
            return found != null && DEADLINE - System.nanoTime() > 0 ? found : null;
        }
        IdempotencyResult result = idempotency.execute(SCOPE, key, FINGERPRINT, ACTION);
        return result.response();
    }

    @Benchmark
    public Object firstExecution(Keys keys) throws Exception {
        String key = Long.toString(keys.next++);
        if (impl.equals("chm")) {
            return map.computeIfAbsent(key, COMPUTE);
        }
        if (impl.equals("floor")) {
            StoredResponse claimed = map.computeIfAbsent(key, CLAIM);
            return claimed == CLAIMED && DEADLINE - System.nanoTime() > 0 && map.replace(key, CLAIMED, RESPONSE)
                    ? RESPONSE : null;
        }
        return idempotency.execute(SCOPE, key, FINGERPRINT, ACTION).response();
    }
}
