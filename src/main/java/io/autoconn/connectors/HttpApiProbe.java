package io.autoconn.connectors;

import io.autoconn.egress.EgressPolicy;
import io.autoconn.egress.VettedHttp;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks an HTTP API connection with one real GET of {@code baseUrl} (plus {@code healthPath}), sent
 * with the configured authentication: any 2xx answer means the connection works.
 */
@Singleton
public class HttpApiProbe implements Probe {
    /** How much of an error body is read, to quote its start in the detail. */
    private static final int ERROR_BODY_BYTES = 1024;
    private static final int ERROR_BODY_QUOTED_CHARS = 200;

    /**
     * A 2xx body is not needed: cancelling it at once keeps a slow or endless body from turning a
     * success into a timeout.
     */
    private static final BodyHandler<byte[]> ERROR_BODY_PREFIX =
            info -> new BodyPrefixSubscriber(isSuccess(info.statusCode()) ? 0 : ERROR_BODY_BYTES);

    /**
     * One client for every check. A client per check would start a selector thread each time, and
     * those threads linger until garbage collection: thousands of them under a burst of creates.
     * Every check still bounds its own exchange (the request timeout and the wait below); the
     * client's connect timeout is only a backstop.
     */
    private final HttpClient client;
    private final EgressPolicy egress;

    /** With the built-in egress policy only. */
    public HttpApiProbe() {
        this(EgressPolicy.defaults());
    }

    @Inject
    public HttpApiProbe(EgressPolicy egress) {
        this.egress = egress;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
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
            return send(check, timeout, new ConnectFailures(check.url(), timeout, scrubber), scrubber);
        });
    }

    private ProbeResult send(HttpCheckRequest check, Duration timeout, ConnectFailures failures,
            SecretScrubber scrubber) {
        HttpRequest request;
        try {
            // Checked again at the last moment, on the address it is sent to: see VettedHttp.
            request = VettedHttp.request(egress, check.request());
        } catch (IOException e) { // refused by the egress policy, or the host does not resolve
            return failures.transportFailure(e).orElseGet(() -> failures.failed(e));
        }
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, ERROR_BODY_PREFIX);
        try {
            // The request's own timeout ends at the response headers; this bounds the whole exchange.
            return interpret(exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS), check, scrubber);
        } catch (TimeoutException e) {
            return failures.timedOut();
        } catch (ExecutionException e) {
            return failures.transportFailure(e.getCause()).orElseGet(() -> failures.failed(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failures.failed(e);
        } finally {
            exchange.cancel(true); // stops an exchange that outlived the timeout; no-op once it is done
        }
    }

    private static ProbeResult interpret(HttpResponse<byte[]> response, HttpCheckRequest check,
            SecretScrubber scrubber) {
        int status = response.statusCode();
        if (isSuccess(status)) {
            return ProbeResult.ok();
        }
        String answered = "GET " + check.url() + " answered HTTP " + status;
        if (status == 401 || status == 403) {
            return CheckFailure.AUTH_FAILED.result(
                    answered + ": " + check.authType().refusal() + "." + quote(response.body(), scrubber));
        }
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location")
                    .map(target -> " to " + scrubber.scrub(target))
                    .orElse("");
            return CheckFailure.HTTP_STATUS.result(answered + ", a redirect" + location
                    + ". Redirects are not followed: point baseUrl and healthPath at the final address.");
        }
        return CheckFailure.HTTP_STATUS.result(answered + "." + quote(response.body(), scrubber));
    }

    /** The start of an error body, which often says what is wrong; scrubbed, as servers echo requests. */
    private static String quote(byte[] body, SecretScrubber scrubber) {
        String text = new String(body, StandardCharsets.UTF_8);
        String scrubbed;
        if (body.length < ERROR_BODY_BYTES) {
            scrubbed = scrubber.scrub(text);
        } else {
            // Cut off at the byte limit: drop the half character the cut may leave, so that a secret cut
            // in two still ends the text and is recognised.
            scrubbed = scrubber.scrubCutOff(text.replaceAll("\uFFFD+$", ""));
        }
        String oneLine = scrubbed.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) {
            return "";
        }
        return oneLine.length() <= ERROR_BODY_QUOTED_CHARS
                ? " Response: \"" + oneLine + "\""
                : " Response: \"" + oneLine.substring(0, ERROR_BODY_QUOTED_CHARS) + "…\"";
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }
}
