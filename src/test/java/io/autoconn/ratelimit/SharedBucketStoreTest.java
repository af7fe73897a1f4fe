package io.autoconn.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.autoconn.storage.Backend;
import io.autoconn.storage.Database;
import io.autoconn.storage.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The stores servers share: two limiters, each with its own store client (as two servers have), count
 * against one budget, in the real PostgreSQL at 127.0.0.1:5432 and the real Redis at 127.0.0.1:6379.
 * A store that cannot be reached lets requests through rather than failing them.
 */
class SharedBucketStoreTest {
    private static final int LIMIT = 5;
    /** Asks the stores, as the server's blocking executor does. */
    private static final ExecutorService BLOCKING = Executors.newCachedThreadPool();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Test
    void twoServersOnOnePostgresShareOneBudget() {
        TestDatabases.PostgresSchema schema = TestDatabases.postgres();
        opened.add(schema);
        Database.open(schema.dataSource(), Backend.POSTGRESQL);
        assertSharedBudget(() -> BucketStoreFactory.postgres(schema.dataSource()));
    }

    @Test
    void concurrentRequestsOfOneUserOnTwoServersSpendExactlyTheBudget() throws Exception {
        TestDatabases.PostgresSchema schema = TestDatabases.postgres();
        opened.add(schema);
        Database.open(schema.dataSource(), Backend.POSTGRESQL);
        List<RateLimiter> servers = List.of(limiter(BucketStoreFactory.postgres(schema.dataSource())),
                limiter(BucketStoreFactory.postgres(schema.dataSource())));
        String tenant = UUID.randomUUID().toString();
        String user = UUID.randomUUID().toString();
        // 16 in flight at once: the store batches what queues behind a write; none may be lost or counted twice.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 3 * LIMIT; i++) {
                RateLimiter server = servers.get(i % 2);
                answers.add(pool.submit(() -> server.consume(tenant, user, Tier.WRITE).join().orElseThrow().allowed()));
            }
            long allowed = 0;
            for (var answer : answers) {
                allowed += answer.get() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(LIMIT);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Bucket4j fails a batch of commands on a bucket the store does not hold yet (a caller's first requests, or
     * the first after the sweeper dropped their bucket) instead of creating it: such requests went uncounted.
     */
    @Test
    void theFirstRequestsOfNewCallersArrivingTogetherAreAllCounted() throws Exception {
        TestDatabases.PostgresSchema schema = TestDatabases.postgres();
        opened.add(schema);
        Database.open(schema.dataSource(), Backend.POSTGRESQL);
        assertFirstRequestsArrivingTogetherAreAllCounted(limiter(BucketStoreFactory.postgres(schema.dataSource())));
    }

    private void assertFirstRequestsArrivingTogetherAreAllCounted(RateLimiter server) throws Exception {
        int together = 16;
        ExecutorService pool = Executors.newFixedThreadPool(together);
        try {
            for (int caller = 0; caller < 10; caller++) {
                String user = UUID.randomUUID().toString();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<RateDecision>>> answers = new ArrayList<>();
                for (int i = 0; i < together; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return server.consume("t", user, Tier.WRITE).join();
                    }));
                }
                start.countDown();
                long allowed = 0;
                for (Future<Optional<RateDecision>> answer : answers) {
                    allowed += answer.get().orElseThrow(() -> new AssertionError("a request went uncounted"))
                            .allowed() ? 1 : 0;
                }
                assertThat(allowed).isEqualTo(LIMIT);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A read budget of 1,000 and a write budget of 10,000 both have a slack of 10 per server. */
    @ParameterizedTest
    @CsvSource({"READ, 1000", "WRITE, 10000"})
    void requestsMayOverspendByTheirSlackPerServerAndNoMore(Tier tier, int budget) {
        TestDatabases.PostgresSchema schema = TestDatabases.postgres();
        opened.add(schema);
        Database.open(schema.dataSource(), Backend.POSTGRESQL);
        long slack = RateLimiter.slack(tier, budget);
        Tier other = tier == Tier.READ ? Tier.WRITE : Tier.READ;
        RateLimitSettings settings = new RateLimitSettings();
        settings.setTier1(tier == Tier.READ ? budget : LIMIT);
        settings.setTier2(tier == Tier.WRITE ? budget : LIMIT);
        // The budget must not come back while the test spends it: with a minute's period it did, on a machine
        // slow enough for 10,100 requests to take longer than that (all 10,100 let through).
        settings.setPeriod(Duration.ofHours(1));
        // Pooled, as the server's data source is: a connection opened per store write made the test last minutes.
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(schema.dataSource());
        pool.setMaximumPoolSize(4);
        HikariDataSource pooled = new HikariDataSource(pool);
        opened.add(pooled);
        List<RateLimiter> servers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            BucketStore store = BucketStoreFactory.postgres(pooled);
            opened.add(store);
            servers.add(new RateLimiter(settings, store, new SimpleMeterRegistry(), BLOCKING));
        }
        String tenant = UUID.randomUUID().toString();
        String user = UUID.randomUUID().toString();

        long allowed = 0;
        for (int i = 0; i < budget + 100; i++) {
            allowed += servers.get(i % 2).consume(tenant, user, tier).join().orElseThrow().allowed() ? 1 : 0;
        }
        assertThat(slack).isEqualTo(10);
        assertThat(allowed).as("the budget, plus at most each server's slack")
                .isBetween((long) budget, budget + 2 * slack);
        // Once both servers have written what they counted, the budget is spent for both; the other tier's is not.
        for (RateLimiter server : servers) {
            assertThat(server.consume(tenant, user, tier).join().orElseThrow().allowed()).isFalse();
            assertThat(server.consume(tenant, user, other).join().orElseThrow().allowed()).isTrue();
        }
    }

