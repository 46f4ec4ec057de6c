package dev.mainstay.docs.metrics;

import dev.mainstay.docs.GuideCheck;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every code block of {@code docs/metrics.md} is a region of the compiled, tested sources. */
class MetricsGuideTest {

    @Test
    void theGuideShowsTheCompiledCode() throws IOException {
        GuideCheck.assertGuideShowsTheCompiledCode("metrics.md", 13, "metrics/MetricsSnippets.java",
                "metrics/PoolMeters.java", "metrics/CircuitBreakerMeters.java", "metrics/RateLimiterMeters.java",
                "metrics/ConcurrencyLimiterMeters.java", "metrics/LockMeters.java", "metrics/IdempotencyMeters.java");
    }
}
