package dev.mainstay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * What a test sees when no server can be had: skipped with a message naming what to install, or failed when
 * backends are required. Each case runs in a fresh JVM with Docker and local binaries turned off, because the
 * servers are found once per JVM.
 */
class RealBackendsTest {

    @Test
    void missingServerSkipsTheTestAndSaysWhatToInstall() throws Exception {
        String out = runProbe("optional");
        assertTrue(out.contains("succeeded=0 failed=0 skipped=4"), out);
        assertTrue(out.contains("apt-get install -y redis-server"), out);
        assertTrue(out.contains("MAINSTAY_REDIS_CLUSTER_URL"), out);
        assertTrue(out.contains("apt-get install -y postgresql"), out);
        assertTrue(out.contains("apt-get install -y mariadb-server"), out);
    }

    @Test
    void missingServerFailsTheTestWhenBackendsAreRequired() throws Exception {
        String out = runProbe("required");
        assertTrue(out.contains("succeeded=0 failed=4 skipped=0"), out);
        assertTrue(out.contains("[mainstay.backends=required]"), out);
    }

    private static String runProbe(String backends) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dmainstay.docker=false", "-Dmainstay.local=false", "-Dmainstay.backends=" + backends,
                Probe.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("MAINSTAY_"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    /** Runs {@link NeedsServers} with the JUnit launcher and prints the outcome. */
    public static final class Probe {
        public static void main(String[] args) {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(NeedsServers.class))
                    .build();
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            TestExecutionListener reasons = new TestExecutionListener() {
                @Override
                public void executionSkipped(TestIdentifier test, String reason) {
                    System.out.println("skipped: " + reason);
                }
            };
            launcher.execute(request, listener, reasons);
            TestExecutionSummary summary = listener.getSummary();
            System.out.println("succeeded=" + summary.getTestsSucceededCount() + " failed=" + summary.getTestsFailedCount()
                    + " skipped=" + (summary.getTestsSkippedCount() + summary.getTestsAbortedCount()));
            summary.getFailures().forEach(failure -> System.out.println("failure: " + failure.getException().getMessage()));
        }
    }

    /** Run only through {@link Probe}: surefire does not pick up nested classes. */
    @ExtendWith(RealBackends.class)
    static class NeedsServers {
        @Test
        void redis(RedisBackend redis) {
            assertTrue(redis.port() > 0);
        }

        @Test
        void redisCluster(RedisClusterBackend cluster) {
            assertEquals(3, cluster.nodes().size());
        }

        @Test
        void postgres(PostgresBackend pg) {
            assertTrue(pg.jdbcUrl().startsWith("jdbc:"));
        }

        @Test
        void mariadb(MariaDbBackend db) {
            assertTrue(db.jdbcUrl().startsWith("jdbc:"));
        }
    }
}
