package dev.mainstay.lock.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** JFR event for a wait for a lock that ran out. Costs one disabled check when no recording asks for it. */
@Name("dev.mainstay.lock.AcquireTimeout")
@Category({"Mainstay", "Lock"})
@Label("Lock Acquire Timeout")
@Description("A caller waited as long as it was allowed and the lock stayed held by another owner")
@StackTrace(false)
final class TimeoutEvent extends Event {

    @Label("Lock Service")
    String service;

    @Label("Lock")
    String lock;

    @Label("Waited")
    @Timespan
    long waited;

    static void emit(String service, String lock, long waitedNanos) {
        TimeoutEvent event = new TimeoutEvent();
        if (event.isEnabled()) {
            event.service = service;
            event.lock = lock;
            event.waited = waitedNanos;
            event.commit();
        }
    }
}
