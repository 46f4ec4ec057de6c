package dev.mainstay.docs.metrics;

// idempotency binder
import dev.mainstay.idempotency.IdempotencyBackendException;
import dev.mainstay.idempotency.IdempotencyListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Micrometer meters of one idempotency executor: requests by outcome. */
public final class IdempotencyMeters implements IdempotencyListener, MeterBinder {

    private final String name;
    private final Map<String, LongAdder> outcomes = Map.of(
            "executed", new LongAdder(), "replayed", new LongAdder(), "in_progress", new LongAdder(),
            "key_reuse", new LongAdder(), "released", new LongAdder(), "lease_lost", new LongAdder(),
            "backend_failure", new LongAdder());

    /** Meters tagged {@code name=name}. */
    public IdempotencyMeters(String name) {
        this.name = name;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        outcomes.forEach((outcome, count) -> FunctionCounter.builder("mainstay.idempotency.requests", count,
                        LongAdder::sum)
                .description("requests by outcome").tag("name", name).tag("outcome", outcome).register(registry));
    }

    @Override
    public void onExecuted(String scope, String key, long attempt) {
        outcomes.get("executed").increment();
    }

    @Override
    public void onReplayed(String scope, String key) {
        outcomes.get("replayed").increment();
    }

    @Override
    public void onInProgress(String scope, String key) {
        outcomes.get("in_progress").increment();
    }

    @Override
    public void onKeyReuse(String scope, String key) {
        outcomes.get("key_reuse").increment();
    }

    @Override
    public void onReleased(String scope, String key, long attempt, Throwable failure) {
        outcomes.get("released").increment();
    }

    @Override
    public void onLeaseLost(String scope, String key, long attempt) {
        outcomes.get("lease_lost").increment();
    }

    @Override
    public void onBackendFailure(IdempotencyBackendException failure) {
        outcomes.get("backend_failure").increment();
    }
}
// end
