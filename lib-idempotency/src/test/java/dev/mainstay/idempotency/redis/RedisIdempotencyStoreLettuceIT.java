package dev.mainstay.idempotency.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;

/**
 * The Redis contract through Lettuce, bound with two short lambdas. Lettuce queues commands while it reconnects
 * (until its timeout); here it rejects them at once, so that a restart surfaces as failures the test can count.
 */
class RedisIdempotencyStoreLettuceIT extends RedisIdempotencyStoreContract {

    @Override
    RedisScripting scripting() {
        RedisURI uri = RedisURI.create(server.uri());
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        StatefulRedisConnection<String, String> connection = client.connect();
        closeables.add(client::shutdown);
        closeables.add(connection);
        RedisCommands<String, String> commands = connection.sync();
        return RedisScripting.of(
                (sha, keys, args) -> commands.evalsha(sha, ScriptOutputType.MULTI,
                        keys.toArray(new String[0]), args.toArray(new String[0])),
                (script, keys, args) -> commands.eval(script, ScriptOutputType.MULTI,
                        keys.toArray(new String[0]), args.toArray(new String[0])));
    }
}
