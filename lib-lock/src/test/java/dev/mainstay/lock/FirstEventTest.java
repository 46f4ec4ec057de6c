package dev.mainstay.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM's first JFR event class costs 200–300 ms of JFR set-up, recording or not. A lock wait that runs out must not
 * pay it when no recording runs, so a fresh JVM that does it must load no JFR event class at all.
 */
class FirstEventTest {

    /** Run in a fresh JVM by the test: a lock wait that runs out, with no recording. */
    public static void main(String[] args) throws Exception {
        DistributedLock locks = DistributedLock.builder().build();
        try (LockHandle held = locks.acquire("first", java.time.Duration.ofMinutes(1), java.time.Duration.ZERO)) {
            locks.acquire("first", java.time.Duration.ofMinutes(1), java.time.Duration.ofMillis(5));
            throw new AssertionError("expected a timeout");
        } catch (LockTimeoutException expected) {
            // the event's path
        }
        System.out.println("done");
    }

    @Test
    void noJfrEventClassIsLoadedWithoutARecording(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("child.log");
        String classPath = List.of(
                        Path.of(DistributedLock.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                        Path.of(FirstEventTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()))
                .stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xlog:class+load=info:stdout", "-cp", classPath, FirstEventTest.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the child JVM did not finish in 60 s");
        }
        String out = Files.readString(log);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("done"), out);
        List<String> jfrEvents = out.lines()
                .filter(line -> line.contains(" jdk.jfr.Event ") || line.contains(".internal.Events$"))
                .collect(Collectors.toList());
        assertEquals(List.of(), jfrEvents, "JFR event classes loaded without a recording");
    }
}
