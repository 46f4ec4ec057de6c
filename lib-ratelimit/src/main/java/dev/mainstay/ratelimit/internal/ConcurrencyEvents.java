package dev.mainstay.ratelimit.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The JFR events of concurrency limiters. Each costs one disabled check when no recording asks for it. */
final class ConcurrencyEvents {

    private ConcurrencyEvents() {}

    @Name("dev.mainstay.ratelimit.ConcurrencyRejected")
    @Category({"Mainstay", "Ratelimit"})
    @Label("Concurrency Limited")
    @Description("A concurrency limiter refused a call")
    @StackTrace(false)
    static final class Rejected extends Event {
        @Label("Limiter")
        String limiter;

        @Label("Partition")
        String partition;

        @Label("Limit")
        int limit;

        @Label("In Flight")
        int inFlight;
    }

    @Name("dev.mainstay.ratelimit.ConcurrencyLimitChanged")
    @Category({"Mainstay", "Ratelimit"})
    @Label("Concurrency Limit Changed")
    @Description("An adaptive concurrency limit moved")
    @StackTrace(false)
    static final class LimitChanged extends Event {
        @Label("Limiter")
        String limiter;

        @Label("Old Limit")
        int oldLimit;

        @Label("New Limit")
        int newLimit;
    }

    static void rejected(String limiter, String partition, int limit, int inFlight) {
        Rejected event = new Rejected();
        if (event.isEnabled()) {
            event.limiter = limiter;
            event.partition = partition;
            event.limit = limit;
            event.inFlight = inFlight;
            event.commit();
        }
    }

    static void limitChanged(String limiter, int oldLimit, int newLimit) {
        LimitChanged event = new LimitChanged();
        if (event.isEnabled()) {
            event.limiter = limiter;
            event.oldLimit = oldLimit;
            event.newLimit = newLimit;
            event.commit();
        }
    }
}
