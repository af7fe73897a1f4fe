package io.autoconn.storage;

import static io.autoconn.storage.Tables.Connectors.*;

import io.autoconn.connectors.ConnectorDefinition;
import io.autoconn.query.AttributeType;
import io.autoconn.query.FilterAttribute;
import io.autoconn.query.ListRequest;
import io.autoconn.query.Listable;
import io.autoconn.query.Paginator;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The connector catalog's ids and names in a table, so that connectors list with the same filter,
 * sort and cursor code as connections. The connector files stay the source of truth.
 */
@Singleton
public class ConnectorIndex {
    private static final Listable LISTABLE = Listable.builder(TABLE, ID)
            .filterable(filterable())
            .sortable(sortable())
            .defaultSort("id")
            .select(List.of(ID))
            .build();

    private final Database database;

    public ConnectorIndex(Database database) {
        this.database = database;
    }

    private static Map<String, Field<?>> sortable() {
        Map<String, Field<?>> fields = new LinkedHashMap<>();
        fields.put("id", ID);
        fields.put("name", DSL.lower(NAME)); // case-insensitive, as connections sort
        return fields;
    }

    private static Map<String, FilterAttribute> filterable() {
        Map<String, FilterAttribute> attributes = new LinkedHashMap<>();
        attributes.put("name", new FilterAttribute("name", NAME, AttributeType.STRING));
        attributes.put("id", new FilterAttribute("id", ID, AttributeType.STRING));
        return attributes;
    }

    /** Makes the table hold exactly these connectors (servers starting together converge on it). */
    public void replaceAll(List<ConnectorDefinition> connectors) {
        database.write(writer -> writer.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            for (ConnectorDefinition c : connectors) {
                t.insertInto(TABLE).set(ID, c.id()).set(NAME, c.name())
                        .onConflict(ID).doUpdate().set(NAME, c.name())
                        .execute();
            }
            t.deleteFrom(TABLE)
                    .where(connectors.isEmpty() ? DSL.trueCondition()
                            : ID.notIn(connectors.stream().map(ConnectorDefinition::id).toList()))
                    .execute();
            return null;
        }));
    }

    /**
     * The connectors that stored connections were made from but that are not among {@code known}, each
     * with how many connections use it: a removed connector file would leave those unusable.
     */
    public Map<String, Integer> connectorsInUseBeyond(Collection<String> known) {
        return database.dsl().select(Tables.Connections.CONNECTOR_ID, DSL.count())
                .from(Tables.Connections.TABLE)
                .where(known.isEmpty() ? DSL.trueCondition() : Tables.Connections.CONNECTOR_ID.notIn(known))
                .groupBy(Tables.Connections.CONNECTOR_ID)
                .orderBy(Tables.Connections.CONNECTOR_ID)
                .fetchMap(Tables.Connections.CONNECTOR_ID, DSL.count());
    }

    /** One page of connector ids, in the requested order. */
    public IdPage list(ListRequest request) {
        io.autoconn.query.Page page = Paginator.fetch(database.dsl(), LISTABLE, DSL.trueCondition(), request);
        return new IdPage(page.rows().stream().map(r -> r.get(ID)).toList(), page.nextCursor(), page.prevCursor());
    }

    public record IdPage(List<String> ids, String nextCursor, String prevCursor) {
    }
}
