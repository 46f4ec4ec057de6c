package dev.mainstay.benchmarks.hashring;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One lookup on a ring of 10, 100 or 1000 nodes with 160 points each (jump hash has no points), by a pre-hashed
 * 64-bit key, by a byte-array key and by a string key ({@code user:} and up to 16 digits), cycling over 4096 random
 * keys.
 *
 * <ul>
 *   <li>{@code mainstay}: {@code HashRing}, standard placement (XXH64).</li>
 *   <li>{@code mainstay-ketama}: {@code HashRing} in ketama placement (MD5), checked in setup to agree with
 *       spymemcached on every benchmark key.</li>
 *   <li>{@code guava-jump}: Guava 33.5 {@code Hashing.consistentHash} (jump hash), keys hashed with
 *       {@code murmur3_128}.</li>
 *   <li>{@code spymemcached}: spymemcached 2.12.3 {@code KetamaNodeLocator} ({@code TreeMap}); by long through its
 *       package-private {@code getNodeForKey(long)}.</li>
 *   <li>{@code treemap}: a faithful ketama ring on {@code TreeMap<Long, String>}.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HashRingBenchmark {

    private static final int KEYS = 4096;

    @Param({"mainstay", "mainstay-ketama", "guava-jump", "spymemcached", "treemap"})
    public String impl;

    @Param({"10", "100", "1000"})
    public int nodes;

    private Locators.Locator locator;
    private final long[] hashes = new long[KEYS];
    private final byte[][] bytes = new byte[KEYS][];
    private final String[] strings = new String[KEYS];
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(2014);
        for (int i = 0; i < KEYS; i++) {
            hashes[i] = random.nextLong();
            strings[i] = "user:" + random.nextLong(1_000_000_000_000L, Long.MAX_VALUE) % 10_000_000_000_000_000L;
            bytes[i] = strings[i].getBytes(StandardCharsets.UTF_8);
        }
        locator = Locators.create(impl, nodes);
        if (impl.equals("mainstay-ketama")) {
            KetamaCrossCheck.requireAgreement(nodes, strings);
        }
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (KEYS - 1);
        return i;
    }

    @Benchmark
    public Object byLong() {
        return locator.byLong(hashes[nextIndex()]);
    }

    @Benchmark
    public Object byBytes() {
        return locator.byBytes(bytes[nextIndex()]);
    }

    @Benchmark
    public Object byString() {
        return locator.byString(strings[nextIndex()]);
    }
}
