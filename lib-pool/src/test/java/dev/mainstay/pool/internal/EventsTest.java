package dev.mainstay.pool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.pool.Lease;
import dev.mainstay.pool.Lifecycle;
import dev.mainstay.pool.Pool;
import dev.mainstay.pool.PoolTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** The pool's JFR events are recorded with their names, category and fields. */
class EventsTest {

    @Test
    void createWaitTimeoutAndDestroyAreRecorded() throws Exception {
        Events.load();
        Path file = Files.createTempFile("mainstay-pool", ".jfr");
        try (Recording recording = new Recording()) {
            for (String name : List.of("BorrowWait", "BorrowTimeout", "Create", "Destroy")) {
                recording.enable("dev.mainstay.pool." + name).withThreshold(Duration.ZERO);
            }
            recording.start();
            Pool<Object> pool = Pool.builder((Lifecycle<Object>) Object::new).name("jfr").maxSize(1).build();
            Lease<Object> lease = pool.borrow();
            assertThrows(PoolTimeoutException.class, () -> pool.borrow(Duration.ZERO));
            lease.close();
            assertTrue(pool.close(Duration.ofSeconds(5)));
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Files.delete(file);
        List<String> names = events.stream().map(e -> e.getEventType().getName()).collect(Collectors.toList());
        assertTrue(names.contains("dev.mainstay.pool.Create"), names.toString());
        assertTrue(names.contains("dev.mainstay.pool.BorrowWait"), names.toString());
        assertTrue(names.contains("dev.mainstay.pool.BorrowTimeout"), names.toString());
        assertTrue(names.contains("dev.mainstay.pool.Destroy"), names.toString());
        RecordedEvent timeout = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.mainstay.pool.BorrowTimeout"))
                .findFirst().orElseThrow();
        assertEquals("jfr", timeout.getString("pool"));
        assertTrue(timeout.getString("diagnosis").contains("1 in use, 0 idle, max 1"));
        assertEquals(List.of("Mainstay", "Pool"), timeout.getEventType().getCategoryNames());
    }
}
