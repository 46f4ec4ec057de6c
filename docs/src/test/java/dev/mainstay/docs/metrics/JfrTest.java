package dev.mainstay.docs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.pool.Lease;
import dev.mainstay.pool.Lifecycle;
import dev.mainstay.pool.Pool;
import dev.mainstay.retry.CircuitBreaker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JFR part of the metrics guide: the live stream prints, and the guide's {@code jfr print} command reads a file. */
class JfrTest {

    /**
     * A pool loads its JFR event classes in the background when it is built and skips its events until then (see
     * {@code dev.mainstay.pool.internal.Events}); wait, boundedly, until a recording sees a pool wait, so that the
     * tests below see theirs.
     */
    @BeforeAll
    static void jfrIsSetUp(@TempDir Path dir) throws Exception {
        for (int round = 0; round < 50; round++) {
            Path file = dir.resolve("warm-" + round + ".jfr");
            try (Recording recording = new Recording()) {
                recording.enable("dev.mainstay.pool.BorrowWait");
                recording.start();
                waitAndOpen();
                recording.stop();
                recording.dump(file);
            }
            if (RecordingFile.readAllEvents(file).stream()
                    .anyMatch(event -> event.getEventType().getName().equals("dev.mainstay.pool.BorrowWait"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no pool wait recorded after 50 rounds");
    }

    /** A pool of one that makes a second borrower wait, and a breaker that opens. */
    private static void waitAndOpen() throws Exception {
        try (Pool<StringBuilder> pool = Pool.builder((Lifecycle<StringBuilder>) StringBuilder::new)
                .name("buffers").maxSize(1).build()) {
            Lease<StringBuilder> held = pool.borrow();
            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                try (Lease<StringBuilder> lease = pool.borrow(Duration.ofSeconds(10))) {
                    return lease.get() != null;
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.metrics().waiting() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(20);
            held.close();
            assertTrue(waiter.get(10, TimeUnit.SECONDS));
        }
        CircuitBreaker.ofDefaults("inventory").transitionToOpen();
    }

    @Test
    void theLiveStreamPrintsPoolWaitsAndBreakerTransitions() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String printed;
        try (RecordingStream stream = MetricsSnippets.printLive(out)) {
            waitAndOpen();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            do {
                Thread.sleep(100);
                synchronized (bytes) {
                    printed = bytes.toString(StandardCharsets.UTF_8);
                }
            } while (!(printed.contains("pool buffers") && printed.contains("breaker inventory"))
                    && System.nanoTime() < deadline);
        }
        assertTrue(printed.matches("(?s).*pool buffers: a borrower waited \\d+ ms.*"), printed);
        assertTrue(printed.contains("breaker inventory: CLOSED -> OPEN"), printed);
    }

    @Test
    void theGuidesJfrPrintCommandShowsTheEvents(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.mainstay.pool.BorrowWait");
            recording.enable("dev.mainstay.retry.CircuitBreakerTransition");
            recording.start();
            waitAndOpen();
            recording.stop();
            recording.dump(file);
        }
        List<String> command = guideCommand();
        assertEquals("app.jfr", command.get(command.size() - 1), "the guide prints app.jfr");
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "jfr").toString());
        command.set(command.size() - 1, file.toString());
        Process jfr = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(jfr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jfr.waitFor(60, TimeUnit.SECONDS), "jfr print ended");
        assertEquals(0, jfr.exitValue(), output);
        assertTrue(output.contains("dev.mainstay.pool.BorrowWait {"), output);
        assertTrue(output.contains("pool = \"buffers\""), output);
        assertTrue(output.contains("dev.mainstay.retry.CircuitBreakerTransition {"), output);
        assertTrue(output.contains("breaker = \"inventory\""), output);
        assertTrue(!output.contains("jdk."), "only Mainstay's events");
    }

    /** The {@code jfr print} line of the guide, split as a shell would (single quotes removed). */
    private static List<String> guideCommand() throws IOException {
        String guide = Files.readString(Path.of("metrics.md"), StandardCharsets.UTF_8);
        Matcher line = Pattern.compile("(?m)^jfr print .*$").matcher(guide);
        assertTrue(line.find(), "metrics.md shows a jfr print command");
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("'([^']*)'|(\\S+)").matcher(line.group());
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2));
        }
        return words;
    }
}
