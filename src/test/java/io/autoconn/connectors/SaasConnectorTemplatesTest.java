package io.autoconn.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.autoconn.egress.EgressPolicy;
import io.autoconn.secrets.Secret;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped SaaS connector's template against a local fake of its service (WireMock). The fake
 * answers as the real service documents only to the exact request the service expects (method, path,
 * query, credentials, required headers, body), and refuses other credentials the way the service does;
 * each test then also checks the request it received, header by header, and the real URL the template
 * renders when no test override points it at the fake.
 */
class SaasConnectorTemplatesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final Map<String, ConnectorDefinition> SHIPPED = ConnectorFileLoaderTest.shippedLoader()
            .loadAll().stream().collect(Collectors.toMap(ConnectorDefinition::name, Function.identity()));

    /** The good credential of every case; a refusal test sends {@link #WRONG} instead. */
    private static final String GOOD = "G00d-Secret-Canary-7f3a";
    private static final String WRONG = "Wr0ng-Secret-Canary-91be";

    @RegisterExtension
    static WireMockExtension fake = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    /**
     * One connector: the params it is checked with (a secret param holds {@code secret}), the request
     * the real service must get, what it answers a working credential, and how it refuses another one.
     */
    record Case(String connector, Map<String, String> plain, String secretParam,
                Function<String, Request> request, String success, Refusal refusal, String says) {
        @Override
        public String toString() {
            return connector;
        }
    }

    /** The request a service gets: method, real URL, headers that must be there with these values, body. */
    record Request(String method, String url, Map<String, String> headers, String body) {
        String pathAndQuery() {
            URI uri = URI.create(url);
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
    }

    record Refusal(int status, String contentType, String body) {
        static Refusal json(int status, String body) {
            return new Refusal(status, "application/json", body);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("GitHub (personal access token)", Map.of(), "token",
                        token -> new Request("GET", "https://api.github.com/user", headers(
                                "Authorization", "Bearer " + token,
                                "Accept", "application/vnd.github+json",
                                "X-GitHub-Api-Version", "2022-11-28",
                                "User-Agent", "autoconn-check"), ""),
                        "{\"login\":\"octocat\",\"id\":583231,\"type\":\"User\",\"name\":\"The Octocat\"}",
                        Refusal.json(401, "{\"message\":\"Bad credentials\",\"documentation_url\":"
                                + "\"https://docs.github.com/rest\",\"status\":\"401\"}"),
                        "GitHub says: \"Bad credentials\""),
                new Case("Slack", Map.of(), "token",
                        token -> new Request("POST", "https://slack.com/api/auth.test", headers(
                                "Authorization", "Bearer " + token,
                                "Content-Type", "application/x-www-form-urlencoded"), ""),
                        "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user\":\"automation\","
                                + "\"team_id\":\"T12345\",\"user_id\":\"U12345\",\"bot_id\":\"B12345\"}",
                        // Slack refuses a token with HTTP 200 and ok:false.
                        Refusal.json(200, "{\"ok\":false,\"error\":\"invalid_auth\"}"),
                        "Slack says: \"invalid_auth\""),
                new Case("Jira Cloud", Map.of("site", "acme", "email", "automation@example.com"), "apiToken",
                        token -> new Request("GET", "https://acme.atlassian.net/rest/api/3/myself", headers(
                                "Authorization", basic("automation@example.com", token),
                                "Accept", "application/json"), ""),
                        "{\"accountId\":\"5b10a2844c20165700ede21g\",\"emailAddress\":\"automation@example.com\","
                                + "\"displayName\":\"Automation\",\"active\":true}",
                        new Refusal(401, "text/plain;charset=UTF-8", "Client must be authenticated to access this resource."),
                        "Response: \"Client must be authenticated to access this resource.\""),
                new Case("Airtable", Map.of(), "token",
                        token -> new Request("GET", "https://api.airtable.com/v0/meta/whoami", headers(
                                "Authorization", "Bearer " + token), ""),
                        "{\"id\":\"usrL2PNC5o3H4lBEi\",\"scopes\":[\"data.records:read\",\"schema.bases:read\"]}",
                        Refusal.json(401, "{\"error\":{\"type\":\"AUTHENTICATION_REQUIRED\","
                                + "\"message\":\"Authentication required\"}}"),
                        "Airtable says: \"Authentication required\""),
                new Case("HubSpot", Map.of(), "accessToken",
                        token -> new Request("GET", "https://api.hubapi.com/account-info/v3/details", headers(
                                "Authorization", "Bearer " + token), ""),
                        "{\"portalId\":123456,\"accountType\":\"STANDARD\",\"timeZone\":\"US/Eastern\","
                                + "\"companyCurrency\":\"USD\",\"additionalCurrencies\":[],\"utcOffset\":\"-05:00\","
                                + "\"uiDomain\":\"app.hubspot.com\",\"dataHostingLocation\":\"na1\"}",
                        Refusal.json(401, "{\"status\":\"error\",\"message\":\"Authentication credentials not found. "
                                + "This API supports OAuth 2.0 authentication.\",\"correlationId\":"
                                + "\"4ab0d1b2-0c35-4c4e-9a2f-8f5e4c1d2e3f\",\"category\":\"INVALID_AUTHENTICATION\"}"),
                        "HubSpot says: \"Authentication credentials not found."),
                new Case("Stripe", Map.of(), "secretKey",
                        key -> new Request("GET", "https://api.stripe.com/v1/account", headers(
                                "Authorization", basic(key, "")), ""),
                        "{\"id\":\"acct_1032D82eZvKYlo2C\",\"object\":\"account\",\"business_type\":\"company\","
                                + "\"charges_enabled\":true,\"country\":\"US\"}",
                        Refusal.json(401, "{\"error\":{\"message\":\"Invalid API Key provided: Wr0ng-***********91be\","
                                + "\"type\":\"invalid_request_error\"}}"),
                        "Stripe says: \"Invalid API Key provided: Wr0ng-***********91be\""),
                new Case("Zendesk", Map.of("subdomain", "acme", "email", "agent@example.com"), "apiToken",
                        token -> new Request("GET", "https://acme.zendesk.com/api/v2/users/me.json", headers(
                                "Authorization", basic("agent@example.com/token", token)), ""),
                        "{\"user\":{\"id\":35436,\"name\":\"Agent\",\"email\":\"agent@example.com\",\"role\":\"agent\"}}",
                        Refusal.json(401, "{\"error\":\"Couldn't authenticate you\"}"),
                        "Zendesk says: \"Couldn't authenticate you\""),
                new Case("Salesforce", Map.of("instanceUrl", "https://acme.my.salesforce.com"), "accessToken",
                        token -> new Request("GET", "https://acme.my.salesforce.com/services/data/v62.0/", headers(
                                "Authorization", "Bearer " + token), ""),
                        "{\"tooling\":\"/services/data/v62.0/tooling\",\"query\":\"/services/data/v62.0/query\","
                                + "\"sobjects\":\"/services/data/v62.0/sobjects\",\"limits\":\"/services/data/v62.0/limits\"}",
                        Refusal.json(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"),
                        "Salesforce says: \"Session expired or invalid\""),
                new Case("Microsoft Graph", Map.of(), "accessToken",
                        token -> new Request("GET", "https://graph.microsoft.com/v1.0/organization", headers(
                                "Authorization", "Bearer " + token), ""),
                        "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#organization\",\"value\":"
                                + "[{\"id\":\"84841066-274d-4ec0-a5c1-276be684bdd3\",\"displayName\":\"Contoso\"}]}",
                        Refusal.json(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":"
                                + "\"Access token has expired or is not yet valid.\",\"innerError\":{\"date\":"
                                + "\"2026-11-28T10:00:00\",\"request-id\":\"0b7c9a4e-8d1f-4c2b-9e3a-5f6d7c8b9a0e\"}}}"),
                        "Microsoft Graph says: \"Access token has expired or is not yet valid.\""),
                new Case("Google Sheets", Map.of("spreadsheetId", "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms"),
                        "accessToken",
                        token -> new Request("GET", "https://sheets.googleapis.com/v4/spreadsheets/"
                                + "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms?fields=spreadsheetId", headers(
                                "Authorization", "Bearer " + token), ""),
                        "{\"spreadsheetId\":\"1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms\"}",
                        Refusal.json(401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication "
                                + "credentials. Expected OAuth 2 access token, login cookie or other valid authentication "
                                + "credential.\",\"status\":\"UNAUTHENTICATED\"}}"),
                        "Google Sheets says: \"Request had invalid authentication credentials."),
                new Case("Notion", Map.of(), "token",
                        token -> new Request("GET", "https://api.notion.com/v1/users/me", headers(
                                "Authorization", "Bearer " + token,
                                "Notion-Version", "2022-06-28"), ""),
                        "{\"object\":\"user\",\"id\":\"16d84278-ab0e-484c-9bdd-b35da3bd8905\",\"name\":\"Automation\","
                                + "\"avatar_url\":null,\"type\":\"bot\",\"bot\":{\"owner\":{\"type\":\"workspace\","
                                + "\"workspace\":true},\"workspace_name\":\"Acme\"}}",
                        Refusal.json(401, "{\"object\":\"error\",\"status\":401,\"code\":\"unauthorized\","
                                + "\"message\":\"API token is invalid.\",\"request_id\":\"7d6c5b4a-3e2f-1a0b-9c8d\"}"),
                        "Notion says: \"API token is invalid.\""),
                new Case("Asana", Map.of(), "token",
                        token -> new Request("GET", "https://app.asana.com/api/1.0/users/me", headers(
                                "Authorization", "Bearer " + token), ""),
                        "{\"data\":{\"gid\":\"12345\",\"email\":\"gsanchez@example.com\",\"name\":\"Greg Sanchez\","
                                + "\"resource_type\":\"user\"}}",
                        Refusal.json(401, "{\"errors\":[{\"message\":\"Not Authorized\",\"help\":\"For more information "
                                + "on API status codes and how to handle them, read the docs on errors: "
                                + "https://developers.asana.com/docs/errors\"}]}"),
                        "Asana says: \"Not Authorized\""),
                new Case("SendGrid", Map.of(), "apiKey",
                        key -> new Request("GET", "https://api.sendgrid.com/v3/scopes", headers(
                                "Authorization", "Bearer " + key), ""),
                        "{\"scopes\":[\"mail.send\",\"user.profile.read\"]}",
                        Refusal.json(401, "{\"errors\":[{\"field\":null,\"message\":\"authorization required\"}]}"),
                        "SendGrid says: \"authorization required\""),
                new Case("Mailchimp", Map.of("dataCenter", "us6"), "apiKey",
                        key -> new Request("GET", "https://us6.api.mailchimp.com/3.0/ping", headers(
                                "Authorization", basic("autoconn", key)), ""),
                        "{\"health_status\":\"Everything's Chimpy!\"}",
                        Refusal.json(401, "{\"type\":\"https://mailchimp.com/developer/marketing/docs/errors/\","
                                + "\"title\":\"API Key Invalid\",\"status\":401,\"detail\":\"Your API key may be invalid, "
                                + "or you've attempted to access the wrong datacenter.\",\"instance\":"
                                + "\"2d8c6e1b-0f3a-4b5c-8d7e-9a0b1c2d3e4f\"}"),
                        "Mailchimp says: \"Your API key may be invalid, or you've attempted to access the wrong datacenter.\""),
                new Case("Twilio", Map.of("accountSid", "AC0123456789abcdef0123456789abcdef"), "authToken",
                        token -> new Request("GET",
                                "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef.json",
                                headers("Authorization", basic("AC0123456789abcdef0123456789abcdef", token)), ""),
                        "{\"sid\":\"AC0123456789abcdef0123456789abcdef\",\"friendly_name\":\"Acme\",\"status\":\"active\","
                                + "\"type\":\"Full\"}",
                        Refusal.json(401, "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":"
                                + "\"https://www.twilio.com/docs/errors/20003\",\"status\":401}"),
                        "Twilio says: \"Authenticate\""),
                new Case("Datadog", Map.of("site", "datadoghq.eu"), "apiKey",
                        key -> new Request("GET", "https://api.datadoghq.eu/api/v1/validate", headers(
                                "DD-API-KEY", key), ""),
                        "{\"valid\":true}",
                        Refusal.json(403, "{\"errors\":[\"Forbidden\"]}"),
                        "Datadog says: \"Forbidden\""));
    }

    @Test
    void everyShippedTemplateConnectorHasACase() {
        Set<String> templated = SHIPPED.values().stream().filter(c -> c.check() != null && c.check().http() != null)
                .map(ConnectorDefinition::name).collect(Collectors.toSet());
        assertThat(cases().map(Case::connector)).containsExactlyInAnyOrderElementsOf(templated);
        assertThat(templated).hasSizeGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aWorkingCredentialIsConnected(Case c) {
        serve(c);

        ProbeResult result = check(c, GOOD);

        assertThat(result).isEqualTo(ProbeResult.ok());
        assertReceived(c.request().apply(GOOD));
        assertRendersTheRealUrl(c, GOOD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRefusedCredentialIsAuthFailedWithTheServicesWords(Case c) {
        serve(c);

        ProbeResult result = check(c, WRONG);

        assertThat(result.connected()).isFalse();
        assertThat(result.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        Request sent = c.request().apply(WRONG);
        assertThat(result.error().detail())
                .startsWith(sent.method() + " " + fake.baseUrl() + sent.pathAndQuery() + " answered HTTP "
                        + c.refusal().status())
                .contains(service(c) + " refused the credentials", "'" + c.secretParam() + "'", c.says())
                .doesNotContain(WRONG, Base64.getEncoder().encodeToString(WRONG.getBytes(StandardCharsets.UTF_8)));
        assertReceived(sent);
    }

    @Test
    void aServiceEchoingTheCredentialHasItScrubbed() {
        Case github = caseOf("GitHub (personal access token)");
        fake.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Bad credentials: {{request.headers.Authorization}}\"}")
                .withTransformers("response-template")));

        ProbeResult result = check(github, WRONG);

        assertThat(result.error().detail()).contains("GitHub says: \"Bad credentials: Bearer ****\"").doesNotContain(WRONG);
    }

    @Test
    void zendeskAnsweringAnAnonymousUserIsAuthFailed() {
        Case zendesk = caseOf("Zendesk");
        fake.stubFor(any(anyUrl()).willReturn(okJson("{\"user\":{\"id\":null,\"url\":null,\"name\":\"Anonymous user\","
                + "\"email\":\"invalid@example.com\",\"role\":\"end-user\"}}")));

        ProbeResult result = check(zendesk, GOOD);

        assertThat(result.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        assertThat(result.error().detail()).contains("answered HTTP 200, but /user/id is missing",
                "Zendesk refused the credentials (basic username/password from params 'email', 'apiToken')");
    }

    @Test
    void slackAnsweringAnotherErrorIsAnUnexpectedResponse() {
        Case slack = caseOf("Slack");
        fake.stubFor(any(anyUrl()).willReturn(okJson("{\"ok\":false,\"error\":\"ratelimited\"}")));

        ProbeResult result = check(slack, GOOD);

        assertThat(result.error().code()).isEqualTo("CHECK-UNEXPECTED-RESPONSE");
        assertThat(result.error().detail()).contains("answered HTTP 200, but /ok is false (expected true).",
                "Slack says: \"ratelimited\"");
    }

    /** Google Sheets with an API key: the key goes in the query (after the template's own), masked in details. */
    @Test
    void googleSheetsWithAnApiKeySendsItAsTheKeyQueryParameter() {
        String path = "/v4/spreadsheets/sheet-1?fields=spreadsheetId&key=" + GOOD;
        fake.stubFor(request("GET", urlEqualTo(path)).willReturn(okJson("{\"spreadsheetId\":\"sheet-1\"}")));
        fake.stubFor(request("GET", urlEqualTo("/v4/spreadsheets/sheet-1?fields=spreadsheetId&key=" + WRONG))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
                                + "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":"
                                + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\","
                                + "\"domain\":\"googleapis.com\",\"metadata\":{\"service\":\"sheets.googleapis.com\"}}]}}")));
        HttpTemplateProbe probe = probe("Google Sheets");

        assertThat(probe.check(input(Map.of("spreadsheetId", "sheet-1"), Map.of("apiKey", GOOD)), TIMEOUT))
                .isEqualTo(ProbeResult.ok());
        assertThat(onlyRequest().getHeader("Authorization")).isNull();
        ProbeResult refused = probe.check(input(Map.of("spreadsheetId", "sheet-1"), Map.of("apiKey", WRONG)), TIMEOUT);

        assertThat(refused.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        assertThat(refused.error().detail())
                .startsWith("GET " + fake.baseUrl() + "/v4/spreadsheets/sheet-1?fields=spreadsheetId&key=**** answered HTTP 400")
                .contains("API key in query parameter 'key' from param 'apiKey'",
                        "Google Sheets says: \"API key not valid. Please pass a valid API key.\"")
                .doesNotContain(WRONG);
    }

    @Test
    void googleSheetsWithoutCredentialsIsInvalidParamsNamingBoth() {
        ProbeResult result = probe("Google Sheets").check(input(Map.of("spreadsheetId", "sheet-1"), Map.of()), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail())
                .isEqualTo("The credentials are missing: set 'accessToken' (bearer), or 'apiKey' (apiKeyQuery).");
        assertThat(fake.getAllServeEvents()).isEmpty();
    }

    /** What details call the service: the template's service, else the connector's name. */
    private static String service(Case c) {
        String service = SHIPPED.get(c.connector()).check().http().service();
        return service == null ? c.connector() : service;
    }

    private static Case caseOf(String connector) {
        return cases().filter(c -> c.connector().equals(connector)).findFirst().orElseThrow();
    }

    /** The fake: the documented answer to the exact request with the good credential, the refusal to any other. */
    private static void serve(Case c) {
        Request good = c.request().apply(GOOD);
        MappingBuilder exact = request(good.method(), urlEqualTo(good.pathAndQuery())).atPriority(1);
        for (Map.Entry<String, String> header : good.headers().entrySet()) {
            exact = exact.withHeader(header.getKey(), equalTo(header.getValue()));
        }
        if (good.method().equals("POST")) {
            // WireMock's equalTo("") never matches an empty body; its length does.
            exact = good.body().isEmpty() ? exact.withHeader("Content-Length", equalTo("0"))
                    : exact.withRequestBody(equalTo(good.body()));
        }
        fake.stubFor(exact.willReturn(okJson(c.success())));
        fake.stubFor(request(good.method(), urlEqualTo(good.pathAndQuery())).atPriority(5)
                .willReturn(aResponse().withStatus(c.refusal().status())
                        .withHeader("Content-Type", c.refusal().contentType()).withBody(c.refusal().body())));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    /** The one request the fake got, exactly as expected: nothing missing, no header with another value. */
    private static void assertReceived(Request expected) {
        LoggedRequest got = onlyRequest();
        assertThat(got.getMethod().value()).isEqualTo(expected.method());
        assertThat(got.getUrl()).isEqualTo(expected.pathAndQuery());
        for (Map.Entry<String, String> header : expected.headers().entrySet()) {
            assertThat(got.getHeaders().getHeader(header.getKey()).values()).as(header.getKey())
                    .containsExactly(header.getValue());
        }
        if (!expected.headers().containsKey("Authorization")) {
            assertThat(got.getHeader("Authorization")).isNull();
        }
        assertThat(got.getBodyAsString()).isEqualTo(expected.body());
    }

    private static LoggedRequest onlyRequest() {
        assertThat(fake.getAllServeEvents()).hasSize(1);
        return fake.getAllServeEvents().get(0).getRequest();
    }

    /** Without the test override, the template calls the service's real URL (and names its host as the endpoint). */
    private void assertRendersTheRealUrl(Case c, String secret) {
        ConnectorDefinition connector = SHIPPED.get(c.connector());
        try {
            RequestTemplate template = RequestTemplate.compile(connector.check().http(), connector.params(), JSON);
            RequestTemplate.Rendered rendered = template.render(input(c, secret), TIMEOUT, null,
                    SecretScrubber.of(input(c, secret), List.of(c.secretParam())));
            assertThat(rendered.request().uri().toString()).isEqualTo(c.request().apply(secret).url());
            assertThat(rendered.request().method()).isEqualTo(c.request().apply(secret).method());
            assertThat(HttpTemplateProbe.of(connector, JSON, null, EgressPolicy.defaults()).endpoint(input(c, secret)))
                    .isEqualTo(new Endpoint(URI.create(c.request().apply(secret).url()).getHost(), 443));
        } catch (InvalidTemplateException | InvalidParamException e) {
            throw new AssertionError(e);
        }
    }

    private static ProbeResult check(Case c, String secret) {
        return probe(c.connector()).check(input(c, secret), TIMEOUT);
    }

    private static HttpTemplateProbe probe(String connector) {
        try {
            return HttpTemplateProbe.of(SHIPPED.get(connector), JSON, URI.create(fake.baseUrl()), EgressPolicy.defaults());
        } catch (InvalidTemplateException e) {
            throw new AssertionError(e);
        }
    }

    private static ProbeInput input(Case c, String secret) {
        return input(c.plain(), Map.of(c.secretParam(), secret));
    }

    static ProbeInput input(Map<String, String> plain, Map<String, String> secrets) {
        Map<String, Secret> wrapped = new HashMap<>();
        secrets.forEach((name, value) -> wrapped.put(name, Secret.of(value)));
        return new ProbeInput(plain, wrapped);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> headers(String... nameValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.put(nameValues[i], nameValues[i + 1]);
        }
        return headers;
    }
}
