package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.identity.ApiKeys;
import io.autoconn.testing.PackagedServer;
import io.autoconn.testing.TcpTarget;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged server stopped with SIGTERM while a request is in flight (a check against a target that
 * accepts and stays silent): the request still gets its whole answer, new connections are refused at
 * once, and the process exits 0 within the grace.
 */
class GracefulShutdownIT {
    private static final String CHECK_TIMEOUT = "8s";
    private static final Duration GRACE = Duration.ofSeconds(30);

    @Test
    void sigtermFinishesTheRequestInFlightThenExitsZero() throws Exception {
        String adminKey = ApiKeys.generate();
        try (TcpTarget target = TcpTarget.on("127.0.0.1");
             PackagedServer server = PackagedServer.start(Files.createTempDirectory("autoconn-shutdown"), adminKey,
                     Map.of("AUTOCONN_CHECK_TIMEOUT", CHECK_TIMEOUT, "AUTOCONN_SHUTDOWN_GRACE", GRACE.toSeconds() + "s"))) {
            HttpApi admin = new HttpApi(server.baseUrl(), adminKey);
            HttpApi.Response created = admin.post(ConnectionsController.V1, Map.of("connectorId", ApiTestBase.HTTP_API,
                    "name", "slow", "params", List.of(Map.of("name", "baseUrl", "value", "http://127.0.0.1:" + target.port()))));
            assertThat(created.json()).as(created.toString()).containsEntry("isConnected", true);
            String id = (String) created.json().get("id");

            target.goSilent();
            int before = target.accepted();
            CompletableFuture<HttpApi.Response> inFlight = CompletableFuture.supplyAsync(
                    () -> admin.postEmpty(ConnectionsController.V1 + "/" + id + "/actions/check"));
            target.awaitAccepted(before + 1); // the check now waits on the silent target

            server.terminate();

            URI base = URI.create(server.baseUrl());
            awaitRefused(base.getHost(), base.getPort());
            assertThat(inFlight).as("the check is still waiting on its target").isNotDone();

            HttpApi.Response answered = inFlight.get(GRACE.toSeconds(), TimeUnit.SECONDS);
            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
            assertThat(answered.json()).containsEntry("connected", false); // the target never answered

            OptionalInt exit = server.awaitExit(GRACE);
            if (exit.isEmpty() || exit.getAsInt() != 0) {
                server.printLogTail(50);
            }
            assertThat(exit).as("exit code within the grace").hasValue(0);
        }
    }

    /** Waits (at most 10 s, then fails) until the server's port refuses new connections. */
    private static void awaitRefused(String host, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1000);
            } catch (ConnectException e) {
                return;
            } catch (IOException e) {
                // a timeout: not refused yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("port " + port + " still accepts connections 10 s after SIGTERM");
    }
}
