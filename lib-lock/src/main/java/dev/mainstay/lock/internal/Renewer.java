package dev.mainstay.lock.internal;

import dev.mainstay.lock.LockLostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The watchdog: renews each registered grant every third of its lease. One timer is pending at a time, set for
 * the earliest renewal due; a run renews every grant due within a quarter of its own period in one
 * {@link LockBackend#extendAll} batch, so grants taken together are renewed together, then sets the timer for the
 * next earliest. A renewal that fails on the backend is tried again at a third of the time left, until the local
 * deadline passes; then the grant is lost.
 */
final class Renewer {

    /** The shortest pause between runs, so that a ticker that stands still cannot make the timer spin. */
    private static final long MIN_DELAY_NANOS = 1_000_000L;

    private final LockService service;
    private final Set<Grant> grants = ConcurrentHashMap.newKeySet();
    private final ReentrantLock timerLock = new ReentrantLock();
    private @Nullable ScheduledFuture<?> timer;
    private long timerAt;

    Renewer(LockService service) {
        this.service = service;
    }

    void add(Grant grant) {
        long now = service.ticker.getAsLong();
        grant.nextRenewal = now + period(grant);
        grants.add(grant);
        wake(now, grant.nextRenewal);
    }

    void remove(Grant grant) {
        grants.remove(grant);
    }

    void clear() {
        grants.clear();
    }

    private static long period(Grant grant) {
        return Math.max(1, grant.leaseNanos() / 3);
    }

    /** Sets the timer for {@code at} (on the ticker) unless one is pending for no later. */
    private void wake(long now, long at) {
        timerLock.lock();
        try {
            if (timer != null && timerAt - at <= 0) {
                return;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            timerAt = at;
            timer = service.scheduler().schedule(this::run, Math.max(MIN_DELAY_NANOS, at - now), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException | IllegalStateException e) {
            timer = null; // closed: renewal has ended
        } finally {
            timerLock.unlock();
        }
    }

    private void run() {
        timerLock.lock();
        try {
            timer = null;
        } finally {
            timerLock.unlock();
        }
        long now = service.ticker.getAsLong();
        List<Grant> due = new ArrayList<>();
        for (Iterator<Grant> it = grants.iterator(); it.hasNext(); ) {
            Grant grant = it.next();
            if (!grant.held() || grant.onLost == null) {
                it.remove();
            } else if (grant.nextRenewal - now <= period(grant) / 4) {
                due.add(grant);
            }
        }
        if (!due.isEmpty()) {
            renew(due, now);
        }
        boolean any = false;
        long earliest = 0;
        for (Grant grant : grants) {
            if (!any || grant.nextRenewal - earliest < 0) {
                earliest = grant.nextRenewal;
                any = true;
            }
        }
        if (any) {
            wake(service.ticker.getAsLong(), earliest);
        }
    }

    private void renew(List<Grant> due, long now) {
        Object[] results;
        try {
            results = service.backend.extendAll(due);
        } catch (RuntimeException e) { // the whole batch failed: each grant sees the failure
            results = new Object[due.size()];
            java.util.Arrays.fill(results, e);
        }
        for (int i = 0; i < results.length; i++) {
            Grant grant = due.get(i);
            if (!grant.held() || grant.onLost == null) {
                continue; // released while the batch was out: its outcome means nothing now
            }
            Object result = results[i];
            if (result == Boolean.TRUE) {
                grant.extended(now, grant.leaseNanos());
                grant.nextRenewal = now + period(grant);
            } else if (result instanceof Exception e) {
                Exception failure = service.backendFailure("renew", grant.name(), e);
                long left = grant.deadline() - service.ticker.getAsLong();
                if (left <= 0) {
                    grant.lost(new LockLostException(grant.name(), grant.token(), "renewal", failure), true);
                } else {
                    grant.nextRenewal = now + Math.max(MIN_DELAY_NANOS, left / 3);
                }
            } else {
                grant.lost(new LockLostException(grant.name(), grant.token(), "renewal", null), true);
            }
        }
    }
}
