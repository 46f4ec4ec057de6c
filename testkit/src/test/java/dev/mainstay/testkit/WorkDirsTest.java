package dev.mainstay.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkDirsTest {

    @Test
    void reaperStopsTheServerOfADeadJvmAndDeletesItsDirectory() throws Exception {
        Process deadJvm = new ProcessBuilder("true").start();
        deadJvm.waitFor(10, TimeUnit.SECONDS);
        Process orphanServer = new ProcessBuilder("sleep", "300").start();
        Path dir = Files.createTempDirectory(WorkDirs.PREFIX + "reaper-test-");
        Files.writeString(dir.resolve("owner.pid"), Long.toString(deadJvm.pid()));
        WorkDirs.recordServerPid(dir, orphanServer.pid());

        WorkDirs.reapOrphans();

        assertTrue(orphanServer.waitFor(10, TimeUnit.SECONDS), "the orphaned server is stopped");
        assertFalse(Files.exists(dir), "its directory is deleted");
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
}
