package io.autoconn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code target/autoconn.jar}, started as a separate process the way an operator starts it
 * (environment variables only), for end-to-end tests run by Failsafe after packaging.
 */
public final class PackagedServer implements AutoCloseable {
    // Generous: several builds may share the machine, and a busy one starts the jar slowly.
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final Path log;
    private final String baseUrl;

    private PackagedServer(Process process, Path log, String baseUrl) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
    }

    /** The project's root directory (Maven's {@code basedir}). */
    public static Path projectRoot() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    /** Starts the jar with a data directory and admin key, on a free port, and waits until it is healthy. */
    public static PackagedServer start(Path dataDir, String adminKey, Map<String, String> extraEnv) throws Exception {
        Path jar = projectRoot().resolve("target/autoconn.jar");
        assertThat(jar).as("the packaged server (run mvn verify, not mvn test)").isRegularFile();
        int port = freePort();
        Path log = Files.createTempFile("autoconn-server-", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = new HashMap<>(Map.of(
                "AUTOCONN_DATA_DIR", dataDir.toString(),
                "AUTOCONN_PORT", Integer.toString(port),
                "AUTOCONN_ADMIN_API_KEY", adminKey,
                // Far above what any test sends (a durability test makes hundreds of writes a minute); still counted.
                "AUTOCONN_RATE_LIMIT_TIER1", "1000000",
                "AUTOCONN_RATE_LIMIT_TIER2", "1000000"));
        env.putAll(extraEnv);
        builder.environment().putAll(env);
        PackagedServer server = new PackagedServer(builder.start(), log, "http://127.0.0.1:" + port);
        try {
            server.awaitHealthy();
        } catch (Throwable e) {
            server.close(); // a server that never became healthy must not outlive the test
            throw e;
        }
        return server;
    }

    public String baseUrl() {
        return baseUrl;
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                printLogTail(200);
                fail("the server exited with code " + process.exitValue() + " before /health answered 200");
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        printLogTail(200);
        fail("GET " + baseUrl + "/health did not answer 200 within " + STARTUP_TIMEOUT + "; last: " + last);
    }

    /** SIGTERM: how an orchestrator stops the server. */
    public void terminate() {
        process.destroy();
    }

    /** The exit code, once the process exits within {@code timeout}; empty while it still runs. */
    public java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /** SIGKILL: no shutdown hook, no flush; what was acknowledged must already be durable. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public void printLogTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            System.out.println("[server] last " + Math.min(lines, all.size()) + " lines of the server's output:");
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> System.out.println("[server] " + l));
        } catch (IOException e) {
            System.out.println("[server] (cannot read the server's output: " + e + ")");
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill();
            }
        }
        Files.deleteIfExists(log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
