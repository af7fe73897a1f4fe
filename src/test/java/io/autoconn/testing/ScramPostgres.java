package io.autoconn.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster that checks passwords (scram-sha-256), started by a test on a free
 * loopback port: the machine's own cluster trusts every local connection, so it cannot refuse one, and
 * other tests use it, so it cannot be stopped. Built
 * with the machine's {@code initdb} and {@code pg_ctl}; as root they run as user {@code postgres}, since
 * PostgreSQL refuses to run as root. A machine without them fails the test.
 */
public final class ScramPostgres implements AutoCloseable {
    public static final String USER = "postgres";

    private final Path directory;
    private final Path binaries;
    private final int port;

    private ScramPostgres(Path directory, Path binaries, int port) {
        this.directory = directory;
        this.binaries = binaries;
        this.port = port;
    }

    /** A cluster whose superuser {@link #USER} logs in with {@code password} only. */
    public static ScramPostgres start(String password) throws Exception {
        Path binaries = binaries();
        Path dir = Files.createTempDirectory("autoconn-scram-pg");
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        giveToPostgres(dir);
        ScramPostgres cluster = new ScramPostgres(dir, binaries, freePort());
        cluster.run(List.of(binaries.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--no-sync"));
        cluster.startServer();
        return cluster;
    }

    /**
     * Stops the server the way a crash does ({@code pg_ctl stop -m immediate}: every connection dropped, no
     * checkpoint); {@link #startServer} brings it back on the same port with what it had committed.
     * (fsync=off loses nothing here: the machine keeps running, so the files keep what was written.)
     */
    public void stopServer() throws Exception {
        run(List.of(binaries.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-m",
                "immediate", "-w", "stop"));
    }

    public void startServer() throws Exception {
        run(List.of(binaries.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-w", "-t", "30",
                "-l", directory.resolve("log").toString(), "-o",
                "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        stopServer();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void run(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** The newest installed PostgreSQL's binaries ({@code /usr/lib/postgresql/<version>/bin}). */
    private static Path binaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("No initdb under /usr/lib/postgresql/*/bin"));
        }
    }

    private static void giveToPostgres(Path dir) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                Files.setOwner(p, postgres);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
