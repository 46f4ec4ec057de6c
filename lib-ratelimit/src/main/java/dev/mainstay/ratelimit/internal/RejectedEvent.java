package dev.mainstay.ratelimit.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** JFR event for a refused request. Costs one disabled check when no recording asks for it. */
@Name("dev.mainstay.ratelimit.Rejected")
@Category({"Mainstay", "Ratelimit"})
@Label("Rate Limited")
@Description("A rate limiter refused a request")
@StackTrace(false)
public final class RejectedEvent extends Event {

    @Label("Limiter")
    String limiter;

    @Label("Key")
    String key;

    @Label("Permits")
    long permits;

    @Label("Retry After")
    @Timespan
    long retryAfter;

    /**
     * Records a refusal if a recording has the event enabled.
     *
     * @param limiter     the limiter's name
     * @param key         the key
     * @param permits     the permits asked for
     * @param nanosToWait the wait it was told
     */
    public static void emit(String limiter, Object key, long permits, long nanosToWait) {
        RejectedEvent event = new RejectedEvent();
        if (event.isEnabled()) {
            event.limiter = limiter;
            event.key = String.valueOf(key);
            event.permits = permits;
            event.retryAfter = nanosToWait;
            event.commit();
        }
    }
}
