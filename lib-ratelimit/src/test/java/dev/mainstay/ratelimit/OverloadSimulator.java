package dev.mainstay.ratelimit;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A deterministic discrete-event simulation, in virtual time, of open-loop clients calling a server through a
 * {@link ConcurrencyLimiter} (or through nothing).
 *
 * <p><b>The server</b> has {@code capacity} workers and shares them among the calls it holds (processor sharing, as a
 * CPU or a database does): with {@code n} calls in, each progresses at {@code min(1, capacity / n)} of full speed, so
 * past its capacity every call slows down in proportion. A call needs {@code serviceNanos * U(0.8, 1.2)} of work.
 * A call still running {@code timeoutNanos} after it arrived is cancelled (the client gave up; the server stops the
 * query): the work it got is wasted and its permit is released as dropped. A call that completes releases its permit
 * as a success. <b>Clients</b> arrive as a Poisson process at {@code load * capacity / serviceNanos} calls per
 * second. A refused call costs the server nothing.
 *
 * <p>The limiter runs on the simulation's clock (its ticker), on one thread: every figure is reproducible.
 */
final class OverloadSimulator {

    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;

    final int capacity;
    final long serviceNanos;
    final long timeoutNanos;
    final long sloNanos;

    OverloadSimulator(int capacity, long serviceNanos, long timeoutNanos, long sloNanos) {
        this.capacity = capacity;
        this.serviceNanos = serviceNanos;
        this.timeoutNanos = timeoutNanos;
        this.sloNanos = sloNanos;
    }

    /** The server's capacity over time: {@code capacity * factor(t)} workers. */
    interface Schedule {
        double factor(long t);

        /** The next time after {@code t} the factor changes, or {@code Long.MAX_VALUE}. */
        long nextChange(long t);
    }

    static final Schedule STEADY = new Schedule() {
        @Override
        public double factor(long t) {
            return 1;
        }

        @Override
        public long nextChange(long t) {
            return Long.MAX_VALUE;
        }
    };

    /** Full capacity, then half from {@code drop} until {@code recover}, then full again. */
    static Schedule halved(long drop, long recover) {
        return new Schedule() {
            @Override
            public double factor(long t) {
                return t >= drop && t < recover ? 0.5 : 1;
            }

            @Override
            public long nextChange(long t) {
                return t < drop ? drop : t < recover ? recover : Long.MAX_VALUE;
            }
        };
    }

    /** What one run measured, after the warm-up, and per window. */
    record Run(String name, double load, double goodput, long p50, long p99, double refused, double meanLimit,
            double[] windowGoodput, long[] windowP99, long windowNanos) {}

    private static final class Call {
        final long arrival;
        final Permit permit;
        final double finishWork;
        boolean done;

        Call(long arrival, Permit permit, double finishWork) {
            this.arrival = arrival;
            this.permit = permit;
            this.finishWork = finishWork;
        }
    }

