package io.autoconn.connectors;

import io.autoconn.egress.EgressPolicy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Checks a connection of a connector whose file declares its check as an HTTP request template
 * ({@code check.http}) instead of a built-in probe: it renders the request from the connection's params,
 * sends it on the shared HTTP client and judges the answer by the template's rules. One instance per
 * such connector, made when the catalog loads.
 */
final class HttpTemplateProbe implements Probe {
    static final String KIND = "http-template";

    private final String service;
    private final RequestTemplate request;
    private final ResponseRules rules;
    private final List<String> secretParams;
    /** Test setting: the scheme, host and port every request goes to instead of the template's. */
    private final @Nullable URI originOverride;
    private final EgressPolicy egress;

    private HttpTemplateProbe(String service, RequestTemplate request, ResponseRules rules, List<String> secretParams,
                              @Nullable URI originOverride, EgressPolicy egress) {
        this.service = service;
        this.request = request;
        this.rules = rules;
        this.secretParams = secretParams;
        this.originOverride = originOverride;
        this.egress = egress;
    }

    /** The probe of a template connector, which {@link #validate} accepted. */
    static HttpTemplateProbe of(ConnectorDefinition connector, JsonMapper json, @Nullable URI originOverride,
                                EgressPolicy egress) throws InvalidTemplateException {
        HttpTemplateSpec spec = connector.check().http();
        return new HttpTemplateProbe(spec.service() == null || spec.service().isBlank() ? connector.name() : spec.service(),
                RequestTemplate.compile(spec, connector.params(), json),
                ResponseRules.compile(spec, json),
                connector.params().stream().filter(ParamDefinition::secret).map(ParamDefinition::name).toList(),
                originOverride, egress);
    }

    /** Throws when the template does not fit the connector's params; the loader names the file. */
    static void validate(ConnectorDefinition connector, JsonMapper json) throws InvalidTemplateException {
        RequestTemplate.compile(connector.check().http(), connector.params(), json);
        ResponseRules.compile(connector.check().http(), json);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * The host and port a check with these params connects to, found without connecting: what a policy
     * on check targets judges.
     */
    Endpoint endpoint(ProbeInput input) throws InvalidParamException {
        URI uri = request.uri(input, originOverride);
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return Endpoint.ofUrlHost(uri.getHost(), port);
    }

    @Override
    public List<Endpoint> targets(ProbeInput input) throws InvalidParamException {
        return List.of(endpoint(input));
    }

    @Override
    public ProbeResult check(ProbeInput input, Duration timeout) {
        SecretScrubber secrets = SecretScrubber.of(input, secretParams);
        return ConnectFailures.guard(secrets, () -> {
            RequestTemplate.Rendered rendered = request.render(input, timeout, originOverride, secrets);
            SecretScrubber scrubber = SecretScrubber.of(input, secretParams,
                    rendered.derivedSecrets().toArray(String[]::new));
            return HttpCheckClient.exchange(egress, rendered.request(), rules.bodies(), timeout,
                    new ConnectFailures(rendered.displayUrl(), timeout, scrubber),
                    response -> rules.judge(response, rendered, service, scrubber));
        });
    }
}
