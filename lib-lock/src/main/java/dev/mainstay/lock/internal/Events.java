package dev.mainstay.lock.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The module's JFR events, and the only place that creates them.
 *
 * <p>The first JFR event class a JVM loads costs 200–300 ms of JFR set-up, with or without a recording, and it
 * would be paid by the caller whose wait ran out. So the events live in nested classes that nothing loads until
 * {@link FlightRecorder#isInitialized()} says JFR is running: with no recording there is nothing to record, and each
 * emit costs one static read. With a recording, each event costs one disabled check unless the recording asks for it.
 */
final class Events {

    private Events() {}

    @Name("dev.mainstay.lock.Lost")
    @Category({"Mainstay", "Lock"})
    @Label("Lock Lost")
    @Description("A lock handle found its lease ended or its lock taken by another owner")
    @StackTrace(false)
    static final class Lost extends Event {
        @Label("Lock Service")
        String service;

        @Label("Lock")
        String lock;

        @Label("Token")
        long token;

        @Label("Reason")
        @Nullable String reason;
    }

    @Name("dev.mainstay.lock.AcquireTimeout")
    @Category({"Mainstay", "Lock"})
    @Label("Lock Acquire Timeout")
    @Description("A caller waited as long as it was allowed and the lock stayed held by another owner")
    @StackTrace(false)
    static final class AcquireTimeout extends Event {
        @Label("Lock Service")
        String service;

        @Label("Lock")
        String lock;

        @Label("Waited")
        @Timespan
        long waited;
    }

    static void lost(String service, String lock, long token, @Nullable String reason) {
        if (FlightRecorder.isInitialized()) {
            Lost event = new Lost();
            if (event.isEnabled()) {
                event.service = service;
                event.lock = lock;
                event.token = token;
                event.reason = reason;
                event.commit();
            }
        }
    }

    static void acquireTimeout(String service, String lock, long waitedNanos) {
        if (FlightRecorder.isInitialized()) {
            AcquireTimeout event = new AcquireTimeout();
            if (event.isEnabled()) {
                event.service = service;
                event.lock = lock;
                event.waited = waitedNanos;
                event.commit();
            }
        }
    }
}
