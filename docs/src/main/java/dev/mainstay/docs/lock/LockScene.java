package dev.mainstay.docs.lock;

import dev.mainstay.docs.Scene;
import dev.mainstay.lock.DistributedLock;
import dev.mainstay.lock.FencedResource;
import dev.mainstay.lock.LockHandle;
import dev.mainstay.lock.LockLostException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tour's lock scene: two workers and one ledger, on a simulated clock. The first worker pauses past its lease
 * (a GC pause), the second takes over, and the first's late write is refused by its fencing token.
 */
public final class LockScene implements Scene {

    @Override
    public String module() {
        return "mainstay-lock";
    }

    @Override
    public String title() {
        return "a lease, a pause past it, and the fencing token that refuses the late write";
    }

    @Override
    public void play(PrintStream out) {
        AtomicLong clock = new AtomicLong(Long.MAX_VALUE - 5_000_000_000L); // nanoseconds, about to wrap
        try (DistributedLock locks = DistributedLock.builder().name("ledger").ticker(clock::get).build()) {
            FencedResource ledger = new FencedResource();
            AtomicLong balance = new AtomicLong();

            LockHandle first = locks.tryAcquire("ledger", Duration.ofSeconds(10)).orElseThrow();
            out.println("worker-1 holds lock 'ledger' with token " + first.token() + " for 10 s, and writes +100.");
            ledger.write(first.name(), first.token(), () -> balance.addAndGet(100));
            Optional<LockHandle> refused = locks.tryAcquire("ledger", Duration.ofSeconds(10));
            out.println("worker-2 tries too: " + (refused.isPresent() ? "granted (wrong!)" : "refused, the lease is held")
                    + ".");

            clock.addAndGet(Duration.ofSeconds(12).toNanos());
            out.println("worker-1 stalls for 12 s (a GC pause). Its own check, isHeld(), now says "
                    + first.isHeld() + ", without asking anyone.");

            LockHandle second = locks.tryAcquire("ledger", Duration.ofSeconds(10)).orElseThrow();
            ledger.write(second.name(), second.token(), () -> balance.addAndGet(50));
            out.println("worker-2 takes the expired lease with token " + second.token() + " and writes +50.");

            boolean late = ledger.tryWrite(first.token(), () -> balance.addAndGet(100));
            out.println("worker-1 wakes and writes +100 with token " + first.token() + ": "
                    + (late ? "accepted (wrong!)" : "refused, the ledger has seen token " + ledger.highestToken())
                    + ". Balance: " + balance.get() + ".");
            try {
                first.close();
            } catch (LockLostException e) {
                out.println("worker-1's release says so too: " + e.getMessage());
            }
            second.close();
            out.println("worker-2 releases; a second close of either handle would do nothing.");
        }
    }
}
