package io.autoconn.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

class ListableTest {
    private static final Table<?> TABLE = DSL.table(DSL.name("conn"));

    @Test
    void theDefaultSortMustBeSortable() {
        assertThatThrownBy(() -> Listable.builder(TABLE, TestDatabase.ID).sortable(TestDatabase.SORTABLE).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("defaultSort");
        assertThatThrownBy(() -> Listable.builder(TABLE, TestDatabase.ID)
                        .sortable(TestDatabase.SORTABLE)
                        .defaultSort("size")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'size' is not sortable");
    }

    @Test
    void sortColumnsMustBeStringsOrLongsForCursorsToCarryThem() {
        Field<Boolean> connected = DSL.field(DSL.name("is_connected"), SQLDataType.BOOLEAN);
        assertThatThrownBy(() -> Listable.builder(TABLE, TestDatabase.ID)
                        .sortable(Map.of("isConnected", connected))
                        .defaultSort("isConnected")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not Boolean");
    }

    @Test
    void theSelectionAddsWhatCursorsNeedOrIsEverythingWhenNothingIsDeclared() {
        Listable.Builder builder = Listable.builder(TABLE, TestDatabase.ID)
                .sortable(Map.of("name", TestDatabase.NAME))
                .defaultSort("name");
        assertThat(builder.build().selection()).containsExactly(DSL.asterisk());
        assertThat(builder.select(List.of(TestDatabase.CREATED_AT, TestDatabase.NAME)).build().selection())
                .containsExactly(TestDatabase.CREATED_AT, TestDatabase.NAME, TestDatabase.ID);
    }
}
