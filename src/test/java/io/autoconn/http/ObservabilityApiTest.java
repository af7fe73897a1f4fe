package io.autoconn.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.autoconn.connectors.CheckMetrics;
import io.autoconn.connectors.ConnectionChecker;
import io.autoconn.health.KeptAnswer;
import io.autoconn.testing.TcpTarget;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What an operator sees of a running server: the health probes and /metrics without a key, the W3C
 * trace context in answers, in outbound calls and in the JSON log lines of a request.
 */
@MicronautTest
class ObservabilityApiTest extends ApiTestBase {
    /** Readiness keeps its answer for a second: a change shows within that (and the check's own time). */
    private static final Duration READINESS_SEEN = KeptAnswer.KEPT.plusSeconds(2);

    @Inject
    MeterRegistry registry;

    private HttpApi anonymous() {
        return admin.as(null);
    }

    @Test
    void healthProbesAnswerWithoutAKeyAndShowNoDetails() {
        for (String path : List.of("/health", "/health/liveness", "/health/readiness")) {
            HttpApi.Response r = anonymous().get(path);
            assertThat(r.status()).as(path + ": " + r).isEqualTo(200);
            assertThat(r.json()).containsEntry("status", "UP");
            assertThat(r.text()).doesNotContain("jdbc").doesNotContain("autoconn.db");
        }
    }

    @Test
    void readinessIsDownWhileAMigrationIsPending() throws InterruptedException {
        var history = DSL.table(DSL.name("flyway_schema_history"));
        var rank = DSL.field(DSL.name("installed_rank"), Integer.class);
        Record latest = database.dsl().selectFrom(history).orderBy(rank.desc()).limit(1).fetchOne();
        // As if this server were newer than the schema: its latest migration not applied yet.
        database.write(dsl -> dsl.deleteFrom(history).where(rank.eq(latest.get(rank))).execute());
        try {
            HttpApi.Response r = anonymous().getUntil("/health/readiness", 503, READINESS_SEEN);
            assertThat(r.status()).as(r.toString()).isEqualTo(503);
            assertThat(r.json()).containsEntry("status", "DOWN");
            assertThat(anonymous().get("/health/liveness").status()).isEqualTo(200);
        } finally {
            database.write(dsl -> dsl.insertInto(history).columns(latest.fields()).values(latest.intoArray()).execute());
        }
        assertThat(anonymous().getUntil("/health/readiness", 200, READINESS_SEEN).status()).isEqualTo(200);
    }

    @Test
    void metricsShowRequestsByRouteTemplateChecksPoolAndRegisteredCounters() throws Exception {
        String id;
        try (TcpTarget target = TcpTarget.on("127.0.0.1")) {
            id = createHttpConnection("http://127.0.0.1:" + target.port());
        }
        assertThat(admin.get(ConnectionsController.V1 + "/" + id).status()).isEqualTo(200);
        assertThat(admin.postEmpty(ConnectionsController.V1 + "/" + id + "/actions/check").json())
                .containsEntry("connected", false); // the target is gone: refused
        String unknownPath = "/no-such-route/" + hex(8);
        assertThat(anonymous().get(unknownPath).status()).isEqualTo(401); // no route, no key: still counted
        registry.counter("autoconn.ratelimit.rejections", "tier", "observability-test").increment();

        HttpApi.Response r = anonymous().get("/metrics");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        String metrics = r.text();
        assertThat(series(metrics, "http_server_requests_seconds_count"))
                .anyMatch(s -> s.contains("uri=\"/api/v1/automation-connections/{id}\"") && s.contains("method=\"GET\"")
                        && s.contains("status=\"200\""));
        assertThat(series(metrics, "http_server_requests_seconds_bucket"))
                .anyMatch(s -> s.contains("uri=\"/api/v1/automation-connections/{id}\"") && s.contains("le=\"0.1\""));
        assertThat(metrics).as("no ids or raw paths in labels").doesNotContain(id).doesNotContain(unknownPath);
        assertThat(series(metrics, "hikaricp_connections_active")).isNotEmpty();
        assertThat(series(metrics, "hikaricp_connections_idle")).isNotEmpty();
        assertThat(series(metrics, "hikaricp_connections_pending")).isNotEmpty();
        assertThat(series(metrics, "hikaricp_connections_timeout_total")).isNotEmpty();
        assertThat(series(metrics, "jvm_memory_used_bytes")).isNotEmpty();
        assertThat(series(metrics, "autoconn_checks_total"))
                .anyMatch(s -> s.contains("connector=\"HTTP API\"") && s.contains("outcome=\"ok\""))
                .anyMatch(s -> s.contains("connector=\"HTTP API\"") && s.contains("outcome=\"CHECK-CONNECTION-REFUSED\""));
        assertThat(series(metrics, "autoconn_check_duration_seconds_bucket"))
                .anyMatch(s -> s.contains("outcome=\"CHECK-CONNECTION-REFUSED\"") && s.contains("le=\"1.0\""));
        assertThat(series(metrics, "autoconn_ratelimit_rejections_total"))
                .anyMatch(s -> s.startsWith("autoconn_ratelimit_rejections_total{tier=\"observability-test\"} 1.0"));
    }

