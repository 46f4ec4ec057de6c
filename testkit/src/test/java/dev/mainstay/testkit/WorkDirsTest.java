package dev.mainstay.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkDirsTest {

    @Test
    void reaperStopsTheServerOfADeadJvmAndDeletesItsDirectory() throws Exception {
        Process orphanServer = new ProcessBuilder("sleep", "300").start();
        Path dir = orphanedDir();
        WorkDirs.recordServerPid(dir, orphanServer.pid());

        WorkDirs.reapOrphans();

        assertTrue(orphanServer.waitFor(10, TimeUnit.SECONDS), "the orphaned server is stopped");
        assertFalse(Files.exists(dir), "its directory is deleted");
    }

    @Test
    void reaperStopsEveryServerOfADeadJvmsClusterDirectory() throws Exception {
        Path dir = orphanedDir();
        List<Process> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Process node = new ProcessBuilder("sleep", "300").start();
            nodes.add(node);
            WorkDirs.recordServerPid(Files.createDirectory(dir.resolve("node-" + i)), node.pid());
        }

        WorkDirs.reapOrphans();

        for (Process node : nodes) {
            assertTrue(node.waitFor(10, TimeUnit.SECONDS), "every node is stopped");
        }
        assertFalse(Files.exists(dir), "the directory is deleted");
    }

    @Test
    void reaperLeavesDirectoriesOfLiveJvmsAlone() throws IOException {
        Path dir = WorkDirs.create("reaper-test");
        try {
            WorkDirs.reapOrphans();
            assertTrue(Files.exists(dir.resolve("owner.pid")));
        } finally {
            Processes.deleteTree(dir);
        }
    }

    /** A work directory whose owner JVM has exited. */
    private static Path orphanedDir() throws Exception {
        Process deadJvm = new ProcessBuilder("true").start();
        deadJvm.waitFor(10, TimeUnit.SECONDS);
        Path dir = Files.createTempDirectory(WorkDirs.PREFIX + "reaper-test-");
        Files.writeString(dir.resolve("owner.pid"), Long.toString(deadJvm.pid()));
        return dir;
    }
}
