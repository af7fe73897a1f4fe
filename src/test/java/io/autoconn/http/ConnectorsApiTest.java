package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
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
        assertThat(admin.get(base + "?sort=name").data()).extracting(m -> m.get("name"))
                .containsExactly("HTTP API", "PostgreSQL");
        assertThat(admin.get(base + "?sort=-name").data()).extracting(m -> m.get("name"))
                .containsExactly("PostgreSQL", "HTTP API");
        List<Map<String, Object>> filtered = admin.get(base + "?filter="
                + ConnectionsApiTest.enc("name eq \"postgresql\"")).data();
        assertThat(filtered).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("id", POSTGRESQL).containsEntry("billable", false)
                .containsEntry("hasWebhooks", false).containsKey("description"));
        HttpApi.Response first = admin.get(base + "?limit=1&sort=name");
        assertThat(first.data()).hasSize(1);
        HttpApi.Response second = admin.get(ConnectionsApiTest.nextHref(first));
        assertThat(second.data()).extracting(m -> m.get("name")).containsExactly("PostgreSQL");
        assertThat(ConnectionsApiTest.nextHref(second)).isNull();
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