    @Test
    void aValidTraceparentIsContinuedInTheAnswerAndTheErrorResponse() {
        String traceId = hex(16);
        String callerSpan = hex(8);
        HttpApi.Response r = admin.send(admin.request(ConnectionsController.V1 + "/" + hex(16))
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01").GET());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json()).containsEntry("traceId", traceId);
        assertThat(r.header("X-Trace-Id")).isEqualTo(traceId);
        assertThat(r.header("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .doesNotContain(callerSpan);
    }

    @Test
    void anInvalidTraceparentStartsANewTrace() {
        String zeros = "0".repeat(32);
        for (String invalid : List.of("00-" + zeros + "-" + hex(8) + "-01", "00-" + hex(15) + "-" + hex(8) + "-01",
                "ff-" + hex(16) + "-" + hex(8) + "-01", "00-" + hex(16) + "-" + "0".repeat(16) + "-01", "garbage")) {
            HttpApi.Response r = anonymous().send(anonymous().request("/api/v1/automation-connections")
                    .header("traceparent", invalid).GET());
            assertThat(r.status()).isEqualTo(401);
            String traceId = (String) r.json().get("traceId");
            assertThat(traceId).as(invalid).matches("[0-9a-f]{32}").isNotEqualTo(zeros);
            assertThat(invalid).doesNotContain(traceId);
            assertThat(r.header("traceparent")).startsWith("00-" + traceId + "-");
        }
    }

    @Test
    void aCheckSendsTheRequestsTraceToItsTargetWithASpanOfItsOwn() throws Exception {
        try (TcpTarget target = TcpTarget.on("127.0.0.1")) {
            String id = createHttpConnection("http://127.0.0.1:" + target.port());
            String traceId = hex(16);
            String callerSpan = hex(8);
            HttpApi.Response r = admin.send(admin.request(ConnectionsController.V1 + "/" + id + "/actions/check")
                    .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertThat(r.json()).as(r.toString()).containsEntry("connected", true);
            String head = target.requestHeads().get(target.requestHeads().size() - 1);
            String sent = head.lines().filter(l -> l.regionMatches(true, 0, "traceparent:", 0, 12))
                    .map(l -> l.substring(12).strip()).findFirst().orElseThrow(() -> new AssertionError(head));
            assertThat(sent).matches("00-" + traceId + "-[0-9a-f]{16}-01")
                    .doesNotContain(callerSpan)
                    .isNotEqualTo(r.header("traceparent"));
        }
    }

    @Test
    void everyLogLineOfARequestCarriesItsTraceIdInJson() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        List<Logger> debugged = List.of(logging.getLogger(ConnectionChecker.class), logging.getLogger(CheckMetrics.class));
        debugged.forEach(l -> l.setLevel(Level.DEBUG));
        String traceId = hex(16);
        List<String> lines;
        List<Map<String, Object>> ofTrace;
        try (LogCapture log = new LogCapture(); TcpTarget target = TcpTarget.on("127.0.0.1")) {
            String id = createHttpConnection("http://127.0.0.1:" + target.port());
            admin.send(admin.request(ConnectionsController.V1 + "/" + id + "/actions/check")
                    .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
            lines = log.lines();
            ofTrace = log.ofTrace(traceId);
        } finally {
            debugged.forEach(l -> l.setLevel(null));
        }
        assertThat(lines).as("one JSON object per line").allMatch(l -> l.endsWith("}\n") && l.indexOf('\n') == l.length() - 1);
        // The checker's line comes from the checks pool, the metrics' line from the request's blocking thread.
        Map<String, Object> probe = ofTrace.stream().filter(l -> ConnectionChecker.class.getName().equals(l.get("logger_name")))
                .findFirst().orElseThrow(() -> new AssertionError("no line of the checker with the trace id: " + lines));
        Map<String, Object> check = ofTrace.stream().filter(l -> CheckMetrics.class.getName().equals(l.get("logger_name")))
                .findFirst().orElseThrow(() -> new AssertionError("no line of the check with the trace id: " + lines));
        assertThat(probe.get("thread_name")).asString().startsWith("checks");
        assertThat(check.get("thread_name")).isNotEqualTo(probe.get("thread_name"));
        assertThat(check).containsKeys("@timestamp", "level", "message");
    }

    private String createHttpConnection(String baseUrl) {
        HttpApi.Response created = admin.post(ConnectionsController.V1, Map.of("connectorId", HTTP_API,
                "name", "observed " + hex(4), "params", List.of(Map.of("name", "baseUrl", "value", baseUrl))));
        assertThat(created.json()).as(created.toString()).containsEntry("isConnected", true);
        return (String) created.json().get("id");
    }

    /** The sample lines of one metric (name followed by labels or a value). */
    private static List<String> series(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " ")).toList();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
