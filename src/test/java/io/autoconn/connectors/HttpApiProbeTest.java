package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.autoconn.secrets.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpApiProbeTest {
    private static final String CANARY = "S3cr3t-Canary-123";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpApiProbe probe = new HttpApiProbe();
    /** What the server last received: the request path and headers. */
    private final AtomicReference<String> receivedPath = new AtomicReference<>();
    private final AtomicReference<Headers> receivedHeaders = new AtomicReference<>();
    private final ExecutorService background = Executors.newCachedThreadPool();
    private HttpServer server;
    private String baseUrl;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(background); // so that a handler that never finishes is interrupted after the test
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        background.shutdownNow();
    }

    /**
     * Answers /status/NNN with that status, /redirect with a 302, /echo and /echo-repeated with a 500
     * quoting the request's credentials, /endless with a 200 whose body never ends, anything else with
     * a 200.
     */
    private void answer(HttpExchange exchange) throws IOException {
        receivedPath.set(exchange.getRequestURI().getPath());
        receivedHeaders.set(exchange.getRequestHeaders());
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/redirect")) {
            exchange.getResponseHeaders().add("Location", baseUrl + "/elsewhere");
            respond(exchange, 302, "");
        } else if (path.startsWith("/status/")) {
            respond(exchange, Integer.parseInt(path.substring("/status/".length())), "Something went wrong");
        } else if (path.equals("/echo")) {
            // A careless server quoting the request's credentials back in its error body.
            respond(exchange, 500, "Bad request with Authorization=" + exchange.getRequestHeaders().getFirst("Authorization")
                    + " and X-Api-Key=" + exchange.getRequestHeaders().getFirst("X-Api-Key"));
        } else if (path.equals("/echo-repeated")) {
            // Long enough that the probe stops reading in the middle of a quoted secret.
            respond(exchange, 500, exchange.getRequestHeaders().getFirst("X-Api-Key").repeat(11));
        } else if (path.equals("/endless")) {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{\"status\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            sleepUntilInterrupted();
        } else {
            respond(exchange, 200, "{\"status\":\"UP\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ProbeInput input(Map<String, String> plain, Map<String, String> secrets) {
        Map<String, Secret> wrapped = new HashMap<>();
        secrets.forEach((name, value) -> wrapped.put(name, Secret.of(value)));
        return new ProbeInput(plain, wrapped);
    }

    private static ProbeInput input(Map<String, String> plain) {
        return input(plain, Map.of());
    }

    @Test
    void kindIsHttp() {
        assertThat(probe.kind()).isEqualTo("http");
    }

    @Test
    void a200AnswerMeansConnected() {
        ProbeResult result = probe.check(input(Map.of("baseUrl", baseUrl)), TIMEOUT);

        assertThat(result).isEqualTo(ProbeResult.ok());
        assertThat(receivedHeaders.get().getFirst("Accept")).isEqualTo("*/*");
        assertThat(receivedHeaders.get().getFirst("User-Agent")).isEqualTo("autoconn-check");
        assertThat(receivedHeaders.get().containsKey("Authorization")).isFalse();
    }

    @Test
    void healthPathIsAppendedToBaseUrl() {
        ProbeResult result = probe.check(input(Map.of("baseUrl", baseUrl + "/api/", "healthPath", "health")), TIMEOUT);

        assertThat(result.connected()).isTrue();
        assertThat(receivedPath.get()).isEqualTo("/api/health");
    }

    @Test
    void basicAuthSendsBase64OfUserAndPassword() {
        probe.check(input(Map.of("baseUrl", baseUrl, "authType", "basic", "username", "alice"),
                Map.of("password", CANARY)), TIMEOUT);

        String expected = Base64.getEncoder().encodeToString(("alice:" + CANARY).getBytes(StandardCharsets.UTF_8));
        assertThat(receivedHeaders.get().get("Authorization")).containsExactly("Basic " + expected);
    }

    @Test
    void bearerAuthSendsTheToken() {
        probe.check(input(Map.of("baseUrl", baseUrl, "authType", "bearer"), Map.of("token", CANARY)), TIMEOUT);

        assertThat(receivedHeaders.get().get("Authorization")).containsExactly("Bearer " + CANARY);
    }

    @Test
    void headerAuthSendsTheNamedHeader() {
        probe.check(input(Map.of("baseUrl", baseUrl, "authType", "header", "headerName", "X-Api-Key"),
                Map.of("headerValue", CANARY)), TIMEOUT);

        assertThat(receivedHeaders.get().get("X-Api-Key")).containsExactly(CANARY);
        assertThat(receivedHeaders.get().containsKey("Authorization")).isFalse();
    }

    @Test
    void aSuccessIsNotDelayedByItsBody() {
        long start = System.nanoTime();

        ProbeResult result = probe.check(input(Map.of("baseUrl", baseUrl, "healthPath", "/endless")),
                Duration.ofSeconds(1));

        assertThat(result.connected()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void aRefusalOfTheCredentialsIsAuthFailed(int status) {
        ProbeResult result = probe.check(input(Map.of("baseUrl", baseUrl, "healthPath", "/status/" + status,
                "authType", "bearer"), Map.of("token", CANARY)), TIMEOUT);

        assertThat(result.connected()).isFalse();
        assertThat(result.error().code()).isEqualTo("CHECK-AUTH-FAILED");
        assertThat(result.error().detail())
                .contains("GET " + baseUrl + "/status/" + status, "HTTP " + status, "bearer")
                .doesNotContain(CANARY);
    }

    @Test
    void anotherErrorStatusIsHttpStatusAndQuotesTheBody() {
        ProbeResult result = probe.check(input(Map.of("baseUrl", baseUrl, "healthPath", "/status/500")), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-HTTP-STATUS");
        assertThat(result.error().detail()).contains("GET " + baseUrl + "/status/500", "HTTP 500", "Something went wrong");
    }

    @Test
    void aRedirectIsNotFollowedAndNotConnected() {
        ProbeResult result = probe.check(input(Map.of("baseUrl", baseUrl, "healthPath", "/redirect")), TIMEOUT);

        assertThat(result.connected()).isFalse();
        assertThat(result.error().code()).isEqualTo("CHECK-HTTP-STATUS");
        assertThat(result.error().detail()).contains("HTTP 302", baseUrl + "/elsewhere");
        assertThat(receivedPath.get()).isEqualTo("/redirect");
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        ProbeResult result = probe.check(input(Map.of("baseUrl", "http://127.0.0.1:" + port)), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-CONNECTION-REFUSED");
        assertThat(result.error().detail()).contains("127.0.0.1:" + port);
    }

    @Test
    void aServerThatNeverAnswersIsATimeoutWithinBoundedTime() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            background.submit(() -> acceptAndHold(silent));
            long start = System.nanoTime();

            ProbeResult result = probe.check(input(Map.of("baseUrl", "http://127.0.0.1:" + silent.getLocalPort())),
                    Duration.ofMillis(500));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(result.error().code()).isEqualTo("CHECK-TIMEOUT");
            assertThat(result.error().detail()).contains("500 ms", "127.0.0.1:" + silent.getLocalPort());
        }
    }

    @Test
    void anErrorBodyThatStallsIsATimeoutWithinBoundedTimeAndItsConnectionIsClosed() throws Exception {
        try (ServerSocket stalling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var closedByTheCheck = background.submit(() -> answerThenStallBody(stalling));
            long start = System.nanoTime();

            ProbeResult result = probe.check(input(Map.of("baseUrl", "http://127.0.0.1:" + stalling.getLocalPort())),
                    Duration.ofMillis(500));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(result.error().code()).isEqualTo("CHECK-TIMEOUT");
            assertThat(result.error().detail()).contains("500 ms");
            assertThat(closedByTheCheck.get(5, TimeUnit.SECONDS)).as("the check closed the connection").isTrue();
        }
    }

    /**
     * The JDK client's sendAsync hands every answer to the common pool, which on a 2-core machine starts a
     * thread per task: a check must not cost a thread.
     */
    @Test
    void checksDoNotStartAThreadEach() {
        String refused = "http://127.0.0.1:" + TestTargets.refusedPort();
        probe.check(input(Map.of("baseUrl", refused)), TIMEOUT); // the shared client's own threads start here
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startedBefore = threads.getTotalStartedThreadCount();

        for (int i = 0; i < 100; i++) {
            assertThat(probe.check(input(Map.of("baseUrl", refused)), TIMEOUT).error().code())
                    .isEqualTo("CHECK-CONNECTION-REFUSED");
        }

        assertThat(threads.getTotalStartedThreadCount() - startedBefore).as("threads started by 100 checks")
                .isLessThan(10);
    }

    @Test
    void anUnresolvableHostIsUnknownHost() {
        ProbeResult result = probe.check(input(Map.of("baseUrl", "http://no-such-host.invalid")), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-UNKNOWN-HOST");
        assertThat(result.error().detail()).contains("no-such-host.invalid");
    }

    @Test
    void httpsToAPlainHttpServerIsATlsFailure() throws IOException {
        try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Answers the TLS ClientHello in plain HTTP, as a server without TLS on that port does.
            background.submit(() -> answerInPlainHttp(plain));

            ProbeResult result = probe.check(input(Map.of("baseUrl", "https://127.0.0.1:" + plain.getLocalPort())),
                    TIMEOUT);

            assertThat(result.error().code()).isEqualTo("CHECK-TLS");
            assertThat(result.error().detail()).contains("https://127.0.0.1:" + plain.getLocalPort());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ftp://127.0.0.1/", "not a url", "http:///no-host", "http://user:pw@127.0.0.1/"})
    void aMissingOrMalformedBaseUrlIsInvalidParams(String badUrl) {
        ProbeResult result = probe.check(input(Map.of("baseUrl", badUrl)), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("baseUrl").doesNotContain("pw@");
    }

    @Test
    void anUnknownAuthTypeIsInvalidParams() {
        ProbeResult result = probe.check(input(Map.of("baseUrl", baseUrl, "authType", "bogus")), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("authType", "bogus");
    }

    @Test
    void anAuthTypeWithoutItsCredentialIsInvalidParams() {
        ProbeResult result = probe.check(input(Map.of("baseUrl", baseUrl, "authType", "bearer")), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("token");
    }

    @Test
    void aSecretThatCannotBeAHeaderValueIsInvalidParamsWithoutTheSecret() {
        ProbeResult result = probe.check(input(Map.of("baseUrl", baseUrl, "authType", "bearer"),
                Map.of("token", CANARY + "\r\nX-Injected: 1")), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-INVALID-PARAMS");
        assertThat(result.error().detail()).contains("token").doesNotContain(CANARY);
        assertThat(receivedPath.get()).isNull();
    }

    @Test
    void secretsEchoedInTheErrorBodyAreScrubbed() {
        ProbeResult basic = probe.check(input(Map.of("baseUrl", baseUrl, "healthPath", "/echo",
                "authType", "basic", "username", "alice"), Map.of("password", CANARY)), TIMEOUT);
        ProbeResult header = probe.check(input(Map.of("baseUrl", baseUrl, "healthPath", "/echo",
                "authType", "header", "headerName", "X-Api-Key"), Map.of("headerValue", CANARY)), TIMEOUT);

        String encoded = Base64.getEncoder().encodeToString(("alice:" + CANARY).getBytes(StandardCharsets.UTF_8));
        assertThat(basic.error().code()).isEqualTo("CHECK-HTTP-STATUS");
        assertThat(basic.error().detail()).contains("Authorization=Basic ****").doesNotContain(CANARY, encoded);
        assertThat(header.error().detail()).contains("X-Api-Key=****").doesNotContain(CANARY);
    }

    @Test
    void aSecretCutInTwoWhereReadingStopsIsScrubbed() {
        String longSecret = CANARY + "-" + "x".repeat(82); // 100 characters; quoted 11 times, cut in the 11th

        ProbeResult result = probe.check(input(Map.of("baseUrl", baseUrl, "healthPath", "/echo-repeated",
                "authType", "header", "headerName", "X-Api-Key"), Map.of("headerValue", longSecret)), TIMEOUT);

        assertThat(result.error().code()).isEqualTo("CHECK-HTTP-STATUS");
        assertThat(result.error().detail()).contains("****").doesNotContain(CANARY, "xxx");
    }

    @Test
    void aSecretQuotedInAnExceptionIsScrubbed() throws IOException {
        try (ServerSocket garbled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Answers with a broken status line made of the request's Authorization header, which the
            // JDK then quotes in its ProtocolException.
            background.submit(() -> echoAuthorizationAsStatusLine(garbled));

            ProbeResult result = probe.check(input(Map.of("baseUrl", "http://127.0.0.1:" + garbled.getLocalPort(),
                    "authType", "bearer"), Map.of("token", CANARY)), TIMEOUT);

            assertThat(result.error().code()).isEqualTo("CHECK-FAILED");
            assertThat(result.error().detail()).contains("ProtocolException", "Bearer ****").doesNotContain(CANARY);
        }
    }

    private static void sleepUntilInterrupted() {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Void acceptAndHold(ServerSocket server) throws IOException, InterruptedException {
        try (Socket ignored = server.accept()) {
            Thread.sleep(60_000);
        }
        return null;
    }

    /** Answers a 500 whose body stops after a few bytes; true once the client closed the connection. */
    private static boolean answerThenStallBody(ServerSocket server) throws IOException {
        try (Socket socket = server.accept()) {
            socket.getInputStream().read(new byte[512]);
            socket.getOutputStream().write("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 100000\r\n\r\nstarts"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.setSoTimeout(10_000);
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static Void answerInPlainHttp(ServerSocket server) throws IOException {
        try (Socket socket = server.accept()) {
            socket.getInputStream().read(new byte[512]);
            socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        return null;
    }

    private static Void echoAuthorizationAsStatusLine(ServerSocket server) throws IOException {
        try (Socket socket = server.accept()) {
            BufferedReader request = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String authorization = "";
            for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
                if (line.startsWith("Authorization:")) {
                    authorization = line;
                }
            }
            socket.getOutputStream().write(("BOGUS " + authorization + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        return null;
    }
}
