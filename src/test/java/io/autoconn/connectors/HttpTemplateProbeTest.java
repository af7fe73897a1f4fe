package io.autoconn.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.autoconn.connectors.SaasConnectorTemplatesTest.input;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.autoconn.egress.EgressPolicy;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The template engine: how params land in a request (never able to leave the template's host), and
 * every way a templated check can fail, against a real local HTTP server.
 */
class HttpTemplateProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String CANARY = "S3cr3t-Template-Canary";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    /** Params every test connector declares: a few plain ones, a base URL, and two secrets. */
    private static final String PARAMS = """
            [
              {"id": "00000000-0000-4000-8000-000000000001", "name": "item", "fieldType": "text", "optional": false},
              {"id": "00000000-0000-4000-8000-000000000002", "name": "site", "fieldType": "text", "optional": false},
              {"id": "00000000-0000-4000-8000-000000000003", "name": "baseUrl", "fieldType": "url", "optional": false},
              {"id": "00000000-0000-4000-8000-000000000004", "name": "filter", "fieldType": "text", "optional": true},
              {"id": "00000000-0000-4000-8000-000000000005", "name": "user", "fieldType": "text", "optional": true},
              {"id": "00000000-0000-4000-8000-000000000006", "name": "token", "fieldType": "password", "optional": true},
              {"id": "00000000-0000-4000-8000-000000000007", "name": "password", "fieldType": "password", "optional": true}
            ]""";

    /** A connector named Acme with these params and this {@code check.http}. */
    static ConnectorDefinition connector(String http) {
        String file = "{\"id\": \"00000000-0000-4000-8000-00000000000a\", \"name\": \"Acme\", \"billable\": false,"
                + " \"hasWebhooks\": false, \"check\": {\"http\": " + http + "}, \"params\": " + PARAMS + "}";
        try {
            return JSON.readValue(file, ConnectorDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpTemplateProbe probe(String http) {
        try {
            return HttpTemplateProbe.of(connector(http), JSON, null, EgressPolicy.defaults());
        } catch (InvalidTemplateException e) {
            throw new AssertionError(e);
        }
    }

    /** The request this template makes for these params, rendered but not sent. */
    private static RequestTemplate.Rendered render(String http, Map<String, String> plain, Map<String, String> secrets)
            throws InvalidParamException {
        ConnectorDefinition c = connector(http);
        try {
            ProbeInput input = input(plain, secrets);
            return RequestTemplate.compile(c.check().http(), c.params(), JSON)
                    .render(input, TIMEOUT, null, SecretScrubber.of(input, java.util.List.of("token", "password")));
        } catch (InvalidTemplateException e) {
            throw new AssertionError(e);
        }
    }

    private static String local() {
        return "http://127.0.0.1:" + server.getPort();
    }

    private static LoggedRequest onlyRequest() {
        assertThat(server.getAllServeEvents()).hasSize(1);
        return server.getAllServeEvents().get(0).getRequest();
    }

    private static void answer(int status, String body) {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    // --- what params may do to the request

    @Test
    void aPathParamIsOneEncodedSegmentWhateverItHolds() {
        answer(200, "{}");

        ProbeResult result = probe("{\"url\": \"" + local() + "/items/{item}/detail\"}")
                .check(input(Map.of("item", "a/../b?c=1#d e%@x"), Map.of()), TIMEOUT);

        assertThat(result).isEqualTo(ProbeResult.ok());
        assertThat(onlyRequest().getUrl()).isEqualTo("/items/a%2F..%2Fb%3Fc%3D1%23d%20e%25%40x/detail");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void aDotSegmentIsRefused(String value) {
        ProbeResult result = probe("{\"url\": \"" + local() + "/items/{item}\"}")
                .check(input(Map.of("item", value), Map.of()), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).isEqualTo("Param 'item' must not be \".\" or \"..\".");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void aHostParamIsOneDnsLabelUnderTheTemplatesDomain() throws InvalidParamException {
        String http = "{\"url\": \"https://{site}.example.com/api\", \"hostParams\": [\"site\"]}";

        assertThat(render(http, Map.of("site", "Acme-1"), Map.of()).request().uri())
                .isEqualTo(URI.create("https://acme-1.example.com/api"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.com#", "evil.com/", "a.b", "user@evil.com", "-acme", "acme:8080", "ac me"})
    void aHostParamThatIsNotOneLabelIsInvalid(String site) {
        ProbeResult result = probe("{\"url\": \"https://{site}.example.com/api\", \"hostParams\": [\"site\"]}")
                .check(input(Map.of("site", site), Map.of()), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).startsWith("Param 'site' must be a single DNS label");
    }

    @Test
    void aBaseUrlParamGivesSchemeHostPortAndBasePath() throws InvalidParamException {
        String http = "{\"url\": \"{baseUrl}/services/data\", \"hostParams\": [\"baseUrl\"]}";

        assertThat(render(http, Map.of("baseUrl", "https://acme.my.example.com:8443/base/"), Map.of()).request().uri())
                .isEqualTo(URI.create("https://acme.my.example.com:8443/base/services/data"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://acme.example.com", "https://user:pw@acme.example.com", "https://acme.example.com?x=1",
            "https://acme.example.com#top", "not a url", "https:///nohost"})
    void aBaseUrlParamWithMoreThanABaseIsInvalid(String baseUrl) {
        ProbeResult result = probe("{\"url\": \"{baseUrl}/services\", \"hostParams\": [\"baseUrl\"]}")
                .check(input(Map.of("baseUrl", baseUrl), Map.of()), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).startsWith("Param 'baseUrl'");
    }

    @Test
    void queryValuesAreEncodedInOrderAndAnUnsetOptionalOneIsLeftOut() throws InvalidParamException {
        String http = "{\"url\": \"https://api.example.com/search\", \"query\": {\"q\": \"{item}\", \"filter\": \"{filter}\","
                + " \"fields\": \"id,name\"}}";

        assertThat(render(http, Map.of("item", "a b&c=d+é"), Map.of()).request().uri().toString())
                .isEqualTo("https://api.example.com/search?q=a%20b%26c%3Dd%2B%C3%A9&fields=id%2Cname");
        assertThat(render(http, Map.of("item", "x", "filter", "new"), Map.of()).request().uri().toString())
                .isEqualTo("https://api.example.com/search?q=x&filter=new&fields=id%2Cname");
    }

    @Test
    void aMissingRequiredParamIsInvalidParams() {
        ProbeResult result = probe("{\"url\": \"" + local() + "/items/{item}\"}").check(input(Map.of(), Map.of()), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).isEqualTo("Param 'item' is required.");
    }

    @Test
    void headersCarryParamsDefaultsCanBeReplacedAndUnsetOptionalOnesAreLeftOut() {
        answer(200, "{}");

        probe("{\"url\": \"" + local() + "/\", \"headers\": {\"accept\": \"text/plain\", \"X-Item\": \"id {item}\","
                + " \"X-Filter\": \"{filter}\", \"X-Key\": \"Key {token}\"}}")
                .check(input(Map.of("item", "7"), Map.of("token", CANARY)), TIMEOUT);

        LoggedRequest got = onlyRequest();
        assertThat(got.getHeaders().getHeader("Accept").values()).containsExactly("text/plain");
        assertThat(got.getHeader("X-Item")).isEqualTo("id 7");
        assertThat(got.getHeader("X-Key")).isEqualTo("Key " + CANARY);
        assertThat(got.getHeader("User-Agent")).isEqualTo("autoconn-check");
        assertThat(got.containsHeader("X-Filter")).isFalse();
    }

    @Test
    void aSecretThatCannotBeAHeaderValueIsInvalidParamsWithoutShowingIt() {
        ProbeResult result = probe("{\"url\": \"" + local() + "/\", \"auth\": [{\"scheme\": \"bearer\", \"token\": \"{token}\"}]}")
                .check(input(Map.of(), Map.of("token", CANARY + "\r\nX-Injected: 1")), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("header Authorization").doesNotContain(CANARY);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void aBasicUserNameWithAColonIsInvalidParams() {
        ProbeResult result = probe("{\"url\": \"" + local() + "/\", \"auth\": [{\"scheme\": \"basic\", \"username\": \"{user}\","
                + " \"password\": \"{password}\"}]}")
                .check(input(Map.of("user", "a:b"), Map.of("password", CANARY)), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("must not contain ':'").doesNotContain(CANARY);
    }

    @Test
    void authAlternativesUseTheFirstWhoseParamsAreSet() {
        String http = "{\"url\": \"" + local() + "/\", \"auth\": [{\"scheme\": \"bearer\", \"token\": \"{token}\"},"
                + " {\"scheme\": \"apiKeyHeader\", \"name\": \"X-User\", \"value\": \"{user}\"}, {\"scheme\": \"none\"}]}";
        answer(200, "{}");

        probe(http).check(input(Map.of("user", "ann"), Map.of()), TIMEOUT);
        assertThat(onlyRequest().getHeader("X-User")).isEqualTo("ann");
        assertThat(onlyRequest().containsHeader("Authorization")).isFalse();
        server.resetRequests();
        probe(http).check(input(Map.of(), Map.of()), TIMEOUT);
        assertThat(onlyRequest().containsHeader("X-User")).isFalse();
        assertThat(onlyRequest().containsHeader("Authorization")).isFalse();
    }

    @Test
    void aJsonBodyGetsParamsAsJsonStringsAndAFormBodyUrlEncoded() {
        answer(200, "{}");

        probe("{\"method\": \"POST\", \"url\": \"" + local() + "/graphql\", \"body\": {\"json\": "
                + "{\"query\": \"{ viewer { id } }\", \"variables\": {\"item\": \"{item}\", \"n\": [1, true]}}}}")
                .check(input(Map.of("item", "say \"hi\"\n"), Map.of()), TIMEOUT);
        assertThat(onlyRequest().getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(onlyRequest().getBodyAsString())
                .isEqualTo("{\"query\":\"{ viewer { id } }\",\"variables\":{\"item\":\"say \\\"hi\\\"\\n\",\"n\":[1,true]}}");
        server.resetRequests();

        probe("{\"method\": \"POST\", \"url\": \"" + local() + "/form\", \"body\": {\"form\": {\"item\": \"{item}\","
                + " \"filter\": \"{filter}\", \"mode\": \"a b\"}}}")
                .check(input(Map.of("item", "x&y=z"), Map.of()), TIMEOUT);
        assertThat(onlyRequest().getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(onlyRequest().getBodyAsString()).isEqualTo("item=x%26y%3Dz&mode=a%20b");
    }

    @Test
    void theEndpointIsTheRenderedHostAndPortWithoutConnecting() throws InvalidParamException {
        assertThat(probe("{\"url\": \"https://{site}.example.com/api\", \"hostParams\": [\"site\"]}")
                .endpoint(input(Map.of("site", "acme"), Map.of()))).isEqualTo(new Endpoint("acme.example.com", 443));
        assertThat(probe("{\"url\": \"{baseUrl}/api\", \"hostParams\": [\"baseUrl\"]}")
                .endpoint(input(Map.of("baseUrl", "http://[::1]:8080/x"), Map.of()))).isEqualTo(new Endpoint("::1", 8080));
        assertThat(probe("{\"url\": \"http://api.example.com/me\"}").endpoint(input(Map.of(), Map.of())))
                .isEqualTo(new Endpoint("api.example.com", 80));
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    // --- how a templated check fails

    @Test
    void anUnexpectedStatusIsHttpStatusWithTheServicesWords() {
        answer(500, "{\"error\": {\"message\": \"Internal trouble\"}}");

        ProbeResult result = probe("{\"url\": \"" + local() + "/me\", \"errorMessage\": [\"/nothing\", \"/error/message\"]}")
                .check(input(Map.of(), Map.of()), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-HTTP-STATUS");
        assertThat(result.error().detail())
                .isEqualTo("GET " + local() + "/me answered HTTP 500 (expected 2xx). Acme says: \"Internal trouble\"");
    }

    @Test
    void withoutAnErrorMessageTheBodysStartIsQuoted() {
        answer(404, "<html>Not here</html>");

        ProbeResult result = probe("{\"url\": \"" + local() + "/me\", \"expect\": {\"status\": [200, 204]}}")
                .check(input(Map.of(), Map.of()), TIMEOUT);

        assertThat(result.error().detail())
                .isEqualTo("GET " + local() + "/me answered HTTP 404 (expected 200 or 204). Response: \"<html>Not here</html>\"");
    }

    @Test
    void aRedirectIsNotFollowed() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", "https://elsewhere.example/")));

        ProbeResult result = probe("{\"url\": \"" + local() + "/me\"}").check(input(Map.of(), Map.of()), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-HTTP-STATUS");
        assertThat(result.error().detail()).contains("answered HTTP 302, a redirect to https://elsewhere.example/",
                "Redirects are not followed.");
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aRefusalWithoutCredentialsSaysNoneWereSent() {
        answer(401, "{}");

        ProbeResult result = probe("{\"url\": \"" + local() + "/me\"}").check(input(Map.of(), Map.of()), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        assertThat(result.error().detail()).contains("Acme requires credentials, and the check sent none.");
    }

    @Test
    void aRefusalAnsweredWithASuccessStatusIsToldByItsJson() {
        String http = "{\"url\": \"" + local() + "/me\", \"authFailure\": {\"json\": [{\"pointer\": \"/error\", "
                + "\"equals\": \"invalid_token\"}]}, \"errorMessage\": [\"/error\"]}";
        answer(200, "{\"error\": \"invalid_token\"}");

        ProbeResult refused = probe(http).check(input(Map.of(), Map.of()), TIMEOUT);

        assertThat(refused.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        assertThat(refused.error().detail()).isEqualTo("GET " + local() + "/me answered HTTP 200: Acme requires "
                + "credentials, and the check sent none. Acme says: \"invalid_token\"");
        answer(200, "{\"user\": \"ann\"}");
        assertThat(probe(http).check(input(Map.of(), Map.of()), TIMEOUT)).isEqualTo(ProbeResult.ok());
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnexpectedResponse() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("<html>login page</html>")));

        ProbeResult result = probe("{\"url\": \"" + local() + "/me\", \"expect\": {\"json\": [{\"pointer\": \"/id\", "
                + "\"present\": true}]}}").check(input(Map.of(), Map.of()), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-UNEXPECTED-RESPONSE");
        assertThat(result.error().detail()).isEqualTo("GET " + local() + "/me answered HTTP 200, but its body is not a "
                + "JSON document. Response: \"<html>login page</html>\"");
    }

    @Test
    void anUnmetConditionIsAnUnexpectedResponseScrubbed() {
        answer(200, "{\"kind\": \"" + CANARY + "\", \"n\": 2.0}");

        ProbeResult result = probe("{\"url\": \"" + local() + "/me\", \"auth\": [{\"scheme\": \"bearer\", \"token\": "
                + "\"{token}\"}], \"expect\": {\"json\": [{\"pointer\": \"/n\", \"equals\": 2}, {\"pointer\": \"/kind\", "
                + "\"oneOf\": [\"user\", \"bot\"]}]}}").check(input(Map.of(), Map.of("token", CANARY)), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-UNEXPECTED-RESPONSE");
        assertThat(result.error().detail()).isEqualTo("GET " + local() + "/me answered HTTP 200, but /kind is \"****\" "
                + "(expected one of \"user\", \"bot\"). Response: \"{\"kind\": \"****\", \"n\": 2.0}\"");
    }

    @Test
    void aSuccessIsNotDelayedByABodyNothingIsCheckedIn() throws IOException {
        try (TestTargets.StallingServer endless = new TestTargets.StallingServer(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"a\":")) {
            long start = System.nanoTime();

            ProbeResult result = probe("{\"url\": \"http://127.0.0.1:" + endless.port() + "/\"}")
                    .check(input(Map.of(), Map.of()), Duration.ofSeconds(2));

            assertThat(result).isEqualTo(ProbeResult.ok());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aClosedPortIsConnectionRefused() {
        int port = TestTargets.refusedPort();

        ProbeResult result = probe("{\"url\": \"http://127.0.0.1:" + port + "/me\"}").check(input(Map.of(), Map.of()), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-CONNECTION-REFUSED");
        assertThat(result.error().detail()).startsWith("http://127.0.0.1:" + port + "/me refused the TCP connection");
    }

    @Test
    void anUnresolvableHostIsUnknownHost() {
        ProbeResult result = probe("{\"url\": \"{baseUrl}/me\", \"hostParams\": [\"baseUrl\"]}")
                .check(input(Map.of("baseUrl", "http://no-such-host.invalid"), Map.of()), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-UNKNOWN-HOST");
        assertThat(result.error().detail()).contains("http://no-such-host.invalid/me");
    }

    @Test
    void aServerThatNeverAnswersIsATimeoutWithinBoundedTime() throws IOException {
        try (TestTargets.StallingServer silent = new TestTargets.StallingServer()) {
            long start = System.nanoTime();

            ProbeResult result = probe("{\"url\": \"http://127.0.0.1:" + silent.port() + "/me\"}")
                    .check(input(Map.of(), Map.of()), Duration.ofMillis(500));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(result.error().code()).isEqualTo("CHECK-TIMEOUT");
            assertThat(result.error().detail()).contains("500 ms");
        }
    }

    @Test
    void aTargetTheEgressPolicyRefusesIsNeverConnected() throws InvalidParamException {
        HttpTemplateProbe probe = probe("{\"url\": \"{baseUrl}/latest/meta-data\", \"hostParams\": [\"baseUrl\"]}");
        ProbeInput metadata = input(Map.of("baseUrl", "http://169.254.169.254"), Map.of());

        ProbeResult result = probe.check(metadata, TIMEOUT);

        assertThat(probe.targets(metadata)).containsExactly(new Endpoint("169.254.169.254", 80));
        assertThat(result.error().code()).isEqualTo("CHECK-TARGET-REFUSED");
        assertThat(result.error().detail()).startsWith("Checks may not connect to 169.254.169.254:80");
    }

    @Test
    void httpsToAPlainHttpServerIsATlsFailure() {
        ProbeResult result = probe("{\"url\": \"https://127.0.0.1:" + server.getPort() + "/me\"}")
                .check(input(Map.of(), Map.of()), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-TLS");
    }
}
