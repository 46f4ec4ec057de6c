/**
 * Locks whose grants live in Redis: {@link dev.mainstay.lock.redis.RedisLock}, bound to any client through
 * {@link dev.mainstay.lock.redis.RedisScripting}.
 *
 * <pre>{@code
 * RedisClient jedis = RedisClient.create("localhost", 6379);   // redis.clients.jedis
 * RedisLock locks = RedisLock.builder(RedisScripting.of(jedis::evalsha, jedis::eval)).build();
 * try (LockHandle lock = locks.acquire("payout", Duration.ofSeconds(30), Duration.ofSeconds(5))) {
 *     ledger.write(lock.token(), payout);
 * }
 * }</pre>
 *
 * <h2>Keys</h2>
 * A lock named {@code n} is the string key {@code <prefix>{n}} (default prefix {@code lock:}), holding
 * {@code "<owner>:<token>"} with a {@code PX} lease while it is held, and nothing otherwise. Its token counter is
 * {@code <prefix>{n}:token}, the last token granted, which expires 60 s after the lease it was written with. The
 * name is the hash tag, so both keys are in one Cluster slot. The owner is 128 random bits of one handle (never a
 * thread id), and release and extend compare owner <em>and</em> token.
 *
 * <h2>The scripts</h2>
 * One script call per operation: {@code EVALSHA}, and one {@code EVAL} when the server answers {@code NOSCRIPT}
 * (e.g. after a restart). Each script's header comment is its full contract.
 * <ul>
 *   <li><b>acquire</b>: keys {@code [lock, counter]}, args {@code [owner, lease ms, counter TTL ms]}; returns
 *       {@code [1, token]} or {@code [0, PTTL of the holder]}. If the lock key exists it refuses; otherwise the
 *       token is the counter plus one, but never below the server's {@code TIME} in microseconds, and the script
 *       writes the counter and the lock. Server commands: {@code PTTL} when refused; {@code PTTL, TIME, GET,
 *       SET PX, SET PX} when granted.</li>
 *   <li><b>extend</b>: keys {@code [lock]}, args {@code ["owner:token", lease ms]}; returns {@code [1]} or
 *       {@code [0]} (lost). Commands: {@code GET, PEXPIRE} ({@code GET} alone when lost).</li>
 *   <li><b>release</b>: keys {@code [lock]}, args {@code ["owner:token"]}; returns {@code [1]} or {@code [0]}
 *       (lost). Commands: {@code GET, DEL} ({@code GET} alone when lost).</li>
 * </ul>
 * Leases are sent in whole milliseconds, rounded up, so the server's lease never ends before the handle's local
 * deadline ({@link dev.mainstay.lock.LockHandle#isHeld()}), which is measured from before the request was sent.
 *
 * <h2>Cost</h2>
 * Round trips: acquire 1 (a refused try also 1; a wait is one per try), extend 1, release 1; so acquire plus
 * release is 2 {@code EVALSHA} and 9 server commands in all (7 inside the scripts). With
 * {@link dev.mainstay.lock.redis.RedisLock.Builder#waitForReplicas}, acquire and extend cost one more round trip
 * each ({@code WAIT}). Renewal is one {@code EVALSHA} per grant every third of its lease: grants are not batched,
 * because one script may only touch keys of one Cluster slot, and different names are in different slots.
 *
 * <h2>Guarantees, exactly</h2>
 * <ul>
 *   <li><b>Mutual exclusion, on one server.</b> While a grant's key exists on the server, no other grant of the
 *       name is made: the check and the write are one script, which Redis runs atomically. The key exists until
 *       release or until its {@code PX} lease passes on the server's clock. This is a guarantee of a single Redis
 *       node (or of the primary of a Cluster slot) that keeps its data.</li>
 *   <li><b>Fencing tokens, on one server.</b> A grant's token is greater than every earlier token of its name:
 *       greater than the counter, and at least the server's {@code TIME} in microseconds. So tokens never repeat
 *       or step back, even after the counter expired or a restart of a server that keeps nothing, as long as the
 *       server's clock does not step back and a name is granted less than once per microsecond on average (the
 *       counter carries the surplus for 60 s after the last grant's lease). Tokens are therefore about 1.8e15
 *       today, not 1, 2, 3.</li>
 *   <li><b>A restart without persistence</b> forgets every holder: the name can be granted at once to another
 *       owner while the old holder still works. The old holder finds out on its next extend
 *       ({@link dev.mainstay.lock.LockLostException}), renewal (the callback) or release ({@code false}, or
 *       {@code LockLostException} from {@code close()}); its token is still below the new holder's, so a fenced
 *       resource refuses its late writes. With persistence ({@code appendfsync always}) a restart loses nothing;
 *       with {@code everysec} it may lose the last second of grants.</li>
 *   <li><b>Replication is asynchronous.</b> If the primary fails before a grant reached a replica and the replica
 *       is promoted, the grant is lost (a second owner may be granted the name while the first still works) and
 *       the counter may step back; the new primary's {@code TIME} floor still keeps new tokens above the lost
 *       ones, unless the new primary's clock lags the old primary's by more than the time the failover took.
 *       Neither the lock nor {@code WAIT} makes Redis a consensus system: {@code WAIT} lowers the chance of losing
 *       a grant on failover, it does not remove it (Kleppmann, "How to do distributed locking"). Where safety
 *       matters, fence the resource with the token and treat the lock as an efficiency device.</li>
 *   <li><b>Redis Cluster</b> keeps each name on one slot's primary, so each name has exactly the single-node
 *       guarantees above, with the failover caveat for that slot. This is not Redlock: no quorum over independent
 *       masters.</li>
 * </ul>
 *
 * <h2>WAIT</h2>
 * Scripts may not call {@code WAIT}, so the opt-in goes through {@link dev.mainstay.lock.redis.RedisWait}, called
 * after the script. {@code WAIT} only counts the writes of the connection it runs on, so it means something only
 * when the script and the {@code WAIT} share one connection: a plain {@code Jedis} used by one thread at a time,
 * or Lettuce's shared connection. Through a pool they may run on two connections and {@code WAIT} proves nothing.
 * A grant fewer replicas acknowledge is released and reported as a backend failure (see
 * {@link dev.mainstay.lock.redis.RedisLock.Builder#waitForReplicas}).
 *
 * <h2>Failures</h2>
 * Whatever the client throws (connection refused or lost, timeouts, script errors) becomes
 * {@link dev.mainstay.lock.LockBackendException} with the client's exception as cause and the operation named.
 * Nothing is retried. A client that re-sends commands after a reconnect (Lettuce does, by default) makes an
 * operation at-least-once: a re-sent release may then report a loss that did not happen, and a re-sent acquire
 * may find its own first grant and refuse, leaving that grant to expire with its lease; neither grants a lock
 * twice. A reply the lock cannot decode (a client bound to return something else than {@code Long} and
 * {@code List}) is a bug and throws {@link java.lang.IllegalStateException}.
 *
 * <h2>Not supported</h2>
 * Redis before 5 (the scripts write after reading {@code TIME}); on Cluster, names that begin with {@code '}'}
 * (the hash tag would be empty, the two keys could land on different slots and the script would fail with
 * {@code CROSSSLOT}); Redlock; pub/sub wake-ups (waiters poll).
 *
 * <p>All parameters and return values are non-null unless a method says otherwise.
 */
package dev.mainstay.lock.redis;
