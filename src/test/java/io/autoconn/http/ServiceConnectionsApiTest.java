package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.autoconn.connectors.LocalServices;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Connections to the MySQL/MariaDB, Redis and SMTP connectors created over HTTP and checked for real:
 * against this machine's MariaDB and Redis, and a GreenMail started here. Each is created once with
 * good credentials and once with a wrong password, which must never show in what the API answers.
 */
@MicronautTest
class ServiceConnectionsApiTest extends ApiTestBase {
    static final String MYSQL = "10db2bf4-760d-4cbf-b74a-26cdab8c4984";
    static final String REDIS = "890b23c8-5588-43a5-88e2-bbbe76172ca8";
    static final String SMTP = "db68d294-eb4f-4bfb-a17e-b7f665851751";

    private static final String PASSWORD = "S3cr3t-Canary-api-4242";
    private static final String WRONG = "Wr0ng-Canary-api-4343";

    private final String account = "autoconn_api_" + UUID.randomUUID().toString().substring(0, 8);

    /** Creates a connection and answers its detail; the wrong password must not appear in it. */
    private Map<String, Object> create(String connectorId, List<Map<String, String>> params) {
        HttpApi.Response r = admin.post(ConnectionsController.V1, Map.of("connectorId", connectorId, "params", params));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.text()).doesNotContain(PASSWORD).doesNotContain(WRONG);
        return r.json();
    }

    private static Map<String, String> param(String name, Object value) {
        return Map.of("name", name, "value", String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static void assertRefused(Map<String, Object> connection) {
        assertThat(connection).containsEntry("isConnected", false);
        assertThat((Map<String, Object>) connection.get("error")).containsEntry("code", "CHECK-AUTH-FAILED")
                .containsKeys("title", "detail");
    }

    @Test
    void mysqlConnectionsLogInForReal() throws SQLException {
        LocalServices.createMariaDbUser(account, PASSWORD);
        try {
            List<Map<String, String>> good = List.of(param("host", LocalServices.MARIADB_HOST),
                    param("port", LocalServices.MARIADB_PORT), param("database", "test"), param("user", account),
                    param("password", PASSWORD), param("sslMode", "disable"));
            assertThat(create(MYSQL, good)).containsEntry("isConnected", true).doesNotContainKey("error");

            assertRefused(create(MYSQL, List.of(param("host", LocalServices.MARIADB_HOST), param("user", account),
                    param("password", WRONG))));
        } finally {
            LocalServices.dropMariaDbUser(account);
        }
    }

    @Test
    void redisConnectionsAuthenticateForReal() {
        LocalServices.createRedisUser(account, PASSWORD, "~*", "+@all");
        try {
            List<Map<String, String>> good = List.of(param("host", LocalServices.REDIS_HOST),
                    param("port", LocalServices.REDIS_PORT), param("username", account), param("password", PASSWORD),
                    param("database", 1), param("tls", false));
            assertThat(create(REDIS, good)).containsEntry("isConnected", true).doesNotContainKey("error");

            assertRefused(create(REDIS, List.of(param("host", LocalServices.REDIS_HOST), param("username", account),
                    param("password", WRONG))));
        } finally {
            LocalServices.deleteRedisUsers(account);
        }
    }

    @Test
    void smtpConnectionsAuthenticateForReal() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        try {
            mail.setUser(account + "@example.com", account, PASSWORD);
            List<Map<String, String>> server = List.of(param("host", "127.0.0.1"),
                    param("port", mail.getSmtp().getPort()), param("security", "none"), param("username", account));
            assertThat(create(SMTP, concat(server, param("password", PASSWORD))))
                    .containsEntry("isConnected", true).doesNotContainKey("error");

            assertRefused(create(SMTP, concat(server, param("password", WRONG))));
        } finally {
            mail.stop();
        }
    }

    private static List<Map<String, String>> concat(List<Map<String, String>> params, Map<String, String> more) {
        return Stream.concat(params.stream(), Stream.of(more)).toList();
    }
}
