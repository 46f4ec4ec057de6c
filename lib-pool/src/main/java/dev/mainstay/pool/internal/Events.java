package dev.mainstay.pool.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The pool's JFR events. They are committed on slow paths only.
 *
 * <p>The first JFR event class a JVM loads costs 200–300 ms of JFR set-up, with or without a recording, and loading
 * an event class at all pins a virtual thread. So no borrower ever loads one, and no pool spends anything when nobody
 * records: until JFR runs ({@link FlightRecorder#isInitialized()}), {@link #on()} is one static read and no event is
 * created, since no recording could want it. Once JFR runs, the first {@link #on()} (or a pool built while JFR runs)
 * starts one daemon thread that loads the event classes, and events are skipped until it is done: a few
 * milliseconds after a recording starts. The other modules' {@code internal.Events} classes create their events only
 * once JFR runs as well; they load a class on the caller's first event under a recording, since their callers have no
 * timeout of the pool's kind.
 */
final class Events {

    /** Whether the event classes are loaded; until then no event is created. */
    private static volatile boolean ready;

    private static final AtomicBoolean LOADING = new AtomicBoolean();

    private Events() {}

    /**
     * Whether events may be created: JFR runs and the event classes are loaded. When JFR runs and they are not, this
     * starts loading them in the background and answers {@code false}.
     *
     * @return {@code true} once the event classes are loaded
     */
    static boolean on() {
        if (ready) {
            return true;
        }
        if (FlightRecorder.isInitialized() && LOADING.compareAndSet(false, true)) {
            Thread loader = new Thread(Events::load, "mainstay-pool-jfr");
            loader.setDaemon(true);
            loader.start();
        }
        return false;
    }

    /** Loads and initializes the event classes; on the loader thread, or directly by a test. */
    static void load() {
        new BorrowWait();
        new BorrowTimeout();
        new Create();
        new Destroy();
        ready = true;
    }

    @Name("dev.mainstay.pool.BorrowWait")
    @Label("Pool Borrow Wait")
    @Description("A borrower found no idle object and waited for one")
    @Category({"Mainstay", "Pool"})
    static final class BorrowWait extends Event {
        @Label("Pool")
        String pool;
        @Label("Obtained")
        boolean obtained;
    }

    @Name("dev.mainstay.pool.BorrowTimeout")
    @Label("Pool Borrow Timeout")
    @Description("A borrower gave up waiting for an object")
    @Category({"Mainstay", "Pool"})
    static final class BorrowTimeout extends Event {
        @Label("Pool")
        String pool;
        @Label("Diagnosis")
        String diagnosis;
    }

    @Name("dev.mainstay.pool.Create")
    @Label("Pool Create")
    @Description("The pool created an object, or tried to")
    @Category({"Mainstay", "Pool"})
    @StackTrace(false)
    static final class Create extends Event {
        @Label("Pool")
        String pool;
        @Label("Failure")
        @Nullable String failure;
    }

    @Name("dev.mainstay.pool.Destroy")
    @Label("Pool Destroy")
    @Description("The pool destroyed an object")
    @Category({"Mainstay", "Pool"})
    @StackTrace(false)
    static final class Destroy extends Event {
        @Label("Pool")
        String pool;
        @Label("Reason")
        String reason;
    }
}
