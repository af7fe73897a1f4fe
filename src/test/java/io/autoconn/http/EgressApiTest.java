package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.connectors.CheckError;
import io.autoconn.connectors.CheckFailure;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default egress policy as a user meets it: connections to metadata services are saved, refused. */
@MicronautTest
class EgressApiTest extends ApiTestBase {

    @SuppressWarnings("unchecked")
    static Map<String, Object> error(Map<String, Object> connection) {
        return (Map<String, Object>) connection.get("error");
    }

    @Test
    void aConnectionToTheMetadataServiceIsRefusedWithoutConnecting() {
        HttpApi.Response created = admin.post(ConnectionsController.V1, Map.of("connectorId", HTTP_API,
                "params", List.of(Map.of("name", "baseUrl", "value", "http://169.254.169.254/latest/meta-data"))));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json()).containsEntry("isConnected", false);
        // A connection would have got an answer here (something listens there on this machine), or a
        // timeout: this refusal comes before any.
        assertThat(error(created.json())).isEqualTo(Map.of("code", "CHECK-TARGET-REFUSED",
                "title", "Checks may not connect to this address",
                "detail", "Checks may not connect to 169.254.169.254:80: 169.254.169.254 is in 169.254.0.0/16 (IPv4 "
                        + "link-local, where cloud metadata services listen: 169.254.169.254 on AWS, Google Cloud, "
                        + "Azure, OpenStack and others, 169.254.170.2 on AWS ECS), refused by default "
                        + "(AUTOCONN_EGRESS_ALLOW can allow it)."));
        String path = ConnectionsController.WORKFLOWS + "/" + created.json().get("id");
        HttpApi.Response check = admin.postEmpty(path + "/actions/check");
        assertThat(check.json()).isEqualTo(Map.of("connected", false, "is_connected", false));
        assertThat(error(admin.get(path).json())).containsEntry("code", "CHECK-TARGET-REFUSED");
    }

    @Test
    void aDatabaseOnAMetadataAddressIsRefusedToo() {
        HttpApi.Response created = admin.post(ConnectionsController.V1, Map.of("connectorId", POSTGRESQL,
                "params", List.of(Map.of("name", "host", "value", "fd00:ec2::254"),
                        Map.of("name", "database", "value", "test"), Map.of("name", "user", "value", "postgres"))));

        assertThat(error(created.json())).containsEntry("code", "CHECK-TARGET-REFUSED")
                .containsEntry("detail", "Checks may not connect to [fd00:ec2::254]:5432: fd00:ec2::254 is in "
                        + "fd00:ec2::/32 (AWS's internal IPv6 services: the metadata service fd00:ec2::254, EKS Pod "
                        + "Identity fd00:ec2::23), refused by default (AUTOCONN_EGRESS_ALLOW can allow it).");
    }

    /** OAuth2 providers' URLs are params too: the server posts its client secret only where checks may go. */
    @Test
    void anOAuthTokenEndpointOnAMetadataAddressIsRefused() {
        HttpApi.Response created = admin.post(ConnectionsController.V1, Map.of("connectorId",
                OAuthConnectionsApiTest.OAUTH2_CLIENT_CREDENTIALS, "params", List.of(
                        Map.of("name", "tokenUrl", "value", "http://169.254.169.254/latest/api/token"),
                        Map.of("name", "clientId", "value", "machine"),
                        Map.of("name", "clientSecret", "value", "s3cret"))));

        assertThat(created.json()).containsEntry("isConnected", false);
        assertThat(error(created.json())).containsEntry("code", "CHECK-TARGET-REFUSED").hasEntrySatisfying("detail",
                detail -> assertThat((String) detail).startsWith(
                        "Checks may not connect to 169.254.169.254:80: 169.254.169.254 is in 169.254.0.0/16"));
    }

    @Test
    void loopbackTargetsStayAllowedByDefault() {
        HttpApi.Response created = admin.post(ConnectionsController.V1, Map.of("connectorId", HTTP_API,
                "params", List.of(healthyHttpParams())));

        assertThat(created.json()).containsEntry("isConnected", true);
    }

    /** Every way a check can fail is in the served document: the error table and the list of codes. */
    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentListsEveryCheckFailure() {
        Map<String, Object> doc = admin.as(null).get(OpenApiController.JSON).json();
        Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas"))
                        .get("AutomationConnectionDetailObject")).get("properties")).get("error");
        List<String> values = (List<String>) ((Map<String, Object>) ((Map<String, Object>) error.get("properties"))
                .get("code")).get("x-autoconn-values");
        for (CheckFailure failure : CheckFailure.values()) {
            CheckError shown = failure.result("").error();
            assertThat(values).contains(shown.code());
            assertThat((String) error.get("description")).contains("| `" + shown.code() + "` | " + shown.title() + " |");
        }
        assertThat(values).hasSize(CheckFailure.values().length);
    }
}
