package io.autoconn.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Writes items that arrive together in one transaction: the commit (a WAL flush on PostgreSQL, a sync on
 * SQLite) and the transaction's own work are shared, where each item alone would pay for its own. Every
 * caller still returns only once its item is committed, or with its item's failure.
 *
 * <p>No thread of its own: callers queue their item, then take turns holding the lock. The holder writes
 * whatever is queued (at most {@link #MAX_GROUP}), its own item included; a caller whose item a previous
 * holder wrote finds it done and returns. A group whose transaction breaks an integrity constraint (a
 * space deleted meanwhile, say) is written again one item per transaction, so that only the item at
 * fault fails; any other failure (the database is down) is every item's answer at once, not one wait each.
 *
 * <p>Measured with {@code bench/pg-ceiling.sh}: PostgreSQL writes creates eight to a transaction at about
 * four times the rate per busy core it writes them one to a transaction.
 */
final class GroupCommit<T> {
    static final int MAX_GROUP = 64;

    private final Database database;
    private final BiConsumer<DSLContext, T> write;
    private final ConcurrentLinkedQueue<Pending<T>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock turn = new ReentrantLock();

    /** @param write writes one item in the transaction it is given */
    GroupCommit(Database database, BiConsumer<DSLContext, T> write) {
        this.database = database;
        this.write = write;
    }

    /** Returns once {@code item} is committed; throws what writing it threw. */
    void write(T item) {
        Pending<T> mine = new Pending<>(item);
        queued.add(mine);
        turn.lock();
        try {
            while (!mine.done) {
                commit(nextGroup());
            }
        } finally {
            turn.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** How many writers wait for their turn. */
    int waiting() {
        return turn.getQueueLength();
    }

    private List<Pending<T>> nextGroup() {
        List<Pending<T>> group = new ArrayList<>();
        Pending<T> next;
        while (group.size() < MAX_GROUP && (next = queued.poll()) != null) {
            group.add(next);
        }
        return group;
    }

    private void commit(List<Pending<T>> group) {
        try {
            database.transaction(tx -> {
                group.forEach(pending -> write.accept(tx, pending.item));
                return null;
            });
            group.forEach(pending -> pending.finish(null));
        } catch (DataAccessException e) {
            if (group.size() > 1 && SpaceRows.isIntegrityViolation(e)) {
                group.forEach(this::commitAlone);
            } else {
                group.forEach(pending -> pending.finish(e));
            }
        } catch (RuntimeException e) {
            group.forEach(pending -> pending.finish(e));
        } finally {
            // An Error on the way: no caller may wait for an item nobody will write any more.
            group.stream().filter(pending -> !pending.done)
                    .forEach(pending -> pending.finish(new IllegalStateException("The write of its group ended abnormally")));
        }
    }

    private void commitAlone(Pending<T> pending) {
        try {
            database.transaction(tx -> {
                write.accept(tx, pending.item);
                return null;
            });
            pending.finish(null);
        } catch (RuntimeException e) {
            pending.finish(e);
        }
    }

    private static final class Pending<T> {
        final T item;
        /** Set before {@link #done}, read after it: the volatile write and read order them. */
        RuntimeException failure;
        volatile boolean done;

        Pending(T item) {
            this.item = item;
        }

        void finish(RuntimeException failure) {
            this.failure = failure;
            done = true;
        }
    }
}
