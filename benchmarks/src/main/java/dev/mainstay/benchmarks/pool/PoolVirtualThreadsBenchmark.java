package dev.mainstay.benchmarks.pool;

import dev.mainstay.pool.Lease;
import dev.mainstay.pool.Lifecycle;
import dev.mainstay.pool.Pool;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import stormpot.Allocator;
import stormpot.Expiration;
import stormpot.PoolTap;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * 1000 virtual threads share 10 objects; each thread makes {@value #CYCLES} borrow+return cycles. Mainstay's pool,
 * Stormpot 4.1 through its virtual-thread tap ({@code getVirtualThreadSafeTap()}, {@code Expiration.never()}) and
 * HikariCP 7.1 on the stub JDBC driver. Scores are borrow+return cycles per microsecond (all threads together).
 * {@code none} is the floor: the same threads doing nothing, i.e. what starting, running and joining the virtual
 * threads costs; subtract its time per operation from a pool's to get the pool's own cost. {@code floor-cas-return}
 * and {@code floor-store-return} are {@link PoolBenchmark.FloorCycle}'s two floors on these threads: the least a
 * pool can do per cycle with a return by compare-and-set (a racing second return harmless) and by store. JDK 21+.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PoolVirtualThreadsBenchmark {

    static final int THREADS = 1000;
    static final int CYCLES = 100;
    static final int OBJECTS = 10;

    @Param({"mainstay", "mainstay-defaults", "stormpot", "hikaricp", "none", "floor-cas-return",
        "floor-store-return"})
    public String pool;

    private Runnable cycles;
    private AutoCloseable closer;
    private ExecutorService executor;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        executor = Executors.newVirtualThreadPerTaskExecutor();
        switch (pool) {
            case "mainstay", "mainstay-defaults" -> {
                Pool<PoolBenchmark.Thing> mainstay = pool.equals("mainstay")
                        ? Pool.builder((Lifecycle<PoolBenchmark.Thing>) PoolBenchmark.Thing::new)
                                .name("vt").maxSize(OBJECTS).minIdle(OBJECTS)
                                .maxLifetime(Pool.NEVER).idleTimeout(Pool.NEVER).validateAfterIdle(Pool.NEVER)
                                .borrowTimeout(Duration.ofSeconds(30))
                                .build()
                        : Pool.builder((Lifecycle<PoolBenchmark.Thing>) PoolBenchmark.Thing::new)
                                .name("vt").minIdle(OBJECTS).build();
                while (mainstay.metrics().idle() < OBJECTS) {
                    Thread.sleep(1);
                }
                cycles = () -> {
                    for (int i = 0; i < CYCLES; i++) {
                        Lease<PoolBenchmark.Thing> lease = mainstay.borrow();
                        lease.close();
                    }
                };
                closer = mainstay;
            }
            case "stormpot" -> {
                stormpot.Pool<PoolBenchmark.StormpotThing> sp = stormpot.Pool.from(
                                new Allocator<PoolBenchmark.StormpotThing>() {
                                    @Override
                                    public PoolBenchmark.StormpotThing allocate(Slot slot) {
                                        return new PoolBenchmark.StormpotThing(slot);
                                    }

                                    @Override
                                    public void deallocate(PoolBenchmark.StormpotThing poolable) {}
                                })
                        .setSize(OBJECTS).setExpiration(Expiration.never()).build();
                PoolTap<PoolBenchmark.StormpotThing> tap = sp.getVirtualThreadSafeTap();
                Timeout timeout = new Timeout(30, TimeUnit.SECONDS);
                cycles = () -> {
                    try {
                        for (int i = 0; i < CYCLES; i++) {
                            tap.claim(timeout).release();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                };
                closer = () -> sp.shutdown().await(timeout);
            }
            case "hikaricp" -> {
                com.zaxxer.hikari.HikariDataSource hikari = DataSourceBenchmark.hikari();
                DataSource dataSource = hikari;
                cycles = () -> {
                    try {
                        for (int i = 0; i < CYCLES; i++) {
                            Connection connection = dataSource.getConnection();
                            connection.close();
                        }
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                };
                closer = hikari;
            }
            case "floor-cas-return", "floor-store-return" -> {
                PoolBenchmark.FloorCycle floor = new PoolBenchmark.FloorCycle(pool.equals("floor-cas-return"));
                cycles = () -> {
                    for (int i = 0; i < CYCLES; i++) {
                        floor.claimRelease();
                    }
                };
                closer = floor::close;
            }
            case "none" -> {
                cycles = () -> {};
                closer = () -> {};
            }
            default -> throw new IllegalArgumentException("unknown pool " + pool);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        closer.close();
        executor.close();
    }

    @Benchmark
    @OperationsPerInvocation(THREADS * CYCLES)
    public void thousandVirtualThreads() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(THREADS);
        for (int t = 0; t < THREADS; t++) {
            executor.execute(() -> {
                try {
                    cycles.run();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
    }
}
