package dev.mainstay.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Virtual threads that wait for objects park without pinning their carrier (JDK 21+). */
class PoolVirtualThreadTest {

    @Test
    void waitingVirtualThreadsDoNotPin() throws Exception {
        assumeTrue(Threads.virtualAvailable(), "virtual threads need JDK 21+");
        Path file = Files.createTempFile("mainstay-pool-vt", ".jfr");
        AtomicInteger done = new AtomicInteger();
        Pool<Object> pool = Pool.builder((Lifecycle<Object>) Object::new).name("vt").maxSize(2)
                .borrowTimeout(Duration.ofSeconds(20)).build();
        // load the slow-path classes first: class loading itself may pin (a JDK matter, not the pool's)
        try (Lease<Object> a = pool.borrow(); Lease<Object> b = pool.borrow()) {
            pool.borrow(Duration.ZERO).close();
        } catch (PoolTimeoutException expected) {
            // the slow path ran
        }
        Thread warm = Threads.virtual(() -> pool.borrow().close());
        warm.start();
        warm.join(10_000);
        assertFalse(warm.isAlive(), "the warm-up borrow is stuck");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO);
            // JFR writes an event inside a section that may not unmount, so a commit that meets a contended
            // monitor in JFR's writer pins ("Freeze or preempt failed", seen under load on JDK 25). That is the
            // JDK's writer, not the pool's wait; PoolEventsTest covers the events. Here they stay off.
            for (String event : List.of("BorrowWait", "BorrowTimeout", "Create", "Destroy")) {
                recording.disable("dev.mainstay.pool." + event);
            }
            recording.start();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                Thread thread = Threads.virtual(() -> {
                    for (int k = 0; k < 20; k++) {
                        try (Lease<Object> lease = pool.borrow()) {
                            Thread.sleep(0, 1000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    done.incrementAndGet();
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> pinned = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
                pinned.add(event);
            }
        }
        Files.delete(file);
        assertEquals(500, done.get());
        assertTrue(pool.metrics().waits() > 0, "the threads had to wait");
        assertEquals(0, pinned.size(), () -> "pinned: " + pinned);
        assertTrue(pool.close(Duration.ofSeconds(5)));
    }
}
