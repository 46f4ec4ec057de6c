package dev.mainstay.docs.javadoc;

import dev.mainstay.retry.*;
import java.io.*;
import java.net.*;
import java.net.http.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

/** The free names of {@code lib-retry}'s javadoc examples: an inventory and a catalog that answer at once. */
class RetryContext extends ExampleContext {

    /** A stock level, the value the examples protect. */
    record Stock(int units) {
        static final Stock UNKNOWN = new Stock(-1);

        static Stock unknown() {
            return UNKNOWN;
        }

        boolean isStale() {
            return false;
        }
    }

    /** A product of the catalog. */
    record Product(String id) {}

    /** The remote inventory. */
    static final class Inventory {
        Stock stock(String sku) {
            return new Stock(7);
        }

        CompletableFuture<Stock> stockAsync(String sku) {
            return CompletableFuture.completedFuture(new Stock(7));
        }
    }

    /** A cache of last-known values. */
    static final class Cache {
        Stock last(String sku) {
            return new Stock(3);
        }
    }

    /** The remote catalog. */
    static final class Catalog {
        CompletableFuture<Product> productAsync(String id) {
            return CompletableFuture.completedFuture(new Product(id));
        }
    }

    /** Any policy with the generic shape {@code <T> T call(Callable<T>)}. */
    static final class Gate {
        <T> T call(Callable<T> call) throws Exception {
            return call.call();
        }
    }

    /** A connection that answers asynchronously (here: at once, on the caller's thread). */
    static final class AsyncConnection {
        void sendAsync(Object request, java.util.function.BiConsumer<String, Throwable> callback) {
            callback.accept("reply to " + request, null);
        }
    }

    /** A client whose call succeeds. */
    static final class Client {
        String fetch() {
            return "ok";
        }
    }

    final Inventory inventory = new Inventory();
    final Cache cache = new Cache();
    final Catalog catalog = new Catalog();
    final Client client = new Client();
    final AsyncConnection connection = new AsyncConnection();
    final Object request = "GET /stock";
    private final long started = System.nanoTime();
    final String sku = "sku-1";
    final String id = "p-1";
    final URI uri = URI.create("http://127.0.0.1/stock");
    final Path lockFile = Files.createTempFile("example", ".lock");
    final CircuitBreaker breaker = CircuitBreaker.ofDefaults("inventory");
    final Retry retry = Retry.builder().maxAttempts(3).build();
    final Hedge hedge = Hedge.builder().delay(Duration.ofMillis(40)).build();
    final RetryBudget catalogBudget = RetryBudget.ofDefaults();
    final Gate limiter = new Gate();
    final Gate bulkhead = new Gate();
    final ExecutorService executor = Executors.newCachedThreadPool();
    final Timeout timeout = Timeout.builder().timeout(Duration.ofSeconds(1)).executor(executor).build();

    RetryContext() throws Exception {
        AutoCloseable stop = executor::shutdownNow;
        closeLater(stop);
        closeLater(() -> Files.deleteIfExists(lockFile));
    }

    String fetch() throws IOException {
        return "ok";
    }

    String fetch(URI uri) throws IOException {
        return "ok";
    }

    String cached() {
        return "cached";
    }

    void serveFromCache() {}

    long elapsed() {
        return System.nanoTime() - started;
    }
}
