package io.autoconn.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.autoconn.identity.ApiKeys;
import io.autoconn.testing.PackagedServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Qlik's official JavaScript client ({@code @qlik/api}, driven by {@code compat/run.mjs}) against the packaged
 * server, through every operation in both flavours, validating each answer against the served OpenAPI document.
 * Needs {@code node} and {@code npm} on the PATH and the PostgreSQL server the script checks against
 * (127.0.0.1:5432, database {@code test}, user {@code postgres}).
 */
class OfficialClientCompatibilityIT {
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration COMPAT_TIMEOUT = Duration.ofMinutes(15);

    @TempDir
    Path dataDir;

    @Test
    void officialClientPassesAgainstThePackagedServer() throws Exception {
        Path root = PackagedServer.projectRoot();
        Path compat = root.resolve("compat");
        assertThat(compat.resolve("run.mjs")).isRegularFile();
        String apiKey = ApiKeys.generate();
        try (PackagedServer server = PackagedServer.start(dataDir, apiKey, Map.of())) {
            if (!Files.isDirectory(compat.resolve("node_modules"))) {
                int npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), compat, Map.of(), NPM_TIMEOUT, "npm");
                assertThat(npm).as("npm ci in compat/").isZero();
            }
            int exit = run(nodeTestCommand(compat), root,
                    Map.of("AUTOCONN_URL", server.baseUrl(), "AUTOCONN_API_KEY", apiKey), COMPAT_TIMEOUT, "compat");
            if (exit != 0) {
                server.printLogTail(80);
            }
            assertThat(exit).as("exit code of node --test over compat/ (its output is above)").isZero();
        }
    }

    /** {@code node --test} over run.mjs (connections and connectors) and every {@code compat/*.test.mjs}. */
    private static List<String> nodeTestCommand(Path compat) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", "--test", "compat/run.mjs"));
        try (Stream<Path> files = Files.list(compat)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".test.mjs")).sorted()
                    .forEach(n -> command.add("compat/" + n));
        }
        return command;
    }

    /** Runs a command, copying its output line by line to the test log; returns its exit code. */
    private static int run(List<String> command, Path dir, Map<String, String> env, Duration timeout, String tag)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        System.out.println("[" + tag + "] $ " + String.join(" ", command));
        Process process = builder.start();
        Thread pump = new Thread(() -> copyLines(process.getInputStream(), "[" + tag + "] "), tag + "-output");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(String.join(" ", command) + " did not finish within " + timeout);
            }
            pump.join(5_000);
            return process.exitValue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static void copyLines(InputStream in, String prefix) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println(prefix + line);
            }
        } catch (IOException e) {
            System.out.println(prefix + "(output closed: " + e + ")");
        }
    }
}
