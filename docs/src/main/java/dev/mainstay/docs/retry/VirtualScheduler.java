package dev.mainstay.docs.retry;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A discrete-event scheduler on virtual time, for simulations and examples: {@link #runUntilIdle()} runs every task
 * in time order on the calling thread, moving the clock (a ticker) to each task's time. Single-threaded; a cancelled
 * task leaves the queue at once, so {@link #pending()} counts live timers.
 */
public final class VirtualScheduler extends AbstractExecutorService implements ScheduledExecutorService, LongSupplier {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    /** Starts the clock at {@code start} nanoseconds. */
    public VirtualScheduler(long start) {
        this.now = start;
    }

    @Override
    public long getAsLong() {
        return now;
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public int pending() {
        return queue.size();
    }

    /** Runs every task, in time order, until none is left. */
    public void runUntilIdle() {
        Task next;
        while ((next = queue.poll()) != null) {
            now = next.at;
            next.done = true;
            next.command.run();
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task task = new Task(command, now + Math.max(0, unit.toNanos(delay)), sequence++);
        queue.add(task);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    private final class Task implements ScheduledFuture<Object> {
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

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            done = true;
            cancelled = true;
            queue.remove(this);
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done;
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
            return unit.convert(at - now, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task o = (Task) other;
            int c = Long.compare(at - now, o.at - now);
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
    public void shutdown() {
        throw new RejectedExecutionException("a virtual scheduler is never shut down");
    }

    @Override
    public List<Runnable> shutdownNow() {
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
