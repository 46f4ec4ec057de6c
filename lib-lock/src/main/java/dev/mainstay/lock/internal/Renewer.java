package dev.mainstay.lock.internal;

import dev.mainstay.lock.LockLostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The watchdog: renews each registered grant every third of its lease. A run renews every grant due within a
 * quarter of its own period in one {@link LockBackend#extendAll} batch, so grants taken together are renewed
 * together. A renewal that fails on the backend is tried again at a third of the time left, until the local
 * deadline passes; then the grant is lost.
 */
final class Renewer {

    private final LockService service;
    private final Set<Grant> grants = ConcurrentHashMap.newKeySet();

    Renewer(LockService service) {
        this.service = service;
    }

    void add(Grant grant) {
        long period = period(grant);
        grant.nextRenewal = service.ticker.getAsLong() + period;
        grants.add(grant);
        schedule(period);
    }

    void remove(Grant grant) {
        grants.remove(grant);
    }

    void clear() {
        grants.clear();
    }

    int size() {
        return grants.size();
    }

    private static long period(Grant grant) {
        return Math.max(1, grant.leaseNanos() / 3);
    }

    private void schedule(long delayNanos) {
        try {
            service.scheduler().schedule(this::run, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException | IllegalStateException e) {
            // closed: renewal has ended
        }
    }

    private void run() {
        long now = service.ticker.getAsLong();
        List<Grant> due = new ArrayList<>();
        for (Grant grant : grants) {
            if (!grant.held() || grant.onLost == null) {
                grants.remove(grant);
            } else if (grant.nextRenewal - now <= period(grant) / 4) {
                due.add(grant);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        Object[] results = service.backend.extendAll(due);
        for (int i = 0; i < results.length; i++) {
            Grant grant = due.get(i);
            if (!grant.held() || grant.onLost == null) {
                continue; // released while the batch was out: its outcome means nothing now
            }
            Object result = results[i];
            if (result == Boolean.TRUE) {
                grant.extended(now, grant.leaseNanos());
                grant.nextRenewal = now + period(grant);
                schedule(period(grant));
            } else if (result instanceof Exception e) {
                Exception failure = service.backendFailure("renew", grant.name(), e);
                long left = grant.deadline() - service.ticker.getAsLong();
                if (left <= 0) {
                    grant.lost(new LockLostException(grant.name(), grant.token(), "renewal", failure), true);
                } else {
                    long retry = Math.max(1_000_000L, left / 3);
                    grant.nextRenewal = now + retry;
                    schedule(Math.min(retry, left));
                }
            } else {
                grant.lost(new LockLostException(grant.name(), grant.token(), "renewal", null), true);
            }
        }
    }
}
