package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connector files from the classpath and from the operator's directory ({@code AUTOCONN_CONNECTORS_DIR}),
 * and every kind of bad file, each refused with the file's name and the problem.
 */
class ConnectorFileLoaderTest {
    private static final String GITHUB_ID = "fb74aea4-1f1c-49dc-888b-6acf4bf4c4e3";
    private final ConnectorFileLoader loader = shippedLoader();

    /**
     * A loader that knows the built-in probes the shipped files name (the server gives it the probe
     * beans' kinds), so these tests need no change when a probe is added.
     */
    static ConnectorFileLoader shippedLoader() {
        JsonMapper json = JsonMapper.createDefault();
        Set<String> kinds = new HashSet<>();
        try {
            for (String file : resource(ConnectorFileLoader.INDEX).lines().map(String::strip)
                    .filter(l -> l.endsWith(".json")).toList()) {
                JsonNode check = json.readValue(resource(ConnectorFileLoader.DIRECTORY + file), JsonNode.class)
                        .get("check");
                JsonNode probe = check == null ? null : check.get("probe");
                if (probe != null) {
                    kinds.add(probe.getStringValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConnectorFileLoader(json, kinds);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConnectorFileLoaderTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @TempDir
    Path dir;

    /** A valid connector file with this id and {@code check.http}, and the two params templates may use. */
    private static String file(String id, String http) {
        return """
                {
                  "id": "%s",
                  "name": "Acme API",
                  "description": "Acme's API.",
                  "billable": false,
                  "hasWebhooks": false,
                  "check": {"http": %s},
                  "params": [
                    {"id": "6b1f6a8e-6f7e-4c55-9d2a-0f6a3f0e1a01", "name": "account", "fieldType": "text", "optional": false},
                    {"id": "6b1f6a8e-6f7e-4c55-9d2a-0f6a3f0e1a02", "name": "token", "fieldType": "password", "optional": false},
                    {"id": "6b1f6a8e-6f7e-4c55-9d2a-0f6a3f0e1a03", "name": "region", "fieldType": "text", "optional": true}
                  ]
                }""".formatted(id, http);
    }

    private static final String GOOD_HTTP = """
            {"url": "https://api.acme.example/v1/accounts/{account}", "auth": [{"scheme": "bearer", "token": "{token}"}]}""";

    private Path write(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, text);
        return path;
    }

    @Test
    void theShippedConnectorsLoad() {
        List<ConnectorDefinition> shipped = loader.loadAll();

        assertThat(shipped).extracting(ConnectorDefinition::name).contains("HTTP API", "PostgreSQL", "GitHub", "Slack",
                "Jira Cloud", "Salesforce");
        assertThat(shipped.stream().filter(c -> c.check() != null && c.check().http() != null))
                .hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void everyJsonFileOfTheDirectoryLoadsAfterTheShippedOnesInNameOrder() throws IOException {
        write("b.json", file("2d1c5a56-8f0e-4f7b-9b61-3c1f0d2e4a02", GOOD_HTTP));
        write("a.json", file("2d1c5a56-8f0e-4f7b-9b61-3c1f0d2e4a01", GOOD_HTTP).replace("Acme API", "Acme A"));
        write("notes.txt", "not a connector");
        write("c.json.bak", "{");
        Files.createDirectory(dir.resolve("sub.json"));

        List<ConnectorDefinition> all = loader.loadAll(dir);

        int shipped = loader.loadAll().size();
        assertThat(all).hasSize(shipped + 2);
        assertThat(all.subList(shipped, all.size())).extracting(ConnectorDefinition::id)
                .containsExactly("2d1c5a56-8f0e-4f7b-9b61-3c1f0d2e4a01", "2d1c5a56-8f0e-4f7b-9b61-3c1f0d2e4a02");
    }

    @Test
    void anEmptyDirectoryAddsNothing() {
        assertThat(loader.loadAll(dir)).hasSameSizeAs(loader.loadAll());
    }

    @Test
    void aMissingDirectoryIsRefused() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> loader.loadAll(missing))
                .hasMessage("Connector file " + missing + ": the connectors directory (AUTOCONN_CONNECTORS_DIR) does not "
                        + "exist or is not a directory");
    }

    @Test
    void aDirectoryFileCannotReplaceAShippedConnector() throws IOException {
        Path path = write("github.json", file(GITHUB_ID, GOOD_HTTP));

        assertThatThrownBy(() -> loader.loadAll(dir))
                .hasMessage("Connector file " + path + ": connector id " + GITHUB_ID + " is the id of the shipped "
                        + "connector github-token.json; a file of the connectors directory cannot replace a shipped connector "
                        + "(connections made from it would change meaning): give yours its own ids");
    }

    @Test
    void twoDirectoryFilesCannotShareAnId() throws IOException {
        Path first = write("a.json", file("2d1c5a56-8f0e-4f7b-9b61-3c1f0d2e4a01", GOOD_HTTP));
        Path second = write("b.json", file("2d1c5a56-8f0e-4f7b-9b61-3c1f0d2e4a01", GOOD_HTTP));

        assertThatThrownBy(() -> loader.loadAll(dir)).hasMessage("Connector file " + second + ": connector id "
                + "2d1c5a56-8f0e-4f7b-9b61-3c1f0d2e4a01 is used by another file: " + first);
    }

    static Stream<Arguments> badFiles() {
        String id = "2d1c5a56-8f0e-4f7b-9b61-3c1f0d2e4a01";
        String good = file(id, GOOD_HTTP);
        return Stream.of(
                // the file itself
                Arguments.of("bad JSON", "{\"id\": ", "not valid JSON: "),
                Arguments.of("not an object", "[]", "must hold one JSON object"),
                Arguments.of("missing id", good.replace("\"id\": \"" + id + "\",", ""), "the field 'id' is missing"),
                Arguments.of("missing name", good.replace("\"name\": \"Acme API\",", ""), "the field 'name' is missing"),
                Arguments.of("missing check", good.replace("\"check\": {\"http\": " + GOOD_HTTP + "},", ""),
                        "the field 'check' is missing"),
                Arguments.of("missing params", "{\"id\": \"" + id + "\", \"name\": \"x\", \"check\": {\"probe\": \"http\"}}",
                        "the field 'params' is missing (use [] for a connector without params)"),
                Arguments.of("misspelt field", good.replace("\"billable\"", "\"billabel\""),
                        "Unknown property [billabel]"),
                Arguments.of("params not a list", "{\"id\": \"" + id + "\", \"name\": \"x\", \"check\": "
                        + "{\"probe\": \"http\"}, \"params\": {}}", "params must be a JSON array"),
                Arguments.of("auth not a list", http("{\"url\": \"https://a.example/\", \"auth\": {\"scheme\": \"none\"}}"),
                        "check.http.auth must be a JSON array"),
                Arguments.of("status not a list", http("{\"url\": \"https://a.example/\", \"expect\": {\"status\": 200}}"),
                        "check.http.expect.status must be a JSON array"),
                Arguments.of("status not a number", http("{\"url\": \"https://a.example/\", \"expect\": "
                        + "{\"status\": [\"OK\"]}}"), "not a valid connector definition: "),
                Arguments.of("id not a UUID", good.replace(id, "acme"), "id 'acme' is not a lower-case UUID"),
                Arguments.of("blank name", good.replace("\"Acme API\"", "\" \""), "name is required"),
                Arguments.of("duplicate param id", good.replace("0f6a3f0e1a02", "0f6a3f0e1a01"),
                        "param id 6b1f6a8e-6f7e-4c55-9d2a-0f6a3f0e1a01 is declared twice"),
                Arguments.of("duplicate param name", good.replace("\"name\": \"region\"", "\"name\": \"token\""),
                        "param name token is declared twice"),
                Arguments.of("unknown field type", good.replace("\"fieldType\": \"text\", \"optional\": true",
                        "\"fieldType\": \"secret\", \"optional\": true"), "param region has fieldType 'secret'"),
                // the check
                Arguments.of("probe and http", good.replace("{\"http\": ", "{\"probe\": \"http\", \"http\": "),
                        "check needs exactly one of probe (a built-in probe: "),
                Arguments.of("neither probe nor http", good.replace("{\"http\": " + GOOD_HTTP + "}", "{}"),
                        "check needs exactly one of probe"),
                Arguments.of("unknown probe", good.replace("{\"http\": " + GOOD_HTTP + "}", "{\"probe\": \"ldap\"}"),
                        "check.probe 'ldap' is not a built-in probe"),
                Arguments.of("misspelt template field", file(id, GOOD_HTTP.replace("\"auth\"", "\"authentication\"")),
                        "Unknown property [authentication]"),
                // the request template
                Arguments.of("unknown param", http("{\"url\": \"https://api.acme.example/{acount}\"}"),
                        "check.http.url: {acount} names no param of this connector; params: account, region, token"),
                Arguments.of("malformed placeholder", http("{\"url\": \"https://api.acme.example/\", \"headers\": "
                        + "{\"X-Account\": \"{account-id}\"}}"), "check.http.headers.X-Account: {account-id} is not a "
                        + "placeholder"),
                Arguments.of("unknown auth scheme", http("{\"url\": \"https://api.acme.example/\", \"auth\": "
                        + "[{\"scheme\": \"digest\"}]}"), "check.http.auth[0].scheme: 'digest' is not an auth scheme; use "
                        + "one of none, basic, bearer, apiKeyHeader, apiKeyQuery"),
                Arguments.of("auth field of another scheme", http("{\"url\": \"https://api.acme.example/\", \"auth\": "
                        + "[{\"scheme\": \"bearer\", \"token\": \"{token}\", \"username\": \"x\"}]}"),
                        "check.http.auth[0]: bearer takes no 'username'; it takes token"),
                Arguments.of("auth without its field", http("{\"url\": \"https://api.acme.example/\", \"auth\": "
                        + "[{\"scheme\": \"apiKeyHeader\", \"value\": \"{token}\"}]}"),
                        "check.http.auth[0]: apiKeyHeader needs 'name'"),
                Arguments.of("none before another way", http("{\"url\": \"https://api.acme.example/\", \"auth\": "
                        + "[{\"scheme\": \"none\"}, {\"scheme\": \"bearer\", \"token\": \"{token}\"}]}"),
                        "check.http.auth[0]: none must come last"),
                Arguments.of("method that changes things", http("{\"method\": \"DELETE\", \"url\": \"https://a.example/\"}"),
                        "check.http.method: 'DELETE' is not allowed; use GET, HEAD or POST"),
                Arguments.of("no url", http("{\"method\": \"GET\"}"), "check.http.url: is required"),
                Arguments.of("url with a query", http("{\"url\": \"https://a.example/me?x=1\"}"),
                        "check.http.url: must have no query or fragment; put query parameters in check.http.query"),
                Arguments.of("url of another scheme", http("{\"url\": \"ftp://a.example/me\"}"),
                        "check.http.url: must start with https:// or http://"),
                Arguments.of("url with credentials", http("{\"url\": \"https://u:p@a.example/me\"}"),
                        "check.http.url: must not hold credentials"),
                Arguments.of("url with a bad port", http("{\"url\": \"https://a.example:99999/me\"}"),
                        "check.http.url: the port must be a fixed number from 1 to 65535"),
                Arguments.of("url with a bad path", http("{\"url\": \"https://a.example/a b\"}"),
                        "check.http.url: the path \"/a b\" has characters a URL path cannot hold"),
                Arguments.of("host param not declared", http("{\"url\": \"https://{account}.acme.example/\"}"),
                        "check.http.url: {account} would choose the host, but hostParams does not name it"),
                Arguments.of("host param declared, not used", http("{\"url\": \"https://acme.example/{account}\", "
                        + "\"hostParams\": [\"account\"]}"), "check.http.hostParams: names 'account', but the url's host "
                        + "does not use it"),
                Arguments.of("base url param not a url", http("{\"url\": \"{account}/me\", \"hostParams\": [\"account\"]}"),
                        "check.http.url: {account} starts the url, so it is a base URL and must be a param of fieldType url"),
                Arguments.of("secret in the url", http("{\"url\": \"https://a.example/{token}\"}"),
                        "check.http.url: {token} is a secret param, which may only be used in auth and header values"),
                Arguments.of("secret in the query", http("{\"url\": \"https://a.example/\", \"query\": {\"k\": \"{token}\"}}"),
                        "check.http.query.k: {token} is a secret param"),
                Arguments.of("optional param in the url", http("{\"url\": \"https://a.example/{region}\"}"),
                        "check.http.url: {region} is an optional param, but the request cannot be made without it"),
                Arguments.of("Authorization header", http("{\"url\": \"https://a.example/\", \"headers\": "
                        + "{\"Authorization\": \"Bearer {token}\"}}"), "check.http.headers.Authorization: Authorization "
                        + "carries credentials: set it with check.http.auth"),
                Arguments.of("header the client sets", http("{\"url\": \"https://a.example/\", \"headers\": "
                        + "{\"Host\": \"evil.example\"}}"), "check.http.headers.Host: Host is set by the HTTP client"),
                Arguments.of("header given twice", http("{\"url\": \"https://a.example/\", \"headers\": "
                        + "{\"Accept\": \"a\", \"accept\": \"b\"}}"), "check.http.headers.accept: is given twice"),
                Arguments.of("bad header name", http("{\"url\": \"https://a.example/\", \"headers\": {\"X Y\": \"1\"}}"),
                        "check.http.headers.X Y: \"X Y\" is not a valid header name"),
                Arguments.of("body on a GET", http("{\"url\": \"https://a.example/\", \"body\": {\"form\": {}}}"),
                        "check.http.body: only a POST sends a body"),
                Arguments.of("two bodies", http("{\"method\": \"POST\", \"url\": \"https://a.example/\", \"body\": "
                        + "{\"form\": {}, \"json\": {}}}"), "check.http.body: needs exactly one of form and json"),
                Arguments.of("content type and body", http("{\"method\": \"POST\", \"url\": \"https://a.example/\", "
                        + "\"headers\": {\"Content-Type\": \"text/plain\"}, \"body\": {\"json\": {}}}"),
                        "check.http.headers.Content-Type: is set by the body"),
                Arguments.of("secret in the body", http("{\"method\": \"POST\", \"url\": \"https://a.example/\", "
                        + "\"body\": {\"json\": {\"k\": [\"{token}\"]}}}"), "check.http.body.json.k[0]: {token} is a secret"),
                Arguments.of("bad status", http("{\"url\": \"https://a.example/\", \"expect\": {\"status\": [20]}}"),
                        "check.http.expect.status: 20 is not an HTTP status"),
                Arguments.of("refusal status also expected", http("{\"url\": \"https://a.example/\", \"expect\": "
                        + "{\"status\": [200, 401]}}"), "check.http.authFailure.status: 401 is also an expected status"),
                Arguments.of("bad pointer", http("{\"url\": \"https://a.example/\", \"expect\": {\"json\": "
                        + "[{\"pointer\": \"id\", \"present\": true}]}}"), "check.http.expect.json[0].pointer: \"id\" is "
                        + "not a JSON pointer"),
                Arguments.of("condition with two tests", http("{\"url\": \"https://a.example/\", \"expect\": {\"json\": "
                        + "[{\"pointer\": \"/id\", \"present\": true, \"equals\": 1}]}}"),
                        "check.http.expect.json[0]: needs exactly one of equals, oneOf and present"),
                Arguments.of("condition on an object", http("{\"url\": \"https://a.example/\", \"authFailure\": {\"json\": "
                        + "[{\"pointer\": \"/e\", \"equals\": {\"a\": 1}}]}}"),
                        "check.http.authFailure.json[0]: compares with strings, numbers and booleans only"),
                Arguments.of("bad error message pointer", http("{\"url\": \"https://a.example/\", \"errorMessage\": "
                        + "[\"/a~2\"]}"), "check.http.errorMessage[0]: \"/a~2\" is not a JSON pointer"));
    }

    private static String http(String template) {
        return file("2d1c5a56-8f0e-4f7b-9b61-3c1f0d2e4a01", template);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsRefusedNamingTheFileAndTheProblem(String kind, String text, String problem) throws IOException {
        Path path = write("acme.json", text);

        assertThatThrownBy(() -> loader.loadAll(dir))
                .isInstanceOf(ConnectorFileLoader.InvalidConnectorFile.class)
                .hasMessageStartingWith("Connector file " + path + ": ")
                .hasMessageContaining(problem);
    }
}
