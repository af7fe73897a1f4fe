package io.autoconn.storage;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids for the rows written at a high rate (connections, audit events): time-ordered UUIDs (version 7, RFC
 * 9562), still 36-character UUID strings to clients. A random (version 4) id puts every insert on a random
 * page of each index that leads with it (the primary keys, and {@code (tenant_id, id)} and
 * {@code (tenant_id, owner_id, id)} for connections); on a large table each such page is then written whole
 * to PostgreSQL's WAL on its first change after every checkpoint. Measured on 1,000,000 connections: 13.5 KB
 * of WAL and 1.73 full-page images per create with random ids, 3.7 KB and 0.01 with these (BENCHMARKS.md).
 */
public final class RowIds {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private RowIds() {
    }

    public static String next() {
        return GENERATOR.generate().toString();
    }
}
