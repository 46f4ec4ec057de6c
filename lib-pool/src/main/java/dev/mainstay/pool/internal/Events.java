package dev.mainstay.pool.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The pool's JFR events. They are committed on slow paths only, and cost one check when JFR is off.
 *
 * <p>The first use of a JFR event class in a JVM takes a few hundred milliseconds (JFR sets itself up). So that no
 * borrower pays that inside its timeout, a pool's housekeeper thread loads the classes in the background when the
 * pool is built, and the events are skipped until then.
 */
final class Events {

    /** Whether the event classes are loaded; until then no event is created. */
    static volatile boolean ready;

    private Events() {}

    static void warmUp() {
        if (!ready) {
            new BorrowWait();
            new BorrowTimeout();
            new Create();
            new Destroy();
            ready = true;
        }
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
