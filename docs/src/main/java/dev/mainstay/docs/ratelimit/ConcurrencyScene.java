package dev.mainstay.docs.ratelimit;

import dev.mainstay.docs.Scene;
import dev.mainstay.ratelimit.ConcurrencyLimit;
import dev.mainstay.ratelimit.ConcurrencyLimitedException;
import dev.mainstay.ratelimit.ConcurrencyLimiter;
import dev.mainstay.ratelimit.Permit;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tour's concurrency scene: a bulkhead refusing the calls past its limit, then an adaptive limit learning a
 * slow database's real capacity, on a simulated clock so the story is the same each time.
 */
public final class ConcurrencyScene implements Scene {

    @Override
    public String module() {
        return "mainstay-ratelimit";
    }

    @Override
    public String title() {
        return "concurrency limits: a bulkhead, and a limit learned from latency";
    }

    @Override
    public void play(PrintStream out) {
        ConcurrencyLimiter bulkhead = ConcurrencyLimiter.builder(ConcurrencyLimit.fixed(2)).name("reports").build();
        Permit first = bulkhead.tryAcquire();
        Permit second = bulkhead.tryAcquire();
        try {
            bulkhead.get(() -> "a third report");
        } catch (ConcurrencyLimitedException e) {
            out.println("A bulkhead of 2: two reports run, the third is refused at once (" + e.inFlight()
                    + " in flight, limit " + e.limit() + "): answer 429 instead of queueing.");
        }
        first.close();
        first.close();
        out.println("A report closes its permit twice: the second close frees nothing ("
                + bulkhead.inFlight() + " still in flight), so it can never release someone else's slot.");
        second.close();

        AtomicLong clock = new AtomicLong(); // nanoseconds
        ConcurrencyLimiter learned = ConcurrencyLimiter.builder(ConcurrencyLimit.gradient().withInitialLimit(40))
                .name("orders-db").ticker(clock::get).build();
        out.println("An adaptive limit (Gradient, initial limit 40) in front of a database that serves 10 queries at"
                + " once in 5 ms, and shares itself among more (each then takes longer).");
        out.println("  first it measures the unloaded latency at a quarter of its limit: limit " + learned.limit());
        double capacity = 10;
        for (int round = 1; round <= 300; round++) {
            if (round == 151) {
                capacity = 5;
                out.println("  the database loses half its capacity (now 5 at once)");
            }
            List<Permit> batch = new ArrayList<>();
            Permit permit;
            while ((permit = learned.tryAcquire()).isGranted()) {
                batch.add(permit);
            }
            long latency = (long) (5_000_000L * Math.max(1.0, batch.size() / capacity));
            clock.addAndGet(latency);
            batch.forEach(Permit::success);
            if (round == 150 || round == 300) {
                out.printf(java.util.Locale.ROOT, "  after %d rounds of calls: limit %d, latency %.1f ms%n", round,
                        learned.limit(), latency / 1e6);
            }
        }
        out.println("It followed the capacity from latency alone, with a headroom of a few calls (queueSize 4):"
                + " no one had to guess a number.");
    }
}
