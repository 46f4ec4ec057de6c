package dev.mainstay.docs;

import dev.mainstay.docs.hashring.HashRingScene;
import dev.mainstay.docs.idempotency.IdempotencyScene;
import dev.mainstay.docs.lock.LockScene;
import dev.mainstay.docs.pool.PoolScene;
import dev.mainstay.docs.ratelimit.RateLimiterScene;
import dev.mainstay.docs.retry.RetryScene;
import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runnable tour of Mainstay: every module, on its embedded default, doing its job and saying what happened.
 *
 * <p>Run it with the README's first command. {@code TourTest} runs it on every build, so it cannot rot.
 */
public final class Tour {

    /** The modules in README order, with what each is for. */
    static final Map<String, String> MODULES = modules();

    /** The scenes, in the order they are played. Each module's issue adds its scene here. */
    static final List<Scene> SCENES = List.of(
            new PoolScene(),
            new RetryScene(),
            new RateLimiterScene(),
            new dev.mainstay.docs.ratelimit.ConcurrencyScene(),
            new LockScene(),
            new IdempotencyScene(),
            new HashRingScene());

    private Tour() {}

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Plays every scene, then lists the modules that have none yet. */
    public static void run(PrintStream out) throws Exception {
        out.println("Mainstay tour: resilience and connection-management primitives, zero runtime dependencies.");
        out.println();
        for (Scene scene : SCENES) {
            out.println("== " + scene.module() + ": " + scene.title());
            scene.play(out);
            out.println();
        }
        List<String> toCome = MODULES.keySet().stream()
                .filter(module -> SCENES.stream().noneMatch(scene -> scene.module().equals(module)))
                .toList();
        if (!toCome.isEmpty()) {
            out.println("Modules still being built (no scene yet):");
            for (String module : toCome) {
                out.println("  " + module + " - " + MODULES.get(module));
            }
            out.println();
        }
        out.println("End of the tour: " + SCENES.size() + " scene(s) played.");
    }

    private static Map<String, String> modules() {
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put("mainstay-pool", "generic object/connection pool, plus a JDBC DataSource");
        modules.put("mainstay-retry", "retry, circuit breakers, timeouts, hedged calls, fallbacks, one pipeline");
        modules.put("mainstay-ratelimit", "token-bucket, fixed-window and other limiters, in-process and on Redis/JDBC");
        modules.put("mainstay-lock", "distributed lock with leases and fencing tokens");
        modules.put("mainstay-idempotency", "idempotency-key store with in-memory, JDBC and Redis backends");
        modules.put("mainstay-hashring", "consistent-hash ring with virtual nodes");
        return Collections.unmodifiableMap(modules);
    }
}
