package io.autoconn.http;

import io.autoconn.config.AutoconnConfig;
import io.micronaut.context.annotation.Factory;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.executor.ExecutorConfiguration;
import io.micronaut.scheduling.executor.ExecutorType;
import io.micronaut.scheduling.executor.UserExecutorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The threads that do the API's blocking work, by what the work waits on (every controller names one with
 * {@code @ExecuteOn}).
 * <ul>
 *   <li>{@link #DATABASE}: requests that wait on nothing but the database. A fixed pool, one thread per core
 *       ({@code AUTOCONN_DATABASE_THREADS}), that takes them in order of arrival. With a thread per request,
 *       sixteen at once took turns on two cores, and every turn waited for went into some request's latency:
 *       list p99 at 16 connections was 21 to 31 ms with a thread each, 13 to 15 ms with two threads, at more
 *       requests per second (BENCHMARKS.md, ninth pass).</li>
 *   <li>{@link #REMOTE}: requests that may wait on another server too (a connection check, an OAuth provider,
 *       an OIDC issuer's keys). Micronaut's blocking pool, a thread per request, so that a slow target never
 *       holds up the database work of anyone else ({@code CheckStarvationTest}).</li>
 * </ul>
 * The database's own outage cannot hold the few {@link #DATABASE} threads either: while it is unreachable,
 * requests fail at once but for one at a time ({@code storage.FailFastConnections}).
 */
@Factory
public class Workers {
    public static final String DATABASE = "database";
    public static final String REMOTE = TaskExecutors.BLOCKING;

    /** Micronaut builds the pool from this (as from {@code micronaut.executors.*}), shutting it down gracefully. */
    @Singleton
    @Named(DATABASE)
    ExecutorConfiguration database(AutoconnConfig config) {
        UserExecutorConfiguration pool = UserExecutorConfiguration.of(DATABASE, ExecutorType.FIXED);
        pool.setNumberOfThreads(config.getDatabaseThreads());
        return pool;
    }
}
