package io.autoconn.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Writes items that arrive together in one transaction: the commit (a WAL flush on PostgreSQL, a sync on
 * SQLite) and the transaction's own work are shared, where each item alone would pay for its own. Every
 * caller still returns only once its item is committed, or with its item's failure.
 *
 * <p>No thread of its own: callers queue their item, and one of them at a time (whoever takes the lock)
 * writes whatever is queued (at most {@link #MAX_GROUP}), its own item included, then wakes the callers of
 * the items it wrote and the caller first in the queue, who takes the next turn. The others sleep until
 * woken: after a commit every finished caller goes on at once, instead of each taking and passing a lock
 * in turn (a chain of thread switches that, measured, serialized the creates more than the commits did).
 * A group whose transaction breaks an integrity constraint (a space deleted meanwhile, say) is written
 * again one item per transaction, so that only the item at fault fails; any other failure (the database
 * is down) is every item's answer at once, not one wait each.
 *
 * <p>Measured with {@code bench/pg-ceiling.sh}: PostgreSQL writes creates eight to a transaction at about
 * four times the rate per busy core it writes them one to a transaction. Under the server's load the one
 * writer is what creates wait for, and each of its round trips waits for the CPU twice (the database's
 * process, then the writer): a group written as one statement, without a transaction around it, made
 * creates about a fifth faster (BENCHMARKS.md, issue 5, sixth pass).
 */
final class GroupCommit<T> {
    static final int MAX_GROUP = 64;

    private final Database database;
    private final boolean oneStatement;
    private final BiConsumer<DSLContext, List<T>> write;
    private final ConcurrentLinkedQueue<Pending<T>> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock turn = new ReentrantLock();

    /**
     * @param oneStatement whether {@code write} sends a single statement: the database runs it atomically and
     *                     commits it on its own, so it is sent without a transaction around it, one round trip
     *                     in all instead of three (begin with the first statement, each further one, commit)
     * @param write        writes the items it is given with the {@link DSLContext} it is given (a transaction's
     *                     unless {@code oneStatement}): best in as few statements as it can (one multi-row insert
     *                     per table), as each statement is a round trip
     */
    GroupCommit(Database database, boolean oneStatement, BiConsumer<DSLContext, List<T>> write) {
        this.database = database;
        this.oneStatement = oneStatement;
        this.write = write;
    }

    /** Returns once {@code item} is committed; throws what writing it threw. */
    void write(T item) {
        Pending<T> mine = new Pending<>(item, Thread.currentThread());
        queued.add(mine);
        boolean interrupted = false;
        while (!mine.done) {
            if (turn.tryLock()) {
                try {
                    while (!mine.done) {
                        commit(nextGroup());
                    }
                } finally {
                    turn.unlock();
                    Pending<T> next = queued.peek();
                    if (next != null) {
                        LockSupport.unpark(next.caller); // the next turn is theirs, even if this one failed
                    }
                }
            } else {
                LockSupport.park(this); // until this item is written, or this caller's turn comes
                interrupted |= Thread.interrupted(); // else park would return at once, again and again
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** How many items wait for a turn to be written. */
    int waiting() {
        return queued.size();
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
            writeItems(group.stream().map(pending -> pending.item).toList());
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
            writeItems(List.of(pending.item));
            pending.finish(null);
        } catch (RuntimeException e) {
            pending.finish(e);
        }
    }

    /** Writes {@code items}: on their own when that is one statement (atomic, and committed with it), else in a transaction. */
    private void writeItems(List<T> items) {
        Function<DSLContext, Void> statements = tx -> {
            write.accept(tx, items);
            return null;
        };
        if (oneStatement) {
            database.write(statements);
        } else {
            database.transaction(statements);
        }
    }

    private static final class Pending<T> {
        final T item;
        final Thread caller;
        /** Set before {@link #done}, read after it: the volatile write and read order them. */
        RuntimeException failure;
        volatile boolean done;

        Pending(T item, Thread caller) {
            this.item = item;
            this.caller = caller;
        }

        void finish(RuntimeException failure) {
            this.failure = failure;
            done = true;
            LockSupport.unpark(caller);
        }
    }
}
