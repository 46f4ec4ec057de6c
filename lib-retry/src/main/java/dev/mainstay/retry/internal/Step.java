package dev.mainstay.retry.internal;

/**
 * One stage of a pipeline, made once when the pipeline is built: it takes the user's operation as an argument
 * instead of capturing it, so that passing a call through retry and breaker allocates nothing.
 */
@FunctionalInterface
public interface Step {

    /** Calls a {@link java.util.concurrent.Callable} given as {@code argument}. */
    Step CALLABLE = argument -> ((java.util.concurrent.Callable<?>) argument).call();

    /**
     * Runs this stage (and the ones inside it) for the operation {@code argument}.
     *
     * @return the operation's result: null when it returned null, or when it has none (a {@link Runnable})
     */
    @Nullable Object call(Object argument) throws Exception;

    /**
     * A result that went through the untyped stages, as the type the caller's operation returns. It is null only
     * when that operation returned null, which the caller's {@code T} then allows.
     */
    // the unchecked cast to the caller's T is this method's purpose (TypeParameterUnusedInFormals); T's nullness
    // is the caller's, and NullAway reads a bare T as non-null
    @SuppressWarnings({"unchecked", "NullAway", "TypeParameterUnusedInFormals"})
    static <T> T typed(@Nullable Object result) {
        return (T) result;
    }
}
