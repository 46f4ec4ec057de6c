package dev.mainstay.lock.redis;

import dev.mainstay.lock.LockConfig;
import dev.mainstay.lock.internal.LockService;

/** The Redis lock: the shared lock service over {@link RedisLockBackend}. */
final class RedisLockService extends LockService implements RedisLock {

    private final RedisLockBackend redis;

    RedisLockService(LockConfig config, RedisLockBackend backend) {
        super(config, backend);
        this.redis = backend;
    }

    @Override
    public String redisKey(String name) {
        return redis.redisKey(checkName(name));
    }

    @Override
    public String toString() {
        return "RedisLock[" + config().name() + ", " + redis.keyPrefix() + "{...}]";
    }
}
