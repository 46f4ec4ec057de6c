package dev.mainstay.idempotency.redis;

import java.util.List;
import java.util.Objects;

/**
 * The one thing this module needs from a Redis client: run a Lua script. Bind it to your client in one line.
 *
 * <p>Jedis ({@code RedisClient}, {@code UnifiedJedis}, or a plain {@code Jedis}):
 * <pre>{@code
 * RedisClient jedis = RedisClient.create("localhost", 6379);   // redis.clients.jedis
 * RedisScripting scripting = RedisScripting.of(jedis::evalsha, jedis::eval);
 * }</pre>
 * Lettuce:
 * <pre>{@code
 * import io.lettuce.core.RedisClient;
 *
 * RedisCommands<String, String> redis = RedisClient.create("redis://localhost").connect().sync();
 * RedisScripting scripting = RedisScripting.of(
 *         (sha, keys, args) -> redis.evalsha(sha, ScriptOutputType.MULTI, keys.toArray(new String[0]), args.toArray(new String[0])),
 *         (script, keys, args) -> redis.eval(script, ScriptOutputType.MULTI, keys.toArray(new String[0]), args.toArray(new String[0])));
 * }</pre>
 *
 * <p>The store calls {@link #evalSha} and, when the client's error says {@code NOSCRIPT} (the server does not
 * have the script cached, e.g. after a restart), {@link #eval} once. The script returns integers, or an array of integers and one bulk string (decoded whether the client gives it as a String or as bytes).
 */
public interface RedisScripting {

    /**
     * Runs a cached script: Redis {@code EVALSHA}.
     *
     * @param sha1 the script's SHA-1, lower-case hex
     * @param keys the keys
     * @param args the arguments
     * @return the client's reply (an integer, or a list of integers and one string)
     */
    Object evalSha(String sha1, List<String> keys, List<String> args);

    /**
     * Runs a script: Redis {@code EVAL} (which also caches it).
     *
     * @param script the Lua source
     * @param keys   the keys
     * @param args   the arguments
     * @return the client's reply (an integer, or a list of integers and one string)
     */
    Object eval(String script, List<String> keys, List<String> args);

    /**
     * An adapter from two functions, typically method references of a client.
     *
     * @param evalSha runs {@code EVALSHA sha1 keys args}
     * @param eval    runs {@code EVAL script keys args}
     * @return the adapter
     */
    static RedisScripting of(EvalFunction evalSha, EvalFunction eval) {
        Objects.requireNonNull(evalSha, "evalSha");
        Objects.requireNonNull(eval, "eval");
        return new RedisScripting() {
            @Override
            public Object evalSha(String sha1, List<String> keys, List<String> args) {
                return evalSha.apply(sha1, keys, args);
            }

            @Override
            public Object eval(String script, List<String> keys, List<String> args) {
                return eval.apply(script, keys, args);
            }
        };
    }

    /**
     * One of a client's script commands: {@code (script or SHA-1, keys, args) -> reply}.
     *
     * <pre>{@code
     * RedisScripting.EvalFunction evalSha = jedis::evalsha;
     * }</pre>
     */
    @FunctionalInterface
    interface EvalFunction {
        /**
         * Runs the command.
         *
         * @param scriptOrSha the script, or its SHA-1
         * @param keys        the keys
         * @param args        the arguments
         * @return the reply
         */
        Object apply(String scriptOrSha, List<String> keys, List<String> args);
    }
}
