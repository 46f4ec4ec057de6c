package dev.mainstay.pool.internal;

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
 * <p>The first JFR event class a JVM loads costs 200–300 ms of JFR set-up, with or without a recording. So that no
 * borrower pays it (and no pool spends it when nobody records), the events are created only when {@link #on()}: once
 * {@link FlightRecorder#isInitialized()} says JFR is running. With no recording there is nothing to record, and each
 * check costs one static read; with one, each event costs one disabled check unless the recording asks for it. The
 * other modules' {@code internal.Events} classes follow the same rule.
 */
final class Events {

    private Events() {}

    /**
     * Whether events may be created: JFR is running, so loading an event class costs no set-up.
     *
     * @return {@code true} once JFR is initialized
     */
    static boolean on() {
        return FlightRecorder.isInitialized();
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
        String failure;
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
