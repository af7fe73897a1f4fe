package io.autoconn.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * Every meter of the application's MeterRegistry in Prometheus' text format, at {@code /metrics}, without
 * an API key (Prometheus scrapes with none; see README "Operating it"). Labels are route templates,
 * connector names, failure codes and pool names: nothing secret, nothing per connection or per caller.
 * {@code AUTOCONN_METRICS_ENABLED=false} removes it, for a port that faces the internet.
 */
@Controller
@Requires(property = "autoconn.metrics.enabled", value = "true", defaultValue = "true")
public class MetricsController {
    static final String PATH = "/metrics";
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get(uri = PATH, produces = TEXT_FORMAT)
    public String scrape() {
        return registry.scrape();
    }
}
