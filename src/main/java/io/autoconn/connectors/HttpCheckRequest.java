package io.autoconn.connectors;

import io.autoconn.connectors.HttpAuthType.AuthHeader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The GET an HTTP check sends, built from the probe's params once they are validated. */
record HttpCheckRequest(HttpRequest request, HttpAuthType authType) {

    static HttpCheckRequest from(ProbeInput input, Duration timeout, SecretScrubber scrubber)
            throws InvalidParamException {
        URI uri = checkUri(input);
        HttpAuthType authType = HttpAuthType.fromParam(input);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(timeout)
                .header("Accept", "*/*")
                .header("User-Agent", "autoconn-check");
        Optional<AuthHeader> auth = authType.header(input);
        if (auth.isPresent()) {
            try {
                builder.header(auth.get().name(), auth.get().value());
            } catch (IllegalArgumentException e) {
                // The JDK quotes the header it rejects, value included.
                throw new InvalidParamException("Params " + authType.credentialParams()
                        + " do not make a valid HTTP header: " + scrubber.scrub(e.getMessage()));
            }
        }
        return new HttpCheckRequest(builder.build(), authType);
    }

    /** The URL the check GETs; it never holds credentials, so details may show it. */
    String url() {
        return request.uri().toString();
    }

    /** Where a check of these params connects: the URL's host, and its port or the scheme's. */
    static Endpoint endpoint(ProbeInput input) throws InvalidParamException {
        URI uri = checkUri(input);
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return Endpoint.ofUrlHost(uri.getHost(), port);
    }

    private static URI checkUri(ProbeInput input) throws InvalidParamException {
        String baseUrl = input.value("baseUrl").orElseThrow(() -> InvalidParamException.missing("baseUrl"));
        URI base = parse(baseUrl, "baseUrl");
        String scheme = Optional.ofNullable(base.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidParamException("Param 'baseUrl' must be an http or https URL; got \"" + baseUrl + "\".");
        }
        if (base.getRawUserInfo() != null) {
            // Credentials belong in the auth params, which are kept as secrets; and details show the URL.
            throw new InvalidParamException(
                    "Param 'baseUrl' must not contain credentials (user:password@); use authType basic.");
        }
        if (base.getHost() == null) {
            throw new InvalidParamException("Param 'baseUrl' must name a host; got \"" + baseUrl + "\".");
        }
        Optional<String> healthPath = input.value("healthPath");
        if (healthPath.isEmpty()) {
            return base;
        }
        // Always joined with a '/', so the path cannot reach into the authority (as "@evil.example" would).
        String path = healthPath.get().startsWith("/") ? healthPath.get() : "/" + healthPath.get();
        String root = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return parse(root + path, "healthPath");
    }

    private static URI parse(String url, String param) throws InvalidParamException {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidParamException("Param '" + param + "' does not make a valid URL: " + e.getMessage());
        }
    }
}
