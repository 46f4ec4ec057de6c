package dev.mainstay.lock.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainstay.lock.LockBackendException;
import dev.mainstay.lock.LockHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The Redis lock without a server: a scripted client that answers what a test tells it, and records the calls. */
class RedisLockTest {

    /** Replies in order; an exception is thrown instead of returned. Records "evalsha|eval resource keys args". */
    static final class FakeRedis implements RedisScripting {
        final Deque<Object> replies = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();

        private static final Object NULL = new Object();

        FakeRedis reply(Object... replies) {
            for (Object reply : replies) {
                this.replies.add(reply == null ? NULL : reply);
            }
            return this;
        }

        @Override
        public Object evalSha(String sha1, List<String> keys, List<String> args) {
            return answer("evalsha " + script(sha1) + " " + keys + " " + args);
        }

        @Override
        public Object eval(String script, List<String> keys, List<String> args) {
            return answer("eval " + script(script) + " " + keys + " " + args);
        }

        private static String script(String shaOrSource) {
            for (LockScript s : List.of(LockScript.ACQUIRE, LockScript.EXTEND, LockScript.RELEASE)) {
                if (s.sha1.equals(shaOrSource) || s.source.equals(shaOrSource)) {
                    return s.resource;
                }
            }
            throw new AssertionError("unknown script " + shaOrSource);
        }

        private Object answer(String call) {
            calls.add(call);
            Object reply = replies.remove();
            if (reply instanceof RuntimeException e) {
                if (e.getCause() instanceof InterruptedException) {
                    Thread.currentThread().interrupt(); // as Lettuce does when a waiting call is interrupted
                }
                throw e;
            }
            return reply == NULL ? null : reply;
        }
    }

    private static final Duration LEASE = Duration.ofMillis(1500);

    @Test
    void acquireExtendAndReleaseAreOneScriptCallEachOnHashTaggedKeys() {
        FakeRedis redis = new FakeRedis().reply(List.of(1L, 1_700_000_000_000_001L), List.of(1L), List.of(1L));
        RedisLock locks = RedisLock.builder(redis).keyPrefix("jobs:").build();
        LockHandle handle = locks.tryAcquire("a{b}", LEASE).orElseThrow();
        assertEquals(1_700_000_000_000_001L, handle.token());
        handle.extend(Duration.ofNanos(2_000_000_001L));
        assertTrue(handle.release());
        String owner = redis.calls.get(0).replaceAll(".*\\[([0-9a-f]{32}), 1500, 61500\\]$", "$1");
        assertEquals(32, owner.length(), redis.calls.get(0));
        assertEquals(List.of(
                "evalsha acquire.lua [jobs:{a{b}}, jobs:{a{b}}:token] [" + owner + ", 1500, 61500]",
                "evalsha extend.lua [jobs:{a{b}}] [" + owner + ":1700000000000001, 2001]",
                "evalsha release.lua [jobs:{a{b}}] [" + owner + ":1700000000000001]"), redis.calls);
        assertEquals("jobs:{a{b}}", locks.redisKey("a{b}"));
    }