    /**
     * Runs one simulation.
     *
     * @param name        the row's name
     * @param limit       the limit, or {@code null} for no limiter
     * @param load        offered load as a multiple of the full capacity
     * @param schedule    the capacity over time
     * @param durationNanos how long to simulate
     * @param warmupNanos the time not measured at the start
     * @param windowNanos the width of the per-window figures
     * @param seed        the random seed
     * @return the figures
     */
    Run run(String name, ConcurrencyLimit limit, double load, Schedule schedule, long durationNanos,
            long warmupNanos, long windowNanos, long seed) {
        long origin = Long.MAX_VALUE - 10 * SECOND; // the ticker crosses Long.MAX_VALUE during the run
        long[] clock = {origin};
        ConcurrencyLimiter limiter = limit == null ? null
                : ConcurrencyLimiter.builder(limit).name(name).ticker(() -> clock[0]).build();
        SplittableRandom random = new SplittableRandom(seed);
        double meanGap = serviceNanos / (load * capacity);
        PriorityQueue<Call> running = new PriorityQueue<>((a, b) -> Double.compare(a.finishWork, b.finishWork));
        ArrayDeque<Call> byArrival = new ArrayDeque<>();
        int windows = (int) (durationNanos / windowNanos);
        double[] windowGood = new double[windows];
        LongList[] windowLatency = new LongList[windows];
        for (int i = 0; i < windows; i++) {
            windowLatency[i] = new LongList();
        }
        LongList latencies = new LongList();
        long good = 0;
        long refused = 0;
        long offered = 0;
        double limitSum = 0;
        long limitSamples = 0;
        long now = 0;
        double work = 0; // the service every running call has received since time 0
        int inServer = 0;
        long nextArrival = (long) (-Math.log(1 - random.nextDouble()) * meanGap);
        while (now < durationNanos) {
            while (!running.isEmpty() && running.peek().done) {
                running.poll();
            }
            while (!byArrival.isEmpty() && byArrival.peekFirst().done) {
                byArrival.pollFirst();
            }
            double workers = capacity * schedule.factor(now);
            double rate = inServer == 0 ? 0 : Math.min(1.0, workers / inServer);
            long nextCompletion = running.isEmpty() || rate == 0 ? Long.MAX_VALUE
                    : now + Math.max(1, (long) Math.ceil((running.peek().finishWork - work) / rate));
            long nextTimeout = byArrival.isEmpty() ? Long.MAX_VALUE : byArrival.peekFirst().arrival + timeoutNanos;
            long nextChange = schedule.nextChange(now);
            long next = Math.min(Math.min(nextArrival, nextCompletion), Math.min(nextTimeout, nextChange));
            if (next >= durationNanos) {
                break;
            }
            work += rate * (next - now);
            now = next;
            clock[0] = origin + now;
            if (next == nextCompletion) {
                Call call = running.poll();
                call.done = true;
                inServer--;
                long latency = now - call.arrival;
                if (call.permit != null) {
                    call.permit.success();
                }
                if (call.arrival >= warmupNanos) {
                    latencies.add(latency);
                    if (latency <= sloNanos) {
                        good++;
                    }
                }
                int w = (int) (now / windowNanos);
                if (w < windows) {
                    windowLatency[w].add(latency);
                    if (latency <= sloNanos) {
                        windowGood[w]++;
                    }
                }
            } else if (next == nextTimeout) {
                Call call = byArrival.pollFirst();
                call.done = true;
                inServer--;
                if (call.permit != null) {
                    call.permit.dropped();
                }
                if (call.arrival >= warmupNanos) {
                    latencies.add(timeoutNanos);
                }
                int w = (int) (now / windowNanos);
                if (w < windows) {
                    windowLatency[w].add(timeoutNanos);
                }
            } else if (next == nextArrival) {
                nextArrival = now + Math.max(1, (long) (-Math.log(1 - random.nextDouble()) * meanGap));
                double need = serviceNanos * (0.8 + 0.4 * random.nextDouble());
                boolean measured = now >= warmupNanos;
                if (measured) {
                    offered++;
                }
                Permit permit = null;
                if (limiter != null) {
                    if (measured) {
                        limitSum += limiter.limit();
                        limitSamples++;
                    }
                    permit = limiter.tryAcquire();
                    if (!permit.isGranted()) {
                        if (measured) {
                            refused++;
                        }
                        continue;
                    }
                }
                Call call = new Call(now, permit, work + need);
                running.add(call);
                byArrival.addLast(call);
                inServer++;
            }
            // a capacity change needs no action: the rate is recomputed at the top
        }
        double seconds = (double) (durationNanos - warmupNanos) / SECOND;
        long[] windowP99 = new long[windows];
        double[] windowGoodput = new double[windows];
        for (int i = 0; i < windows; i++) {
            windowP99[i] = windowLatency[i].percentile(0.99);
            windowGoodput[i] = windowGood[i] * SECOND / windowNanos;
        }
        return new Run(name, load, good / seconds, latencies.percentile(0.50), latencies.percentile(0.99),
                offered == 0 ? 0 : (double) refused / offered,
                limitSamples == 0 ? Double.NaN : limitSum / limitSamples, windowGoodput, windowP99, windowNanos);
    }

    /** A growable array of longs. */
    static final class LongList {
        private long[] values = new long[64];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long percentile(double p) {
            if (size == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return sorted[Math.min(size - 1, (int) Math.ceil(p * size) - 1 < 0 ? 0 : (int) Math.ceil(p * size) - 1)];
        }
    }
}
