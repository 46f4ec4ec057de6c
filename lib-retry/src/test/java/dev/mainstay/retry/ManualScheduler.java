package dev.mainstay.retry;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A scheduler on virtual time: tasks run only when {@link #advance} moves the clock past their time, on the calling
 * thread, in time order. A cancelled task leaves the queue at once, so {@link #pending()} counts live timers.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService, LongSupplier {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;
    private boolean shutdown;

    ManualScheduler(long start) {
        this.now = start;
    }

    @Override
    public synchronized long getAsLong() {
        return now;
    }

    /** Tasks scheduled and neither run nor cancelled. */
    synchronized int pending() {
        return queue.size();
    }

    /** Moves the clock by {@code nanos}, running every task that falls due, at its own time. */
    void advance(long nanos) {
        long target;
        synchronized (this) {
            target = now + nanos;
        }
        for (;;) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at - target > 0) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.at;
            }
            next.runTask();
        }
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        Task task = new Task(command, now + Math.max(0, unit.toNanos(delay)), sequence++);
        queue.add(task);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    final class Task implements ScheduledFuture<Object> {
        final Runnable command;
        final long at;
        final long seq;
        boolean done;
        boolean cancelled;

        Task(Runnable command, long at, long seq) {
            this.command = command;
            this.at = at;
            this.seq = seq;
        }

        void runTask() {
            synchronized (ManualScheduler.this) {
                if (done) {
                    return;
                }
                done = true;
            }
            command.run();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (ManualScheduler.this) {
                if (done) {
                    return false;
                }
                done = true;
                cancelled = true;
                queue.remove(this);
                return true;
            }
        }

        @Override
        public boolean isCancelled() {
            synchronized (ManualScheduler.this) {
                return cancelled;
            }
        }

        @Override
        public boolean isDone() {
            synchronized (ManualScheduler.this) {
                return done;
            }
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - getAsLong(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task o = (Task) other;
            int c = Long.compare(at - now, o.at - now); // overflow-safe around the start value
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return (ScheduledFuture<V>) schedule((Runnable) () -> {
            try {
                callable.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>();
        for (Task t : queue) {
            left.add(t.command);
        }
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
