package dev.mainstay.benchmarks.pool;

import dev.mainstay.pool.Lease;
import dev.mainstay.pool.Lifecycle;
import dev.mainstay.pool.Pool;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import stormpot.Allocator;
import stormpot.BasePoolable;
import stormpot.Expiration;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * One claim and one release of a pooled object, with nothing done in between: the pool's own cost. Ten objects,
 * more than the threads (1, 2 and 4: one method each), as in Stormpot's ClaimRelease
 * benchmark: Stormpot 4.1 with {@code Expiration.never()} ({@code stormpot}) and on its defaults
 * ({@code stormpot-defaults}: a time-spread expiration of 8 to 10 minutes); commons-pool2 2.13 with its defaults and
 * ten objects; Mainstay with expiry, idle timeout and validation-on-borrow switched off ({@code mainstay}, the same
 * work as the others do) and on its defaults ({@code mainstay-defaults}: 30 min lifetime, 10 min idle timeout,
 * 500 ms validation window, on a lifecycle that does not validate).
 *
 * <p>Two floors run beside them: {@link FloorCycle}, the least any pool of ten objects can do per borrow and
 * return, once with a return that is a compare-and-set from the claim stamp ({@code floor-cas-return}: what keeps a
 * racing second {@code close()} harmless, as Mainstay's leases do) and once with a return that is a release store
 * ({@code floor-store-return}: Stormpot's shape). A pool that keeps the guarantee cannot beat the first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PoolBenchmark {

    static final int OBJECTS = 10;

    @Param({"mainstay", "mainstay-defaults", "stormpot", "stormpot-defaults", "commons-pool2", "floor-cas-return",
        "floor-store-return"})
    public String pool;

    private Cycle cycle;

    interface Cycle {
        Object claimRelease() throws Exception;

        void close() throws Exception;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        cycle = switch (pool) {
            case "mainstay" -> new MainstayCycle(tuned());
            case "mainstay-defaults" -> new MainstayCycle(Pool.builder((Lifecycle<Thing>) Thing::new).name("bench"));
            case "stormpot" -> new StormpotCycle(Expiration.never());
            case "stormpot-defaults" -> new StormpotCycle(null);
            case "commons-pool2" -> new CommonsCycle();
            case "floor-cas-return" -> new FloorCycle(true);
            case "floor-store-return" -> new FloorCycle(false);
            default -> throw new IllegalArgumentException("unknown pool " + pool);
        };
        for (int i = 0; i < 1000; i++) {
            cycle.claimRelease();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        cycle.close();
    }

    // one method per thread count of the table in docs/pool.md, so that a plain run of this class measures its
    // rows ("benchmarks/run PoolBenchmark"); a -t given on the command line overrides all three

    @Benchmark
    @Threads(1)
    public Object claimRelease1Thread() throws Exception {
        return cycle.claimRelease();
    }

    @Benchmark
    @Threads(2)
    public Object claimRelease2Threads() throws Exception {
        return cycle.claimRelease();
    }

    @Benchmark
    @Threads(4)
    public Object claimRelease4Threads() throws Exception {
        return cycle.claimRelease();
    }

    /** The pooled thing: a plain object, so that only the pool is measured. */
    static final class Thing {}

    /** The tuned shape: lifetime, idle timeout and validation off, the pool filled at once. */
    static Pool.Builder<Thing> tuned() {
        return Pool.builder((Lifecycle<Thing>) Thing::new)
                .name("bench")
                .maxSize(OBJECTS)
                .minIdle(OBJECTS)
                .maxLifetime(Pool.NEVER)
                .idleTimeout(Pool.NEVER)
                .validateAfterIdle(Pool.NEVER)
                .borrowTimeout(Duration.ofSeconds(10));
    }

    static final class MainstayCycle implements Cycle {
        final Pool<Thing> pool;

        /** Fills the pool before measuring (the defaults have {@code minIdle} 0: borrowers fill it). */
        MainstayCycle(Pool.Builder<Thing> builder) throws InterruptedException {
            pool = builder.build();
            List<Lease<Thing>> leases = new ArrayList<>();
            for (int i = 0; i < OBJECTS; i++) {
                leases.add(pool.borrow());
            }
            leases.forEach(Lease::close);
        }

        @Override
        public Object claimRelease() {
            Lease<Thing> lease = pool.borrow();
            Thing thing = lease.get();
            lease.close();
            return thing;
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    static final class StormpotThing extends BasePoolable {
        StormpotThing(Slot slot) {
            super(slot);
        }
    }

    static final class StormpotCycle implements Cycle {
        final stormpot.Pool<StormpotThing> pool;
        final Timeout timeout = new Timeout(10, TimeUnit.SECONDS);

        /** With {@code expiration} null, Stormpot's default (a time-spread expiration of 8 to 10 minutes). */
        StormpotCycle(Expiration<? super StormpotThing> expiration) {
            var builder = stormpot.Pool.from(new Allocator<StormpotThing>() {
                        @Override
                        public StormpotThing allocate(Slot slot) {
                            return new StormpotThing(slot);
                        }

                        @Override
                        public void deallocate(StormpotThing poolable) {}
                    })
                    .setSize(OBJECTS);
            if (expiration != null) {
                builder.setExpiration(expiration);
            }
            pool = builder.build();
        }

        @Override
        public Object claimRelease() throws InterruptedException {
            StormpotThing thing = pool.claim(timeout);
            thing.release();
            return thing;
        }

        @Override
        public void close() throws InterruptedException {
            pool.shutdown().await(timeout);
        }
    }

    static final class CommonsCycle implements Cycle {
        final GenericObjectPool<Thing> pool;

        CommonsCycle() {
            GenericObjectPoolConfig<Thing> config = new GenericObjectPoolConfig<>();
            config.setMaxTotal(OBJECTS);
            config.setMaxIdle(OBJECTS);
            config.setJmxEnabled(false);
            pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
                @Override
                public Thing create() {
                    return new Thing();
                }

                @Override
                public PooledObject<Thing> wrap(Thing thing) {
                    return new DefaultPooledObject<>(thing);
                }
            }, config);
        }

        @Override
        public Object claimRelease() throws Exception {
            Thing thing = pool.borrowObject();
            pool.returnObject(thing);
            return thing;
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    /**
     * The least a pool of {@value #OBJECTS} objects can do per borrow and return, and nothing else: one state word
     * per object, each alone on its cache lines; a thread starts at the word its id names (JMH's threads have
     * consecutive ids, so up to ten threads never meet) and claims it by compare-and-set from an even (idle) word to
     * the odd word after it, which is the claim stamp. The return either compare-and-sets from that stamp to the
     * next even word ({@code casReturn}: a second or a racing return of the same claim finds the word moved on and
     * does nothing) or stores the next even word (a racing second return can then overwrite the next borrower's
     * claim). No lease object, no timeout, no waiting, no hand-off, no accounting.
     */
    static final class FloorCycle implements Cycle {
        private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
        /** Longs per word: 128 bytes apart, so no two words share a cache line or an adjacent-line prefetch. */
        private static final int STRIDE = 16;

        private final long[] words = new long[OBJECTS * STRIDE];
        private final Thing[] things = new Thing[OBJECTS];
        private final boolean casReturn;

        FloorCycle(boolean casReturn) {
            this.casReturn = casReturn;
            for (int i = 0; i < OBJECTS; i++) {
                things[i] = new Thing();
            }
        }

        @Override
        public Object claimRelease() {
            int i = (int) (Thread.currentThread().getId() % OBJECTS);
            for (int tried = 0; tried < OBJECTS; tried++) {
                int at = i * STRIDE;
                long word = (long) WORDS.getVolatile(words, at);
                if ((word & 1) == 0 && WORDS.compareAndSet(words, at, word, word + 1)) {
                    Thing thing = things[i];
                    if (casReturn) {
                        WORDS.compareAndSet(words, at, word + 1, word + 2);
                    } else {
                        WORDS.setRelease(words, at, word + 2);
                    }
                    return thing;
                }
                if (++i == OBJECTS) {
                    i = 0;
                }
            }
            throw new IllegalStateException("more threads than objects");
        }

        @Override
        public void close() {}
    }
}
