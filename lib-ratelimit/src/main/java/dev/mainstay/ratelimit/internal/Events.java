package dev.mainstay.ratelimit.internal;

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
 * would be paid by the caller of the first refusal. So the events live in nested classes that nothing loads until
 * {@link FlightRecorder#isInitialized()} says JFR is running: with no recording there is nothing to record, and each
 * emit costs one static read. With a recording, each event costs one disabled check unless the recording asks for it.
 */
final class Events {

    private Events() {}

    @Name("dev.mainstay.ratelimit.Rejected")
    @Category({"Mainstay", "Ratelimit"})
    @Label("Rate Limited")
    @Description("A rate limiter refused a request")
    @StackTrace(false)
    static final class Rejected extends Event {
        @Label("Limiter")
        String limiter;

        @Label("Key")
        String key;

        @Label("Permits")
        long permits;

        @Label("Retry After")
        @Timespan
        long retryAfter;
    }

    @Name("dev.mainstay.ratelimit.ConcurrencyRejected")
    @Category({"Mainstay", "Ratelimit"})
    @Label("Concurrency Limited")
    @Description("A concurrency limiter refused a call")
    @StackTrace(false)
    static final class ConcurrencyRejected extends Event {
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

    /**
     * Records a refusal if a recording has the event enabled.
     *
     * @param limiter     the limiter's name
     * @param key         the key
     * @param permits     the permits asked for
     * @param nanosToWait the wait it was told
     */
    static void rejected(String limiter, Object key, long permits, long nanosToWait) {
        if (FlightRecorder.isInitialized()) {
            Rejected event = new Rejected();
            if (event.isEnabled()) {
                event.limiter = limiter;
                event.key = String.valueOf(key);
                event.permits = permits;
                event.retryAfter = nanosToWait;
                event.commit();
            }
        }
    }

    static void concurrencyRejected(String limiter, String partition, int limit, int inFlight) {
        if (FlightRecorder.isInitialized()) {
            ConcurrencyRejected event = new ConcurrencyRejected();
            if (event.isEnabled()) {
                event.limiter = limiter;
                event.partition = partition;
                event.limit = limit;
                event.inFlight = inFlight;
                event.commit();
            }
        }
    }

    static void limitChanged(String limiter, int oldLimit, int newLimit) {
        if (FlightRecorder.isInitialized()) {
            LimitChanged event = new LimitChanged();
            if (event.isEnabled()) {
                event.limiter = limiter;
                event.oldLimit = oldLimit;
                event.newLimit = newLimit;
                event.commit();
            }
        }
    }
}
