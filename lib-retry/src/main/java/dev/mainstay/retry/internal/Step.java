package dev.mainstay.retry.internal;

/**
 * One stage of a pipeline, made once when the pipeline is built: it takes the user's operation as an argument
 * instead of capturing it, so that passing a call through retry and breaker allocates nothing.
 */
@FunctionalInterface
public interface Step {

    /** Calls a {@link java.util.concurrent.Callable} given as {@code argument}. */
    Step CALLABLE = argument -> ((java.util.concurrent.Callable<?>) argument).call();

    /** Runs this stage (and the ones inside it) for the operation {@code argument}. */
    Object call(Object argument) throws Exception;
}
