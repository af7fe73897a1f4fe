package io.autoconn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.identity.ApiKeys;
import io.autoconn.testing.PackagedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write survives a kill -9 on the embedded SQLite default: creates run concurrently
 * while the server is SIGKILLed, and after a restart every create that was answered 201 is there.
 */
class KillDurabilityIT {
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedCreateSurvivesSigkill() throws Exception {
        String key = ApiKeys.generate();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (PackagedServer server = PackagedServer.start(dataDir, key, Map.of())) {
            ExecutorService writers = Executors.newFixedThreadPool(8);
            String body = "{\"connectorId\":\"67031468-9f41-4068-9de8-95d3dd29dfb4\",\"params\":["
                    + "{\"name\":\"baseUrl\",\"value\":\"" + server.baseUrl() + "\"},"
                    + "{\"name\":\"healthPath\",\"value\":\"/health\"}]}";
            for (int i = 0; i < 8; i++) {
                writers.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                            URI.create(server.baseUrl() + "/api/v1/automation-connections"))
                                    .header("Authorization", "Bearer " + key)
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            Matcher m = ID.matcher(r.body());
                            if (r.statusCode() == 201 && m.find()) {
                                acknowledged.add(m.group(1));
                            }
                        } catch (Exception e) {
                            return; // the server is gone
                        }
                    }
                });
            }
            while (acknowledged.size() < 300) {
                Thread.sleep(20);
            }
            server.kill();
            writers.shutdownNow();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        try (PackagedServer restarted = PackagedServer.start(dataDir, key, Map.of())) {
            List<String> missing = acknowledged.stream().filter(id -> {
                try {
                    return http.send(HttpRequest.newBuilder(
                                    URI.create(restarted.baseUrl() + "/api/v1/automation-connections/" + id))
                            .header("Authorization", "Bearer " + key).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() != 200;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            System.out.println("kill -9 durability: checked " + acknowledged.size() + " acknowledged creates after restart");
            assertThat(missing).as("acknowledged creates lost by kill -9").isEmpty();
        }
        assertThat(Files.exists(dataDir.resolve("autoconn.db"))).isTrue();
    }
}
