package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes that queue while another is committing go to the database together, in one transaction, and
 * each writer still gets its own answer. Rows of the tenants table stand for the items (its name is
 * unique: a constraint one item can break).
 */
abstract class GroupCommitContract extends BackendSuite {
    private static final int QUEUED = 20;

    private final ExecutorService writers = Executors.newCachedThreadPool();
    /** Each transaction a write ran in: a group shares one. */
    private final Set<DSLContext> transactions = ConcurrentHashMap.newKeySet();
    private final CountDownLatch firstWriting = new CountDownLatch(1);
    private final CountDownLatch firstMayCommit = new CountDownLatch(1);
    private Database db;
    private GroupCommit<String> tenants;

    @BeforeEach
    void setUp() {
        db = database();
        tenants = new GroupCommit<>(db, false, (tx, names) -> {
            transactions.add(tx);
            for (String name : names) {
                if (name.equals("first")) {
                    firstWriting.countDown();
                    await(firstMayCommit); // holds the turn while the others queue
                }
                if (name.equals("broken")) {
                    tx.execute("INSERT INTO no_such_table VALUES (1)");
                }
                tx.insertInto(Tables.Tenants.TABLE)
                        .set(Tables.Tenants.ID, name)
                        .set(Tables.Tenants.NAME, name.startsWith("clash") ? "clash" : name)
                        .set(Tables.Tenants.CREATED_AT, 0L)
                        .execute();
            }
        });
    }

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    @Test
    void writesQueuedBehindACommitShareOneTransactionAndAreAllStored() throws Exception {
        Future<?> first = writers.submit(() -> tenants.write("first"));
        List<Future<?>> queued = queueBehindFirst(List.of());

        firstMayCommit.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> write : queued) {
            write.get(10, TimeUnit.SECONDS);
        }

        assertThat(count()).isEqualTo(QUEUED + 1);
        assertThat(transactions).as("the first write's, then one for the %d queued", QUEUED).hasSize(2);
    }

    @Test
    void aWriteThatBreaksAConstraintFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
        Future<?> first = writers.submit(() -> tenants.write("first"));
        List<Future<?>> queued = queueBehindFirst(List.of("clash-1", "clash-2"));

        firstMayCommit.countDown();
        first.get(10, TimeUnit.SECONDS);
        int failed = 0;
        for (Future<?> write : queued) {
            try {
                write.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(DataAccessException.class);
                failed++;
            }
        }

        assertThat(failed).as("the second of the two clashing names").isEqualTo(1);
        assertThat(count()).as("the first, the queued ones, one of the clashing two").isEqualTo(1 + QUEUED + 1);
    }

    @Test
    void aFailureOtherThanAConstraintIsTheAnswerOfEveryWriteOfTheGroupAtOnce() throws Exception {
        Future<?> first = writers.submit(() -> tenants.write("first"));
        List<Future<?>> queued = queueBehindFirst(List.of("broken"));

        firstMayCommit.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<?> write : queued) {
            assertThatThrownBy(() -> write.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(DataAccessException.class);
        }

        assertThat(count()).as("the first write only").isEqualTo(1);
        assertThat(transactions).as("no write was tried again alone").hasSize(2);
    }

    /**
     * Once the first write holds the turn, starts {@link #QUEUED} writes of fresh names plus {@code more}, and
     * waits until they all wait for their turn.
     */
    private List<Future<?>> queueBehindFirst(List<String> more) throws InterruptedException {
        await(firstWriting);
        List<String> names = new ArrayList<>(more);
        for (int i = 0; i < QUEUED; i++) {
            names.add("queued-" + i);
        }
        List<Future<?>> writes = new ArrayList<>();
        for (String name : names) {
            writes.add(writers.submit(() -> tenants.write(name)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tenants.waiting() < names.size()) {
            assertThat(System.nanoTime()).as("writes queued in time").isLessThan(deadline);
            Thread.sleep(5);
        }
        return writes;
    }

    private int count() {
        return db.dsl().fetchCount(Tables.Tenants.TABLE);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
