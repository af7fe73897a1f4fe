package io.autoconn.connectors;

import io.autoconn.connectors.HttpAuthType.AuthHeader;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The GET an HTTP check sends, built from the probe's params once they are validated. */
record HttpCheckRequest(HttpRequest request, HttpAuthType authType) {
    private static final Logger LOG = LoggerFactory.getLogger(HttpCheckRequest.class);

    /**
     * Whether a request may carry its own Host header, which pinning a plain HTTP check to the vetted
     * address needs. The JDK restricts that header unless the JVM starts with
     * {@code jdk.httpclient.allowRestrictedHeaders=host} (Application.main sets it; it is read once).
     */
    private static final boolean HOST_SETTABLE = hostSettable();

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
    static Target target(ProbeInput input) throws InvalidParamException {
        return target(checkUri(input));
    }

    Target target() {
        return target(request.uri());
    }

    private static Target target(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return new Target(uri.getHost(), port);
    }

    /**
     * The request sent to this address of the host instead of the host name, with the Host header the
     * name would give: the same request on the wire, and no DNS lookup left to the client. Plain HTTP
     * only (TLS checks the name); as it is when the Host header cannot be set.
     */
    HttpRequest pinnedTo(InetAddress address) {
        URI uri = request.uri();
        if (!uri.getScheme().equalsIgnoreCase("http") || !HOST_SETTABLE) {
            return request;
        }
        String literal = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath(); // as the client says none
        String pinned = "http://" + literal + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        try {
            return HttpRequest.newBuilder(request, (name, value) -> true)
                    .uri(URI.create(pinned))
                    .header("Host", uri.getRawAuthority())
                    .build();
        } catch (IllegalArgumentException e) {
            return request; // an address URI cannot carry (an IPv6 zone): by name, re-checked just before
        }
    }

    private static boolean hostSettable() {
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "localhost");
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warn("The JVM was started without -Djdk.httpclient.allowRestrictedHeaders=host: HTTP checks "
                    + "connect by host name, and the egress policy is checked just before, not on the address");
            return false;
        }
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
