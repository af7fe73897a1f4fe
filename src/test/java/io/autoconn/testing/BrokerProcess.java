package io.autoconn.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second Mosquitto or NATS server, started by a test on a free loopback port with authentication
 * switched on: the machine's own brokers (1883, 4222) let anyone in, so they cannot refuse a password.
 * The binaries come from the machine's Debian packages; a machine without them fails the test.
 */
public final class BrokerProcess implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final Path directory;
    private final int port;

    private BrokerProcess(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** Mosquitto that admits only {@code user} with {@code password}: anonymous clients are refused. */
    public static BrokerProcess mosquittoWithPassword(String user, String password) throws Exception {
        Path dir = Files.createTempDirectory("autoconn-mosquitto");
        Path passwords = dir.resolve("passwords");
        run(List.of("mosquitto_passwd", "-b", "-c", passwords.toString(), user, password), dir);
        int port = freePort();
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous false",
                "password_file " + passwords,
                "persistence false",
                // As root, Mosquitto drops to user "mosquitto", which could not read the password file.
                "user " + System.getProperty("user.name"),
                ""));
        return start(List.of("mosquitto", "-c", config.toString()), dir, port);
    }

    /** nats-server that admits only {@code user} with {@code password}. */
    public static BrokerProcess natsWithPassword(String user, String password) throws Exception {
        int port = freePort();
        return start(List.of("nats-server", "-a", "127.0.0.1", "-p", String.valueOf(port),
                "--user", user, "--pass", password), Files.createTempDirectory("autoconn-nats"), port);
    }

    /** nats-server that admits only clients presenting {@code token}. */
    public static BrokerProcess natsWithToken(String token) throws Exception {
        int port = freePort();
        return start(List.of("nats-server", "-a", "127.0.0.1", "-p", String.valueOf(port), "--auth", token),
                Files.createTempDirectory("autoconn-nats"), port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static BrokerProcess start(List<String> command, Path dir, int port) throws Exception {
        Path log = dir.resolve("output.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        BrokerProcess broker = new BrokerProcess(process, dir, port);
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail(command.get(0) + " exited with code " + process.exitValue() + ": " + Files.readString(log));
            }
            if (listening(port)) {
                return broker;
            }
            Thread.sleep(50);
        }
        broker.close();
        return fail(command.get(0) + " did not listen on 127.0.0.1:" + port + " within " + STARTUP_TIMEOUT);
    }

    private static void run(List<String> command, Path dir) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command.subList(0, 1)) + " failed: " + output);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