    @Test
    void eachHandleHasItsOwnRandomOwner() {
        Set<String> owners = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String owner = RedisLockBackend.newOwner();
            assertTrue(owner.matches("[0-9a-f]{32}"), owner);
            owners.add(owner);
        }
        assertEquals(1000, owners.size());
    }

    @Test
    void leasesGoToTheServerInWholeMillisecondsRoundedUp() {
        assertEquals(1, RedisLockBackend.millis(1_000_000));
        assertEquals(2, RedisLockBackend.millis(1_000_001));
        assertEquals(Long.MAX_VALUE / 1_000_000 + 1, RedisLockBackend.millis(Long.MAX_VALUE));
    }

    @Test
    void aRefusalIsEmpty() {
        RedisLock locks = RedisLock.builder(new FakeRedis().reply(List.of(0L, 812L))).build();
        assertTrue(locks.tryAcquire("a", LEASE).isEmpty());
    }

    @Test
    void noScriptFallsBackToEvalOnce() {
        FakeRedis redis = new FakeRedis().reply(new RuntimeException("NOSCRIPT No matching script"),
                List.of(1L, 5L), new RuntimeException("wrapped", new RuntimeException("NOSCRIPT")), 1L);
        RedisLock locks = RedisLock.builder(redis).build();
        LockHandle handle = locks.tryAcquire("a", LEASE).orElseThrow();
        assertTrue(handle.release(), "a bare integer reply is accepted too");
        assertEquals(List.of("evalsha", "eval", "evalsha", "eval"),
                redis.calls.stream().map(c -> c.substring(0, c.indexOf(' '))).toList());
    }

    @Test
    void aClientFailureIsABackendFailureNamingTheOperation() {
        RuntimeException refused = new RuntimeException("Connection refused");
        RedisLock locks = RedisLock.builder(new FakeRedis().reply(refused)).build();
        LockBackendException e = assertThrows(LockBackendException.class, () -> locks.tryAcquire("a", LEASE));
        assertSame(refused, e.getCause());
        assertEquals("acquire", e.operation());
        assertEquals("a", e.lockName());
        assertEquals("acquire of lock 'a' failed on Redis: java.lang.RuntimeException: Connection refused",
                e.getMessage());

        FakeRedis redis = new FakeRedis().reply(List.of(1L, 7L), refused, refused);
        LockHandle handle = RedisLock.builder(redis).build().tryAcquire("a", LEASE).orElseThrow();
        assertEquals("extend", assertThrows(LockBackendException.class, () -> handle.extend(LEASE)).operation());
        assertEquals("release", assertThrows(LockBackendException.class, handle::release).operation());
    }

    @Test
    void aWaitInterruptedDuringTheClientsCallThrowsInterruptedException() {
        RuntimeException interruptedCall = new RuntimeException("Command interrupted", new InterruptedException());
        RedisLock locks = RedisLock.builder(new FakeRedis().reply(List.of(0L, 100L), interruptedCall)).build();
        InterruptedException e = assertThrows(InterruptedException.class,
                () -> locks.acquire("a", LEASE, Duration.ofSeconds(10)));
        assertEquals("interrupted while acquiring lock 'a'", e.getMessage());
        LockBackendException failure = assertInstanceOf(LockBackendException.class, e.getCause());
        assertSame(interruptedCall, failure.getCause());
        assertFalse(Thread.interrupted(), "the interrupt was consumed by the exception");
    }

    @Test
    void aReplyThatCannotBeDecodedIsABugNotABackendFailure() {
        for (Object bad : new Object[] {"OK", null, List.of(1L), List.of(1L, "7"), List.of(2L, 7L), List.of(1L, 0L),
                List.of(1L, 7L, 8L)}) {
            RedisLock locks = RedisLock.builder(new FakeRedis().reply(bad)).build();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> locks.tryAcquire("a", LEASE),
                    String.valueOf(bad));
            assertTrue(e.getMessage().startsWith("unexpected reply from the lock's acquire.lua script: "),
                    e.getMessage());
        }
        FakeRedis redis = new FakeRedis().reply(List.of(1L, 7L), List.of(2L), List.of());
        LockHandle handle = RedisLock.builder(redis).build().tryAcquire("a", LEASE).orElseThrow();
        assertThrows(IllegalStateException.class, () -> handle.extend(LEASE));
        assertThrows(IllegalStateException.class, handle::release);
    }

    @Test
    void aGrantTooFewReplicasAcknowledgeIsReleasedAndReported() {
        FakeRedis redis = new FakeRedis().reply(List.of(1L, 7L), List.of(1L));
        List<String> waits = new ArrayList<>();
        RedisLock locks = RedisLock.builder(redis).waitForReplicas(2, Duration.ofMillis(30), (replicas, timeout) -> {
            waits.add(replicas + " " + timeout);
            return 1;
        }).build();
        LockBackendException e = assertThrows(LockBackendException.class, () -> locks.tryAcquire("a", LEASE));
        assertEquals("acquire", e.operation());
        assertEquals("WAIT 2 30: 1 of 2 replicas acknowledged the grant within PT0.03S; the grant was released",
                assertInstanceOf(TimeoutException.class, e.getCause()).getMessage());
        assertEquals(List.of("2 30"), waits);
        assertTrue(redis.calls.get(1).startsWith("evalsha release.lua [lock:{a}]"), redis.calls.toString());
    }

    @Test
    void aFailedReleaseAfterAFailedWaitIsSuppressedInTheCause() {
        RuntimeException down = new RuntimeException("Connection reset");
        FakeRedis redis = new FakeRedis().reply(List.of(1L, 7L), down);
        RuntimeException waitFailed = new RuntimeException("WAIT failed");
        RedisLock locks = RedisLock.builder(redis).waitForReplicas(1, Duration.ofMillis(5), (replicas, timeout) -> {
            throw waitFailed;
        }).build();
        LockBackendException e = assertThrows(LockBackendException.class, () -> locks.tryAcquire("a", LEASE));
        assertSame(waitFailed, e.getCause());
        assertSame(down, e.getCause().getSuppressed()[0]);
    }

    @Test
    void badSettingsAreRefusedByName() {
        RedisLock.Builder builder = RedisLock.builder(new FakeRedis());
        assertEquals("keyPrefix must not contain braces but was 'a{'",
                assertThrows(IllegalArgumentException.class, () -> builder.keyPrefix("a{")).getMessage());
        assertEquals("keyPrefix must not contain braces but was '}'",
                assertThrows(IllegalArgumentException.class, () -> builder.keyPrefix("}")).getMessage());
        assertEquals("keyPrefix", assertThrows(NullPointerException.class, () -> builder.keyPrefix(null)).getMessage());
        assertEquals("redis", assertThrows(NullPointerException.class, () -> RedisLock.builder(null)).getMessage());
        RedisWait wait = (replicas, timeout) -> replicas;
        assertEquals("replicas must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> builder.waitForReplicas(0, Duration.ofMillis(5), wait)).getMessage());
        assertEquals("timeout must be at least 1 ms but was PT0S (WAIT with 0 blocks forever)",
                assertThrows(IllegalArgumentException.class,
                        () -> builder.waitForReplicas(1, Duration.ZERO, wait)).getMessage());
        assertEquals("timeout must be at least 1 ms but was PT-1S (WAIT with 0 blocks forever)",
                assertThrows(IllegalArgumentException.class,
                        () -> builder.waitForReplicas(1, Duration.ofSeconds(-1), wait)).getMessage());
        assertEquals("timeout must be whole milliseconds but was PT0.0015S",
                assertThrows(IllegalArgumentException.class,
                        () -> builder.waitForReplicas(1, Duration.ofNanos(1_500_000), wait)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> builder.waitForReplicas(1, Duration.ofSeconds(Long.MAX_VALUE), wait)).getMessage()
                .startsWith("timeout must be below 9223372036854775 seconds but was PT"));
        assertEquals("timeout", assertThrows(NullPointerException.class,
                () -> builder.waitForReplicas(1, null, wait)).getMessage());
        assertEquals("wait", assertThrows(NullPointerException.class,
                () -> builder.waitForReplicas(1, Duration.ofMillis(5), null)).getMessage());
        RedisLock locks = builder.keyPrefix("").build();
        assertEquals("{n}", locks.redisKey("n"));
        assertThrows(IllegalArgumentException.class, () -> locks.redisKey(""));
        assertEquals("lease must be at least PT0.001S on Redis but was PT0.000999S",
                assertThrows(IllegalArgumentException.class,
                        () -> locks.tryAcquire("n", Duration.ofNanos(999_000))).getMessage());
        assertEquals("RedisLock[redis, {...}]", locks.toString());
        assertFalse(locks.config().name().isBlank());
    }

    @Test
    void everyScriptDocumentsItsKeysArgumentsAndReply() {
        for (LockScript script : List.of(LockScript.ACQUIRE, LockScript.EXTEND, LockScript.RELEASE)) {
            assertTrue(script.source.contains("-- KEYS[1]"), script.resource);
            assertTrue(script.source.contains("-- ARGV[1]"), script.resource);
            assertTrue(script.source.contains("-- Returns "), script.resource);
            assertTrue(script.source.contains("-- Commands: "), script.resource);
            assertTrue(script.sha1.matches("[0-9a-f]{40}"), script.sha1);
        }
        assertTrue(LockScript.ACQUIRE.source.contains("string.format('%.0f', token)"));
    }
}
