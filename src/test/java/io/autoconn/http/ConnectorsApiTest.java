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
        assertThat(byName).contains("HTTP API", "MQTT", "MySQL / MariaDB", "NATS", "PostgreSQL", "RabbitMQ", "Redis",
                        "SMTP", "GitHub", "Slack")
                .isSortedAccordingTo(Comparator.comparing(name -> ((String) name).toLowerCase(Locale.ROOT)));
        List<Object> reversed = new ArrayList<>(byName);
        Collections.reverse(reversed);
        assertThat(admin.get(base + "?sort=-name&limit=100").data()).extracting(m -> m.get("name"))
                .containsExactlyElementsOf(reversed);
        List<Map<String, Object>> filtered = admin.get(base + "?filter="
                + ConnectionsApiTest.enc("name eq \"postgresql\"")).data();
        assertThat(filtered).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("id", POSTGRESQL).containsEntry("billable", false)
                .containsEntry("hasWebhooks", false).containsKey("description"));
        List<Object> paged = new ArrayList<>();
        HttpApi.Response page = admin.get(base + "?limit=2&sort=name");
        while (true) {
            assertThat(page.data()).hasSizeBetween(1, 2);
            page.data().forEach(c -> paged.add(c.get("name")));
            String next = ConnectionsApiTest.nextHref(page);
            if (next == null) {
                break;
            }
            page = admin.get(next);
        }
        assertThat(paged).isEqualTo(byName);
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
