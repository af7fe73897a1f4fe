package io.autoconn.connectors;

import io.autoconn.egress.EgressPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.time.Duration;
import java.util.List;

/**
 * Checks an HTTP API connection with one real GET of {@code baseUrl} (plus {@code healthPath}), sent
 * with the configured authentication: any 2xx answer means the connection works.
 */
@Singleton
public class HttpApiProbe implements Probe {
    /** How much of an error body is read, to quote its start in the detail. */
    private static final int ERROR_BODY_BYTES = 1024;

    /**
     * A 2xx body is not needed: cancelling it at once keeps a slow or endless body from turning a
     * success into a timeout.
     */
    private static final BodyHandler<byte[]> ERROR_BODY_PREFIX =
            info -> new BodyPrefixSubscriber(HttpCheckClient.isSuccess(info.statusCode()) ? 0 : ERROR_BODY_BYTES);

    private final EgressPolicy egress;

    /** With the built-in egress policy only. */
    public HttpApiProbe() {
        this(EgressPolicy.defaults());
    }

    @Inject
    public HttpApiProbe(EgressPolicy egress) {
        this.egress = egress;
    }

    @Override
    public String kind() {
        return "http";
    }

    @Override
    public List<Endpoint> targets(ProbeInput input) throws InvalidParamException {
        return List.of(HttpCheckRequest.endpoint(input));
    }

    @Override
    public ProbeResult check(ProbeInput input, Duration timeout) {
        SecretScrubber scrubber = HttpAuthType.credentialScrubber(input);
        return ConnectFailures.guard(scrubber, () -> {
            HttpCheckRequest check = HttpCheckRequest.from(input, timeout, scrubber);
            return HttpCheckClient.exchange(egress, check.request(), ERROR_BODY_PREFIX, timeout,
                    new ConnectFailures(check.url(), timeout, scrubber),
                    response -> interpret(response, check, scrubber));
        });
    }

    private static ProbeResult interpret(HttpResponse<byte[]> response, HttpCheckRequest check,
            SecretScrubber scrubber) {
        int status = response.statusCode();
        if (HttpCheckClient.isSuccess(status)) {
            return ProbeResult.ok();
        }
        String answered = "GET " + check.url() + " answered HTTP " + status;
        String quoted = HttpCheckClient.quoteBody(response.body(), ERROR_BODY_BYTES, scrubber);
        if (status == 401 || status == 403) {
            return CheckFailure.AUTH_FAILED.result(answered + ": " + check.authType().refusal() + "." + quoted);
        }
        if (HttpCheckClient.isRedirect(status)) {
            return CheckFailure.HTTP_STATUS.result(answered + ", a redirect"
                    + HttpCheckClient.redirectTarget(response, scrubber)
                    + ". Redirects are not followed: point baseUrl and healthPath at the final address.");
        }
        return CheckFailure.HTTP_STATUS.result(answered + "." + quoted);
    }
}
