package dev.mainstay.lock.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR event for a grant found lost. Costs one disabled check when no recording asks for it. */
@Name("dev.mainstay.lock.Lost")
@Category({"Mainstay", "Lock"})
@Label("Lock Lost")
@Description("A lock handle found its lease ended or its lock taken by another owner")
@StackTrace(false)
final class LostEvent extends Event {

    @Label("Lock Service")
    String service;

    @Label("Lock")
    String lock;

    @Label("Token")
    long token;

    @Label("Reason")
    @Nullable String reason;

    static void emit(String service, String lock, long token, @Nullable String reason) {
        LostEvent event = new LostEvent();
        if (event.isEnabled()) {
            event.service = service;
            event.lock = lock;
            event.token = token;
            event.reason = reason;
            event.commit();
        }
    }
}
