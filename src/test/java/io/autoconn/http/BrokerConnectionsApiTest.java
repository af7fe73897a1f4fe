package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.testing.BrokerProcess;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Message broker connections created over HTTP are checked against real brokers: RabbitMQ at
 * 127.0.0.1:5672 and a Mosquitto and a NATS server with passwords, started here. The stored secret
 * reaches the probe on create and on the check action, and never the response.
 */
@MicronautTest
class BrokerConnectionsApiTest extends ApiTestBase {
    static final String RABBITMQ = "f5115942-1493-4250-a8d8-ab781ee99ecd";
    static final String MQTT = "5fd9144b-7b9d-4db5-9d77-c8a3cc1d31bc";
    static final String NATS = "8c0003eb-6069-464a-bb49-6ad79f57a183";
    private static final String PASSWORD = "Right-Password-42";
    private static final String CANARY = "S3cr3t-Canary-123";

    private BrokerProcess mosquitto;
    private BrokerProcess nats;

    @BeforeAll
    void startBrokersWithPasswords() throws Exception {
        mosquitto = BrokerProcess.mosquittoWithPassword("automation", PASSWORD);
        nats = BrokerProcess.natsWithPassword("automation", PASSWORD);
    }

    @AfterAll
    void stopBrokers() throws Exception {
        mosquitto.close();
        nats.close();
    }

    @Test
    void rabbitMqConnectionsAreReallyChecked() {
        assertCheckedForReal(RABBITMQ, "guest", "guest",
                Map.of("host", "127.0.0.1", "port", "5672", "vhost", "/", "user", "guest"));
    }

    @Test
    void mqttConnectionsAreReallyChecked() {
        assertCheckedForReal(MQTT, PASSWORD, "automation",
                Map.of("host", "127.0.0.1", "port", String.valueOf(mosquitto.port()), "username", "automation"));
    }

    @Test
    void natsConnectionsAreReallyChecked() {
        assertCheckedForReal(NATS, PASSWORD, "automation",
                Map.of("host", "127.0.0.1", "port", String.valueOf(nats.port()), "user", "automation"));
    }

    /**
     * With the right password the connection is created connected, and the check action (which reads
     * the encrypted password back from storage) agrees; with a wrong one it is created disconnected with
     * CHECK-AUTH-FAILED naming the user; neither response shows the password.
     */
    @SuppressWarnings("unchecked")
    private void assertCheckedForReal(String connectorId, String password, String user, Map<String, String> params) {
        HttpApi.Response good = admin.post(ConnectionsController.V1, body(connectorId, params, password));
        assertThat(good.status()).as(good.toString()).isEqualTo(201);
        assertThat(good.json()).containsEntry("isConnected", true).doesNotContainKey("error");
        HttpApi.Response check = admin.postEmpty(ConnectionsController.V1 + "/" + good.json().get("id") + "/actions/check");
        assertThat(check.json()).as(check.toString()).containsEntry("connected", true);

        HttpApi.Response bad = admin.post(ConnectionsController.V1, body(connectorId, params, CANARY));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(201);
        assertThat(bad.json()).containsEntry("isConnected", false);
        Map<String, Object> error = (Map<String, Object>) bad.json().get("error");
        assertThat(error).containsEntry("code", "CHECK-AUTH-FAILED")
                .containsEntry("title", "The credentials were refused");
        assertThat((String) error.get("detail")).contains("127.0.0.1:" + params.get("port"), "\"" + user + "\"");
        assertThat(good.text() + check.text() + bad.text()).doesNotContain(CANARY).contains("\"value\":\"********\"");
        if (!password.equals(user)) { // RabbitMQ's guest has the password guest: the user name shows, rightly
            assertThat(good.text() + check.text()).doesNotContain(password);
        }
    }

    private static Map<String, Object> body(String connectorId, Map<String, String> params, String password) {
        List<Map<String, String>> values = new ArrayList<>();
        params.forEach((name, value) -> values.add(Map.of("name", name, "value", value)));
        values.add(Map.of("name", "password", "value", password));
        return Map.of("connectorId", connectorId, "name", "broker " + connectorId, "params", values);
    }
}
