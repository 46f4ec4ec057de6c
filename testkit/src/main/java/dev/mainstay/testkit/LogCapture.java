package dev.mainstay.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects what a module logs through {@code System.getLogger(name)}, which the JDK hands to the
 * {@code java.util.logging} logger of the same name. While open, that logger takes every level and keeps its records
 * from its parents' handlers (so an expected failure's stack trace does not fill the build's output); {@link #close()}
 * puts its level and parent handlers back.
 *
 * <p>The records come back with {@code System.Logger} levels, so a test states what the module logged in the module's
 * own terms, and so a module that does not read {@code java.logging} (lib-retry) uses this class as the others do.
 * A test class captures around each of its tests with one field (JUnit closes it after each test):
 * <pre>{@code
 * @AutoClose
 * private final LogCapture log = LogCapture.of("dev.mainstay.lock");
 * ...
 * log.assertListenerFailuresLogged("lock 'orders'", ThrowingListener.class, 3);
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    /**
     * One logged record.
     *
     * @param level   its level as {@code System.Logger} names it ({@code java.util.logging}'s FINE is DEBUG)
     * @param message its message, formatted
     * @param thrown  the throwable logged with it, or null
     */
    public record Entry(System.Logger.Level level, String message, Throwable thrown) {}

    private static final Formatter MESSAGES = new SimpleFormatter();

    private final Logger logger;
    private final Level previousLevel;
    private final boolean previousUseParentHandlers;
    private final List<Entry> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(new Entry(level(record.getLevel()), MESSAGES.formatMessage(record), record.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private LogCapture(String name) {
        logger = Logger.getLogger(name);
        previousLevel = logger.getLevel();
        previousUseParentHandlers = logger.getUseParentHandlers();
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /**
     * Starts collecting every record of the logger {@code name}.
     *
     * @param name the logger's name, e.g. {@code dev.mainstay.lock}
     * @return the capture, to close when done
     */
    public static LogCapture of(String name) {
        return new LogCapture(Objects.requireNonNull(name, "name"));
    }

    /**
     * The records collected so far, in the order they were logged.
     *
     * @return a copy
     */
    public List<Entry> records() {
        return new ArrayList<>(records);
    }

    /**
     * The records collected so far at one level, in the order they were logged.
     *
     * @param level the level
     * @return a copy
     */
    public List<Entry> records(System.Logger.Level level) {
        return records.stream().filter(r -> r.level() == level).toList();
    }

    /**
     * Checks the log the listener rule asks for (a listener that throws is logged once at WARNING, with its class and
     * the stack trace, later at DEBUG): of the records that say {@code listener <its class name> threw}, there are
     * {@code failures}; the first is a WARNING that starts with {@code owner}, ends with {@code (logged once)} and
     * carries what the listener threw; every later one is at DEBUG.
     *
     * @param owner    how the module names the object whose listener threw, e.g. {@code lock 'orders'}
     * @param listener the listener's class
     * @param failures how many times it threw
     * @return the warning, for checks of its own
     * @throws AssertionError naming the first thing that differs, with the records
     * @throws IllegalArgumentException if {@code failures < 1}
     */
    public Entry assertListenerFailuresLogged(String owner, Class<?> listener, int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be > 0 but was " + failures);
        }
        String threw = "listener " + listener.getName() + " threw";
        List<Entry> failed = records.stream().filter(r -> r.message().contains(threw)).toList();
        if (failed.size() != failures) {
            throw new AssertionError(failures + " records saying '" + threw + "' expected: " + records);
        }
        Entry first = failed.get(0);
        if (first.level() != System.Logger.Level.WARNING || !first.message().startsWith(owner)
                || !first.message().endsWith("(logged once)") || first.thrown() == null) {
            throw new AssertionError("a WARNING starting '" + owner + "', ending '(logged once)', with the throwable,"
                    + " expected first: " + failed);
        }
        if (failed.stream().skip(1).anyMatch(r -> r.level() != System.Logger.Level.DEBUG)) {
            throw new AssertionError("the later failures at DEBUG expected: " + failed);
        }
        return first;
    }

    /** Stops collecting; the logger gets back its level and its parents' handlers. */
    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previousUseParentHandlers);
    }

    /**
     * The {@code System.Logger} level whose severity (its {@code java.util.logging} value) is at or just below
     * {@code level}'s: FINE is DEBUG, FINER TRACE; below FINER, TRACE still.
     */
    static System.Logger.Level level(Level level) {
        System.Logger.Level found = System.Logger.Level.TRACE;
        for (System.Logger.Level candidate : System.Logger.Level.values()) {
            if (candidate.getSeverity() <= level.intValue() && candidate.getSeverity() > found.getSeverity()) {
                found = candidate;
            }
        }
        return found;
    }
}
