package dev.mainstay.ratelimit.internal;

import dev.mainstay.ratelimit.ConcurrencyLimiterListener.Outcome;
import dev.mainstay.ratelimit.Permit;

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

    /**
     * One grant. Its own object, released at most once whatever the races: a stale permit frees nothing.
     *
     * <p>The once-only flag is guarded by the permit's monitor rather than a compare-and-set: the section never blocks
     * (one read and one write), and a monitor on an object that does not escape is elided by the JIT, which can
     * then remove the permit's allocation altogether in {@code try (Permit p = limiter.tryAcquire()) {...}}; an
     * atomic instruction on the object would keep it on the heap.
     */
    static final class Granted implements Permit {

        final LimiterCore core;
        final int partition;
        final long startNanos;
        final int inFlight;
        private boolean released; // guarded by this

        Granted(LimiterCore core, int partition, long startNanos, int inFlight) {
            this.core = core;
            this.partition = partition;
            this.startNanos = startNanos;
            this.inFlight = inFlight;
        }

        boolean release(Outcome outcome) {
            synchronized (this) {
                if (released) {
                    return false;
                }
                released = true;
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
            boolean gone;
            synchronized (this) {
                gone = released;
            }
            return "Permit[" + core.name + ", " + (gone ? "released" : "held") + "]";
        }
    }
}
