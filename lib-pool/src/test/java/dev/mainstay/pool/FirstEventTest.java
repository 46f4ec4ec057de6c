package dev.mainstay.pool;

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
 * A JVM's first JFR event class costs 200–300 ms of JFR set-up, recording or not. A pool's borrowers, creator and
 * housekeeper must not pay it when no recording runs, so a fresh JVM that does it must load no JFR event class at all.
 */
class FirstEventTest {

    /** Run in a fresh JVM by the test: a borrow that times out, a creation and a destruction, with no recording. */
    public static void main(String[] args) throws Exception {
        Pool<Object> pool = Pool.builder((Lifecycle<Object>) Object::new).name("first").maxSize(1).build();
        Lease<Object> held = pool.borrow();
        try {
            pool.borrow(java.time.Duration.ofMillis(5));
            throw new AssertionError("expected a timeout");
        } catch (PoolTimeoutException expected) {
            // the wait's and the timeout's events
        }
        held.close();
        if (!pool.close(java.time.Duration.ofSeconds(5))) {
            throw new AssertionError("the pool did not close");
        }
        System.out.println("done");
    }

    @Test
    void noJfrEventClassIsLoadedWithoutARecording(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("child.log");
        String classPath = List.of(
                        Path.of(Pool.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
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
