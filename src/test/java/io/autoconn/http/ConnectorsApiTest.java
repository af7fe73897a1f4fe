package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The connector catalog over HTTP, in both path flavours. */
@MicronautTest
class ConnectorsApiTest extends ApiTestBase {

    @ParameterizedTest
    @ValueSource(strings = {ConnectorsController.V1, ConnectorsController.WORKFLOWS})
    void listsTheCatalogSortedFilteredAndPaged(String base) {
        List<Object> byName = admin.get(base + "?sort=name&limit=100").data().stream().map(m -> m.get("name")).toList();
        assertThat(byName).contains("HTTP API", "PostgreSQL", "GitHub", "Slack")
                .isSortedAccordingTo(Comparator.comparing(name -> name.toString().toLowerCase(Locale.ROOT)));
        List<Object> reversed = new ArrayList<>(
                admin.get(base + "?sort=-name&limit=100").data().stream().map(m -> m.get("name")).toList());
        Collections.reverse(reversed);
        assertThat(reversed).containsExactlyElementsOf(byName);
        List<Map<String, Object>> filtered = admin.get(base + "?filter="
                + ConnectionsApiTest.enc("name eq \"postgresql\"")).data();
        assertThat(filtered).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("id", POSTGRESQL).containsEntry("billable", false)
                .containsEntry("hasWebhooks", false).containsKey("description"));
        HttpApi.Response first = admin.get(base + "?limit=1&sort=name");
        assertThat(first.data()).extracting(m -> m.get("name")).containsExactly(byName.get(0));
        HttpApi.Response second = admin.get(ConnectionsApiTest.nextHref(first));
        assertThat(second.data()).extracting(m -> m.get("name")).containsExactly(byName.get(1));
        HttpApi.Response last = admin.get(base + "?limit=1&sort=-name");
        assertThat(last.data()).extracting(m -> m.get("name")).containsExactly(byName.get(byName.size() - 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {ConnectorsController.V1, ConnectorsController.WORKFLOWS})
    void getsAConnectorWithItsParams(String base) {
        Map<String, Object> detail = admin.get(base + "/" + HTTP_API).json();
        assertThat(detail).containsEntry("name", "HTTP API").containsEntry("blocks", List.of())
                .containsEntry("snippets", List.of()).containsKey("connectDocumentation");
        assertThat((List<Map<String, Object>>) detail.get("params")).extracting(p -> p.get("name"))
                .containsExactly("baseUrl", "authType", "username", "password", "token", "headerName", "headerValue",
                        "healthPath");
        HttpApi.Response missing = admin.get(base + "/00000000-0000-0000-0000-000000000000");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("CONNECTOR-NOT-FOUND");
    }

    @Test
    void theCatalogNeedsAKey() {
        assertThat(admin.as(null).get(ConnectorsController.V1).status()).isEqualTo(401);
    }
}
