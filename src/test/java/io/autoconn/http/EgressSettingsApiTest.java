package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.testing.TcpTarget;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator's egress settings: AUTOCONN_EGRESS_DENY refuses loopback here (and every name resolving
 * there), AUTOCONN_EGRESS_ALLOW opens one address inside it again; a setting the server cannot read
 * stops it at start.
 */
@MicronautTest
class EgressSettingsApiTest extends ApiTestBase {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("autoconn.egress-deny", "127.0.0.0/8, ::1");
        properties.put("autoconn.egress-allow", "127.0.0.2");
        return properties;
    }

    private Map<String, Object> createHttp(String baseUrl) {
        HttpApi.Response created = admin.post(ConnectionsController.V1, Map.of("connectorId", HTTP_API,
                "params", List.of(Map.of("name", "baseUrl", "value", baseUrl))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    @Test
    void aDeniedAddressIsRefusedAndNeverConnected() throws Exception {
        try (TcpTarget target = TcpTarget.on("127.0.0.1")) {
            Map<String, Object> byAddress = createHttp("http://127.0.0.1:" + target.port() + "/health");
            Map<String, Object> byName = createHttp("http://localhost:" + target.port() + "/health");
            HttpApi.Response check = admin.postEmpty(ConnectionsController.V1 + "/" + byName.get("id") + "/actions/check");

            assertThat(byAddress).containsEntry("isConnected", false);
            assertThat(EgressApiTest.error(byAddress)).containsEntry("code", "CHECK-TARGET-REFUSED").containsEntry(
                    "detail", "Checks may not connect to 127.0.0.1:" + target.port()
                            + ": 127.0.0.1 is in 127.0.0.0/8, denied by AUTOCONN_EGRESS_DENY.");
            assertThat(EgressApiTest.error(byName)).containsEntry("detail", "Checks may not connect to localhost:"
                    + target.port() + ": localhost resolves to 127.0.0.1, which is in 127.0.0.0/8, denied by "
                    + "AUTOCONN_EGRESS_DENY.");
            assertThat(check.json()).containsEntry("connected", false);
            assertThat(target.accepted()).isZero();
        }
    }

    @Test
    void anAllowedAddressInsideADeniedBlockIsConnected() throws Exception {
        try (TcpTarget target = TcpTarget.on("127.0.0.2")) {
            assertThat(createHttp("http://127.0.0.2:" + target.port() + "/health")).containsEntry("isConnected", true);
            assertThat(target.accepted()).isEqualTo(1);
        }
    }

    @Test
    void deniedIpv6AndDatabaseTargetsAreRefused() throws Exception {
        try (TcpTarget target = TcpTarget.on("::1")) {
            Map<String, Object> v6 = createHttp("http://[::1]:" + target.port() + "/");
            HttpApi.Response pg = admin.post(ConnectionsController.V1, Map.of("connectorId", POSTGRESQL,
                    "params", List.of(Map.of("name", "host", "value", "127.0.0.1"),
                            Map.of("name", "database", "value", "test"), Map.of("name", "user", "value", "postgres"))));

            assertThat(EgressApiTest.error(v6)).containsEntry("detail", "Checks may not connect to [::1]:"
                    + target.port() + ": ::1 is in ::1/128, denied by AUTOCONN_EGRESS_DENY.");
            assertThat(EgressApiTest.error(pg.json())).containsEntry("detail",
                    "Checks may not connect to 127.0.0.1:5432: 127.0.0.1 is in 127.0.0.0/8, denied by AUTOCONN_EGRESS_DENY.");
            assertThat(target.accepted()).isZero();
        }
    }

    @Test
    void aSettingTheServerCannotReadStopsItsStart() throws Exception {
        Map<String, Object> settings = Map.of("autoconn.data-dir", Files.createTempDirectory("autoconn-egress").toString(),
                "autoconn.egress-deny", "10.0.0.0/8, internal.example.com");

        String message = "AUTOCONN_EGRESS_DENY: \"internal.example.com\" is not an IP address or a CIDR block "
                + "(such as 10.0.0.0/8 or fd00::/8)";
        assertThatThrownBy(() -> ApplicationContext.run(settings).close())
                .hasMessageContaining(message).rootCause().hasMessage(message);
    }
}