    @Test
    void twoServersOnOneRedisShareOneBudget() {
        assertSharedBudget(() -> BucketStoreFactory.redis("redis://127.0.0.1:6379"));
    }

    @Test
    void anUnreachableStoreLetsRequestsThroughAndCountsTheFailure() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/test");
        nowhere.setConnectTimeout(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RateLimiter limiter = new RateLimiter(settings(), BucketStoreFactory.postgres(nowhere), meters, BLOCKING);

        assertThat(limiter.consume("t", "u", Tier.WRITE).join()).isEmpty();
        assertThat(limiter.consume("t", "u", Tier.WRITE).join()).isEmpty();
        // The second request did not ask the dead store again: it is left alone for a while.
        assertThat(meters.get("autoconn.ratelimit.store.failures").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRedisUrlThatIsMalformedOrReachesNoRedisStopsTheStartWithoutShowingItsPassword() {
        for (String bad : new String[] {"127.0.0.1:6379", "http://127.0.0.1:6379", "redis://127.0.0.1", "redis://:s3cret@"}) {
            assertThatThrownBy(() -> BucketStoreFactory.redis(bad)).as(bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("AUTOCONN_REDIS_URL is not a redis:// or rediss:// URL with a host and a port")
                    .hasMessageNotContaining("s3cret");
        }
        assertThatThrownBy(() -> BucketStoreFactory.redis("redis://:s3cret@127.0.0.1:1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("AUTOCONN_REDIS_URL: cannot use Redis 127.0.0.1:1: ")
                .hasMessageNotContaining("s3cret");
    }

    private void assertSharedBudget(Supplier<BucketStore> storeOfOneServer) {
        RateLimiter first = limiter(storeOfOneServer.get());
        RateLimiter second = limiter(storeOfOneServer.get());
        String tenant = UUID.randomUUID().toString();
        String user = UUID.randomUUID().toString();

        for (int i = 1; i <= LIMIT; i++) {
            RateLimiter server = i % 2 == 0 ? first : second;
            RateDecision decision = server.consume(tenant, user, Tier.WRITE).join().orElseThrow();
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(LIMIT - i);
        }
        for (RateLimiter server : List.of(first, second)) {
            RateDecision refused = server.consume(tenant, user, Tier.WRITE).join().orElseThrow();
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
        }
        // Another user of the same tenant, and the same user's reads, have budgets of their own.
        assertThat(first.consume(tenant, UUID.randomUUID().toString(), Tier.WRITE).join().orElseThrow().remaining())
                .isEqualTo(LIMIT - 1);
        assertThat(second.consume(tenant, user, Tier.READ).join().orElseThrow().allowed()).isTrue();
    }

    @Test
    void aReadWithinThisServersShareIsAnsweredOnTheCallingThreadWithoutTheStore() {
        TestDatabases.PostgresSchema schema = TestDatabases.postgres();
        opened.add(schema);
        Database.open(schema.dataSource(), Backend.POSTGRESQL);
        AtomicInteger storeCalls = new AtomicInteger();
        Executor counting = command -> {
            storeCalls.incrementAndGet();
            BLOCKING.execute(command);
        };
        BucketStore store = BucketStoreFactory.postgres(schema.dataSource());
        opened.add(store);
        RateLimitSettings settings = new RateLimitSettings();
        settings.setTier1(100_000);
        settings.setTier2(LIMIT);
        RateLimiter limiter = new RateLimiter(settings, store, new SimpleMeterRegistry(), counting);
        String tenant = UUID.randomUUID().toString();
        String user = UUID.randomUUID().toString();
        assertThat(limiter.consume(tenant, user, Tier.READ).join().orElseThrow().remaining()).isEqualTo(99_999);
        assertThat(storeCalls.get()).as("the first read asks the store").isEqualTo(1);

        for (int i = 1; i <= 20; i++) {
            CompletableFuture<Optional<RateDecision>> read = limiter.consume(tenant, user, Tier.READ);
            assertThat(read).as("read %d is answered at once", i).isDone();
            assertThat(read.join().orElseThrow().remaining()).isEqualTo(99_999 - i);
        }
        assertThat(storeCalls.get()).as("20 reads within the share (slack 1,000) ask nothing").isEqualTo(1);
        assertThat(limiter.consume(tenant, user, Tier.WRITE).join().orElseThrow().allowed()).isTrue();
        assertThat(storeCalls.get()).as("a write is counted in the store").isEqualTo(2);
    }

    /**
     * Half-way through its share a server writes it to the store in the background: reads meanwhile are still
     * answered at once, and only a read that finds the whole share spent before that write is back waits for
     * the store. Before, every read arriving once the share was spent waited for the write.
     */
    @Test
    void aServerWritesItsShareAheadOfNeedWhileReadsGoOnWithoutWaiting() {
        TestDatabases.PostgresSchema schema = TestDatabases.postgres();
        opened.add(schema);
        Database.open(schema.dataSource(), Backend.POSTGRESQL);
        List<Runnable> held = new ArrayList<>();
        AtomicBoolean holding = new AtomicBoolean();
        // The server's blocking executor, except that what it is given while holding waits for the test.
        Executor blocking = command -> {
            if (holding.get()) {
                held.add(command);
            } else {
                BLOCKING.execute(command);
            }
        };
        RateLimitSettings settings = settings();
        settings.setTier1(1000); // a slack of 10
        RateLimiter server = new RateLimiter(settings, limiterStore(schema), new SimpleMeterRegistry(), blocking);
        String tenant = UUID.randomUUID().toString();
        String user = UUID.randomUUID().toString();
        assertThat(server.consume(tenant, user, Tier.READ).join().orElseThrow().remaining()).isEqualTo(999);
        holding.set(true);

        for (int i = 1; i <= 10; i++) {
            assertThat(server.consume(tenant, user, Tier.READ)).as("read %d is answered at once", i).isDone();
            // At half the share (read 5), or earlier if this loop took half the time (50 ms); once either way.
            assertThat(held).as("after read %d: one write ahead, asked for at half the share", i)
                    .hasSizeLessThanOrEqualTo(1);
            if (i >= 5) {
                assertThat(held).as("after read %d", i).hasSize(1);
            }
        }
        CompletableFuture<Optional<RateDecision>> eleventh = server.consume(tenant, user, Tier.READ);
        assertThat(eleventh).as("the share is spent and its write not back: this read waits for the store")
                .isNotDone();
        assertThat(held).hasSize(2);
        held.forEach(Runnable::run);
        assertThat(eleventh.join().orElseThrow().remaining()).isEqualTo(1000 - 12);
        // With its share written, this server answers at once again (from a new share: not in the store yet).
        assertThat(server.consume(tenant, user, Tier.READ)).isDone();
        // Another server sees every read of the first that was written: the first twelve.
        RateLimiter other = new RateLimiter(settings, limiterStore(schema), new SimpleMeterRegistry(), BLOCKING);
        assertThat(other.consume(tenant, user, Tier.READ).join().orElseThrow().remaining()).isEqualTo(1000 - 13);
    }

    private BucketStore limiterStore(TestDatabases.PostgresSchema schema) {
        BucketStore store = BucketStoreFactory.postgres(schema.dataSource());
        opened.add(store);
        return store;
    }

    private RateLimiter limiter(BucketStore store) {
        opened.add(store);
        return new RateLimiter(settings(), store, new SimpleMeterRegistry(), BLOCKING);
    }

    private static RateLimitSettings settings() {
        RateLimitSettings settings = new RateLimitSettings();
        settings.setTier1(LIMIT);
        settings.setTier2(LIMIT);
        return settings;
    }
}
