package dev.mainstay.pool;

import dev.mainstay.testkit.FreshJvm;
import org.junit.jupiter.api.Test;

/**
 * A JVM's first JFR event class costs 200–300 ms of JFR set-up, recording or not. A pool's borrowers, creator and
 * housekeeper must not pay it when no recording runs, so a fresh JVM that does it must load no JFR event class at all.
 */
class FirstEventTest {

    /** Run in a fresh JVM by the test: a borrow that times out, a creation and a destruction, with no recording. */
    public static void main(String[] args) throws Exception {
        Pool<Object> pool = Pool.builder((Lifecycle<Object>) Object::new).name("first").maxSize(1).build();
        Lease<Object> held = pool.borrow();
        try {
            pool.borrow(java.time.Duration.ofMillis(5));
            throw new AssertionError("expected a timeout");
        } catch (PoolTimeoutException expected) {
            // the wait's and the timeout's events
        }
        held.close();
        if (!pool.close(java.time.Duration.ofSeconds(5))) {
            throw new AssertionError("the pool did not close");
        }
        System.out.println("done");
    }

    @Test
    void noJfrEventClassIsLoadedWithoutARecording() throws Exception {
        FreshJvm.assertNoJfrEventClassLoaded(FirstEventTest.class, Pool.class);
    }
}
