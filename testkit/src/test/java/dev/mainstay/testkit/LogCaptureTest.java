package dev.mainstay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogCaptureTest {

    private static final String NAME = "dev.mainstay.testkit.capture";

    @Test
    void collectsWhatSystemLoggerLogsAtEveryLevelInOrder() {
        System.Logger log = System.getLogger(NAME);
        IllegalStateException failure = new IllegalStateException("boom");
        try (LogCapture capture = LogCapture.of(NAME)) {
            log.log(Level.WARNING, () -> "first (logged once)", failure);
            log.log(Level.DEBUG, "then {0}", "quieter");
            log.log(Level.TRACE, "and finer");
            List<LogCapture.Entry> records = capture.records();
            assertEquals(List.of(Level.WARNING, Level.DEBUG, Level.TRACE),
                    records.stream().map(LogCapture.Entry::level).toList());
            assertEquals("first (logged once)", records.get(0).message());
            assertSame(failure, records.get(0).thrown());
            assertEquals("then quieter", records.get(1).message(), "the message is formatted");
            assertNull(records.get(1).thrown());
            assertEquals(List.of(records.get(1)), capture.records(Level.DEBUG));
        }
    }

    @Test
    void closeGivesTheLoggerBackItsLevelAndParentHandlersAndStopsCollecting() {
        Logger jul = Logger.getLogger(NAME);
        java.util.logging.Level before = java.util.logging.Level.SEVERE;
        jul.setLevel(before);
        try {
            LogCapture capture = LogCapture.of(NAME);
            assertEquals(java.util.logging.Level.ALL, jul.getLevel());
            capture.close();
            System.getLogger(NAME).log(Level.DEBUG, "after close");
            assertEquals(List.of(), capture.records());
            assertSame(before, jul.getLevel());
            assertTrue(jul.getUseParentHandlers());
            assertEquals(0, jul.getHandlers().length);
        } finally {
            jul.setLevel(null);
        }
    }

    /** What a module's listener rule logs: the first failure once at WARNING, the later ones at DEBUG. */
    private static void listenerThrew(System.Logger log, int times, Level first, String ending) {
        for (int i = 1; i <= times; i++) {
            int n = i;
            log.log(i == 1 ? first : Level.DEBUG, () -> "lock 'orders': listener " + Listener.class.getName()
                    + " threw" + (n == 1 ? ending : " again"), new IllegalStateException("bug " + n));
        }
    }

    /** Stands for a user's listener class. */
    static final class Listener {}

    @Test
    void theListenerRuleIsCheckedAndItsWarningAnswered() {
        System.Logger log = System.getLogger(NAME);
        try (LogCapture capture = LogCapture.of(NAME)) {
            log.log(Level.WARNING, "something else the module says");
            listenerThrew(log, 3, Level.WARNING, " (logged once)");
            LogCapture.Entry warning = capture.assertListenerFailuresLogged("lock 'orders'", Listener.class, 3);
            assertEquals("bug 1", warning.thrown().getMessage());
            assertThrows(AssertionError.class,
                    () -> capture.assertListenerFailuresLogged("lock 'orders'", Listener.class, 2));
            assertThrows(AssertionError.class,
                    () -> capture.assertListenerFailuresLogged("lock 'other'", Listener.class, 3));
            assertThrows(AssertionError.class,
                    () -> capture.assertListenerFailuresLogged("lock 'orders'", Object.class, 3));
            assertThrows(IllegalArgumentException.class,
                    () -> capture.assertListenerFailuresLogged("lock 'orders'", Listener.class, 0));
        }
        try (LogCapture capture = LogCapture.of(NAME)) {
            listenerThrew(log, 2, Level.WARNING, " (logged every time)");
            assertThrows(AssertionError.class,
                    () -> capture.assertListenerFailuresLogged("lock 'orders'", Listener.class, 2));
        }
        try (LogCapture capture = LogCapture.of(NAME)) {
            listenerThrew(log, 2, Level.DEBUG, " (logged once)");
            assertThrows(AssertionError.class,
                    () -> capture.assertListenerFailuresLogged("lock 'orders'", Listener.class, 2));
        }
        try (LogCapture capture = LogCapture.of(NAME)) {
            listenerThrew(log, 1, Level.WARNING, " (logged once)");
            listenerThrew(log, 1, Level.WARNING, " (logged once)");
            assertThrows(AssertionError.class,
                    () -> capture.assertListenerFailuresLogged("lock 'orders'", Listener.class, 2));
        }
    }

    @Test
    void julLevelsMapToTheSystemLoggerLevelAtOrJustBelowThem() {
        assertEquals(Level.DEBUG, LogCapture.level(java.util.logging.Level.FINE));
        assertEquals(Level.TRACE, LogCapture.level(java.util.logging.Level.FINER));
        assertEquals(Level.TRACE, LogCapture.level(java.util.logging.Level.FINEST));
        assertEquals(Level.DEBUG, LogCapture.level(java.util.logging.Level.CONFIG));
        assertEquals(Level.INFO, LogCapture.level(java.util.logging.Level.INFO));
        assertEquals(Level.ERROR, LogCapture.level(java.util.logging.Level.SEVERE));
    }
}
