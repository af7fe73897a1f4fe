package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An issuer that cannot be reached (nothing listens at its address): the server starts all the same, JWT callers
 * get 503 saying so (their tokens may be fine), and API keys keep working.
 */
@MicronautTest
class OidcIssuerDownApiTest extends ApiTestBase {
    private static final String TOKEN_VERIFIER = "io.autoconn.identity.oidc.TokenVerifier";
    private final TestIssuer signer = new TestIssuer();
    private final String downIssuer = "http://127.0.0.1:" + freePort() + "/realms/down";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("autoconn.oidc.issuer", downIssuer);
        properties.put("autoconn.oidc.audience", TestIssuer.AUDIENCE);
        properties.put("autoconn.oidc.http-timeout", "1s");
        return properties;
    }

    @AfterAll
    void stop() {
        signer.close();
    }

    @Test
    void jwtCallersGet503AndApiKeysKeepWorking() {
        String token = signer.token(signer.claims("frank", Map.of("iss", downIssuer)), Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            HttpApi.Response down = admin.as(token).get("/api/v1/users/me");
            assertThat(down.status()).as(down.toString()).isEqualTo(503);
            assertThat(down.errorCode()).isEqualTo("HTTP-503");
            assertThat(down.errorDetail()).contains("The OIDC issuer " + downIssuer + " cannot be reached",
                    "API keys still work");
            assertThat(down.text()).doesNotContain(token);
        }
        assertThat(admin.get("/api/v1/users/me").status()).isEqualTo(301);
    }

    @Test
    void theWarningOfASignInOffTheEventLoopCarriesTheRequestsTraceId() {
        String token = signer.token(signer.claims("grace", Map.of("iss", downIssuer)), Duration.ofHours(1));
        try (LogCapture log = new LogCapture()) {
            HttpApi.Response down = admin.as(token).get("/api/v1/users/me");
            assertThat(down.status()).as(down.toString()).isEqualTo(503);
            String traceId = down.header("X-Trace-Id");
            assertThat(log.ofTrace(traceId)).as("lines of trace %s in %s", traceId, log.lines())
                    .anySatisfy(line -> assertThat(line).containsEntry("logger_name", TOKEN_VERIFIER)
                            .containsEntry("level", "WARN"));
        }
    }

    /** A port nothing listens on (taken and released): connections to it are refused. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
