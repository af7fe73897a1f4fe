package io.autoconn.storage;

import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * Whose list a list is, when it is not the whole tenant's: the rows {@code userId} owns, and those in the
 * spaces they are a member of. Connections and automations list this way.
 */
public record Reader(String userId, List<String> spaceIds) {
    public Reader {
        spaceIds = List.copyOf(spaceIds);
    }

    /**
     * The rows this reader lists, by their owner and space columns. Two indexed halves, (tenant_id,
     * owner_id, ...) and (tenant_id, space_id, ...), which the database ORs (a bitmap on PostgreSQL, a
     * multi-index OR on SQLite); a subquery in place of the space ids would make it filter every row of
     * the tenant instead.
     */
    Condition visibleIn(Field<String> ownerId, Field<String> spaceId) {
        return spaceIds.isEmpty() ? ownerId.eq(userId) : ownerId.eq(userId).or(spaceId.in(spaceIds));
    }
}
