package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Row ids are UUID strings as before, in the order they were made (what keeps inserts at the end of an index). */
class RowIdsTest {
    @Test
    void idsAreVersion7UuidsInTheOrderTheyWereMade() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RowIds.next());
        }
        assertThat(ids).allSatisfy(id -> {
            assertThat(id).hasSize(36).isEqualTo(id.toLowerCase());
            assertThat(UUID.fromString(id).version()).isEqualTo(7);
        });
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }
}
