package io.autoconn.connectors;

import io.autoconn.egress.EgressPolicy;
import io.autoconn.egress.VettedHttp;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * What every HTTP probe shares: one client, one bounded exchange whose transport failures are classified
 * by {@link ConnectFailures}, and the way an answer's body is quoted in a detail.
 */
final class HttpCheckClient {
    /** How much of a quoted body a detail shows. */
    private static final int QUOTED_CHARS = 200;

    /**
     * One client for every check. A client per check would start a selector thread each time, and
     * those threads linger until garbage collection: thousands of them under a burst of creates.
     * Every check still bounds its own exchange (the request timeout, then the body's deadline: see {@link #exchange});
     * the client's connect timeout is only a backstop. Redirects are never followed: a check reports
     * them, and following one could carry credentials to another host.
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private HttpCheckClient() {
    }

    /**
     * Sends {@code request} and judges the answer with {@code interpret}; a transport failure, or no
     * complete answer within {@code timeout}, becomes the failure {@code failures} classifies, and so does
     * a target the egress policy refuses. Never throws.
     *
     * <p>The exchange runs on the calling thread (a check slot): the request's timeout bounds it up to the
     * response headers, a {@link DeadlineBody} the body. Not {@code sendAsync}: the JDK moves each of its
     * answers to the common pool, which on a 2-core machine has no worker and starts a thread per task,
     * one thread per check (2,043 thread starts in 15 s of creates; see BENCHMARKS.md).
     */
    static ProbeResult exchange(EgressPolicy egress, HttpRequest request, BodyHandler<byte[]> bodies,
                                Duration timeout, ConnectFailures failures,
                                Function<HttpResponse<byte[]>, ProbeResult> interpret) {
        Deadline deadline = Deadline.after(timeout);
        try {
            // Checked again at the last moment, on the address it is sent to: see VettedHttp.
            HttpRequest vetted = VettedHttp.request(egress, request);
            return interpret.apply(CLIENT.send(vetted, info -> new DeadlineBody<>(bodies.apply(info), deadline)));
        } catch (IOException e) { // refused by the egress policy, a host that does not resolve, any transport failure
            return failures.transportFailure(e).orElseGet(() -> failures.failed(e));
        } catch (InterruptedException e) { // the checker stopped waiting (past its grace) or the server stops
            Thread.currentThread().interrupt();
            return failures.timedOut();
        }
    }

    static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    static boolean isRedirect(int status) {
        return status >= 300 && status < 400;
    }

    /** " to <Location>" of a redirect, scrubbed (a Location may carry a token), or nothing. */
    static String redirectTarget(HttpResponse<?> response, SecretScrubber scrubber) {
        return response.headers().firstValue("Location").map(target -> " to " + scrubber.scrub(target)).orElse("");
    }

    /**
     * The start of a body read up to {@code readLimit} bytes, as a detail quotes it: " Response: "..."",
     * or nothing for an empty body. Scrubbed, as servers echo requests.
     */
    static String quoteBody(byte[] body, int readLimit, SecretScrubber scrubber) {
        String text = new String(body, StandardCharsets.UTF_8);
        String scrubbed;
        if (body.length < readLimit) {
            scrubbed = scrubber.scrub(text);
        } else {
            // Cut off at the byte limit: drop the half character the cut may leave, so that a secret cut
            // in two still ends the text and is recognised.
            scrubbed = scrubber.scrubCutOff(text.replaceAll("\uFFFD+$", ""));
        }
        String quoted = quote(scrubbed);
        return quoted.isEmpty() ? "" : " Response: " + quoted;
    }

    /** Already scrubbed text on one line, cut to a readable length, in quotes; empty for blank text. */
    static String quote(String scrubbed) {
        String oneLine = scrubbed.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) {
            return "";
        }
        return oneLine.length() <= QUOTED_CHARS
                ? "\"" + oneLine + "\""
                : "\"" + oneLine.substring(0, QUOTED_CHARS) + "…\"";
    }
}
