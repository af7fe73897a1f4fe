package io.autoconn.query;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** A row of {@link TestDatabase}'s table. */
record TestRow(String id, String name, String connectorId, String ownerId, @Nullable String spaceId, long createdAt,
        long updatedAt) {

    /** Few names in mixed case, and few timestamps, so that most rows tie on their sort value. */
    private static final List<String> NAMES = List.of(
            "alpha", "Alpha", "ALPHA", "beta", "Beta", "my-prod-db", "My-Prod-DB", "zeta", "Zeta", "_under", "50% off");
    private static final long BASE_MICROS = 1_640_262_501_000_000L;

    /** {@code count} rows with random ids and sort values drawn from small pools. */
    static List<TestRow> random(int count, Random random) {
        List<TestRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new TestRow(
                    new UUID(random.nextLong(), random.nextLong()).toString(),
                    NAMES.get(random.nextInt(NAMES.size())),
                    "connector-" + random.nextInt(3),
                    "owner-" + random.nextInt(3),
                    random.nextInt(4) == 0 ? null : "space-" + random.nextInt(3),
                    BASE_MICROS + random.nextInt(12) * 1_000_000L,
                    BASE_MICROS + random.nextInt(12) * 1_000L));
        }
        return rows;
    }
}
