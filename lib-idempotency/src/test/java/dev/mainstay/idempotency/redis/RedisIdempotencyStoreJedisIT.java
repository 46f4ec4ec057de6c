package dev.mainstay.idempotency.redis;


/** The Redis contract through Jedis, bound with two method references. */
class RedisIdempotencyStoreJedisIT extends RedisIdempotencyStoreContract {

    @Override
    RedisScripting scripting() {
        redis.clients.jedis.RedisClient jedis = redis.clients.jedis.RedisClient.create(server.host(), server.port());
        closeables.add(jedis);
        return RedisScripting.of(jedis::evalsha, jedis::eval);
    }
}
