package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.ConcurrencyLimiterListener.Outcome;
import dev.mainstay.ratelimit.Permit;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** The two kinds of {@link Permit}. */
final class Permits {

    private Permits() {}

    /** The one refusal: shared, so a refusal allocates nothing. */
    static final Permit REFUSED = new Permit() {
        @Override
        public boolean isGranted() {
            return false;
        }

        @Override
        public boolean success() {
            return false;
        }

        @Override
        public boolean dropped() {
            return false;
        }

        @Override
        public boolean ignored() {
            return false;
        }

        @Override
        public void close() {}

        @Override
        public String toString() {
            return "Permit[refused]";
        }
    };

    /** One grant. Its own object, released at most once whatever the races: a stale permit frees nothing. */
    static final class Granted implements Permit {
        private static final VarHandle RELEASED;

        static {
            try {
                RELEASED = MethodHandles.lookup().findVarHandle(Granted.class, "released", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final LimiterCore core;
        final int partition;
        final long startNanos;
        final int inFlight;
        @SuppressWarnings("unused") // through RELEASED
        private volatile int released;

        Granted(LimiterCore core, int partition, long startNanos, int inFlight) {
            this.core = core;
            this.partition = partition;
            this.startNanos = startNanos;
            this.inFlight = inFlight;
        }

        boolean release(Outcome outcome) {
            if ((int) RELEASED.getAndSet(this, 1) != 0) {
                return false;
            }
            core.release(partition, startNanos, inFlight, outcome);
            return true;
        }

        @Override
        public boolean isGranted() {
            return true;
        }

        @Override
        public boolean success() {
            return release(Outcome.SUCCESS);
        }

        @Override
        public boolean dropped() {
            return release(Outcome.DROPPED);
        }

        @Override
        public boolean ignored() {
            return release(Outcome.IGNORED);
        }

        @Override
        public void close() {
            release(Outcome.SUCCESS);
        }

        @Override
        public String toString() {
            return "Permit[" + core.name + ", " + (released != 0 ? "released" : "held") + "]";
        }
    }
}
