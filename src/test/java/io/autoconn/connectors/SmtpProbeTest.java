package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.autoconn.secrets.Secret;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs against GreenMail started here: SMTP (AUTH PLAIN and LOGIN, no STARTTLS) and SMTPS (TLS with
 * GreenMail's self-signed certificate), with one account; and against {@link MiniSmtpServer} for the
 * server behaviours GreenMail does not have.
 */
class SmtpProbeTest extends EndpointProbeContract {
    private static final String USER = "automation@example.com";
    private static final String PASSWORD = "S3cr3t-Canary-smtp-123";

    private final SmtpProbe probe = new SmtpProbe();
    private GreenMail mail;

    @BeforeAll
    void startMailServer() {
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort()});
        mail.start();
        mail.setUser(USER, USER, PASSWORD);
    }

    @AfterAll
    void stopMailServer() {
        mail.stop();
    }

    private int smtpPort() {
        return mail.getSmtp().getPort();
    }

    @Override
    Probe probe() {
        return probe;
    }

    /** The account's params on GreenMail's SMTP port, without encryption (GreenMail offers no STARTTLS). */
    @Override
    ProbeInput params(String... overrides) {
        return TestTargets.params(Map.of("host", "127.0.0.1", "port", String.valueOf(smtpPort()),
                "security", "none", "username", USER), Map.of("password", Secret.of(PASSWORD)), overrides);
    }

    @Override
    String password() {
        return PASSWORD;
    }

    @Override
    int defaultPort() {
        return 587;
    }

    @Test
    void kindIsSmtp() {
        assertThat(probe.kind()).isEqualTo("smtp");
    }

    @Test
    void starttlsIfOfferedGoesOnWithoutItWhenTheServerDoesNotOfferIt() {
        assertThat(probe.check(params("security", "starttls-if-offered"), TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void aServerIsCheckedWithoutCredentialsWhenNoneAreSet() {
        ProbeInput anonymous = TestTargets.params(Map.of("host", "127.0.0.1", "port", String.valueOf(smtpPort()),
                "security", "none"), Map.of());

        assertThat(probe.check(anonymous, TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void aWrongPasswordIsAuthFailed() {
        ProbeInput wrong = TestTargets.params(Map.of("host", "127.0.0.1", "port", String.valueOf(smtpPort()),
                "security", "none", "username", USER), Map.of("password", Secret.of(PASSWORD + "-wrong")));

        ProbeResult result = failure(wrong, "CHECK-AUTH-FAILED");

        assertThat(result.error().detail()).contains("127.0.0.1:" + smtpPort(), USER, "535")
                .doesNotContain(PASSWORD + "-wrong");
    }

    @Test
    void anUnknownUserIsAuthFailed() {
        ProbeResult result = failure(params("username", "nobody@example.com"), "CHECK-AUTH-FAILED");

        assertThat(result.error().detail()).contains("nobody@example.com", "535");
    }

    @Test
    void starttlsFromAServerThatDoesNotOfferItIsATlsFailure() {
        ProbeResult result = failure(params("security", "starttls"), "CHECK-TLS");

        assertThat(result.error().detail()).contains("127.0.0.1:" + smtpPort(), "STARTTLS");
    }

    @Test
    void starttlsIsTheDefault() {
        ProbeResult result = failure(params("security", null), "CHECK-TLS");

        assertThat(result.error().detail()).contains("STARTTLS");
    }

    @Test
    void tlsWithACertificateNoTrustedCaSignedIsATlsFailure() {
        int smtps = mail.getSmtps().getPort();

        ProbeResult result = failure(params("security", "tls", "port", String.valueOf(smtps)), "CHECK-TLS");

        assertThat(result.error().detail()).contains("127.0.0.1:" + smtps, "certification path");
    }

    @Test
    void aStarttlsThatEndsInPlainTextIsATlsFailure() throws Exception {
        try (MiniSmtpServer server = new MiniSmtpServer("STARTTLS", "AUTH PLAIN")) {
            ProbeResult result = failure(params("port", String.valueOf(server.port()), "security", "starttls"),
                    "CHECK-TLS");

            assertThat(result.error().detail()).contains("127.0.0.1:" + server.port());
        }
    }

    @Test
    void credentialsForAServerThatOffersNoAuthAreAuthFailed() throws Exception {
        try (MiniSmtpServer server = new MiniSmtpServer("8BITMIME")) {
            ProbeResult result = failure(params("port", String.valueOf(server.port())), "CHECK-AUTH-FAILED");

            assertThat(result.error().detail()).contains("127.0.0.1:" + server.port(), "does not offer SMTP AUTH",
                    "starttls");
        }
    }

    @Test
    void tlsDefaultsToPort465() {
        ProbeResult result = failure(params("host", "no-such-host.invalid", "port", null, "security", "tls"),
                "CHECK-UNKNOWN-HOST");

        assertThat(result.error().detail()).contains("no-such-host.invalid:465");
    }

    @ParameterizedTest
    @ValueSource(strings = {"starttls", "tls"})
    void aServerThatNeverAnswersIsATimeoutWithinBoundedTimeWhateverTheSecurity(String security) throws Exception {
        try (TestTargets.StallingServer silent = new TestTargets.StallingServer()) {
            assertTimesOut(params("port", String.valueOf(silent.port()), "security", security), silent.port());
        }
    }

    @Test
    void aServerThatGreetsAndThenNeverAnswersIsATimeoutWithinBoundedTime() throws Exception {
        try (TestTargets.StallingServer greeter = new TestTargets.StallingServer("220 stalling.test ESMTP\r\n")) {
            assertTimesOut(params("port", String.valueOf(greeter.port())), greeter.port());
        }
    }

    @Test
    void aUsernameWithoutPasswordIsInvalidParams() {
        ProbeInput noPassword = TestTargets.params(Map.of("host", "127.0.0.1", "username", USER), Map.of());

        ProbeResult result = failure(noPassword, "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("'username'", "'password'");
    }

    @Test
    void aPasswordWithoutUsernameIsInvalidParams() {
        ProbeResult result = failure(params("username", null), "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("'username'", "'password'");
    }

    @Test
    void anUnknownSecurityIsInvalidParams() {
        ProbeResult result = failure(params("security", "ssl"), "CHECK-INVALID-PARAMS");

        assertThat(result.error().detail()).contains("'security'", "starttls-if-offered", "\"ssl\"");
    }
}
