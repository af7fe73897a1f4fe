package io.autoconn.egress;

import io.autoconn.trace.TraceContext;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests of the JDK's HttpClient, made to keep to the egress policy. That client takes no socket
 * factory and resolves host names itself, so a name that passed a check could resolve elsewhere when
 * the client connects (DNS rebinding). So, at the last moment before sending:
 * <ul>
 *   <li>every address of the host is checked;</li>
 *   <li>plain HTTP is sent to the first of them (the one the client would pick), with the Host header
 *       the name gives: the same request on the wire, and no lookup left to the client;</li>
 *   <li>HTTPS goes by name, as TLS needs it for SNI and the certificate: the client's lookup normally
 *       comes from the JVM's address cache this check just filled, and a server reached otherwise must
 *       still prove in the handshake that it is the named host, before any request or credential is
 *       sent.</li>
 * </ul>
 * Being the way out of every outbound HTTP call, it also adds the W3C {@code traceparent}.
 */
public final class VettedHttp {
    private static final Logger LOG = LoggerFactory.getLogger(VettedHttp.class);

    /**
     * Whether a request may carry its own Host header. The JDK restricts it unless the JVM starts with
     * {@code jdk.httpclient.allowRestrictedHeaders=host} (Application.main sets it; it is read once).
     * Without it plain HTTP goes by name too, checked just before.
     */
    private static final boolean HOST_SETTABLE = hostSettable();

    private VettedHttp() {
    }

    /**
     * The request to send instead of {@code request}.
     *
     * @throws UnknownHostException   when its host does not resolve
     * @throws TargetRefusedException when the policy refuses an address of its host
     */
    public static HttpRequest request(EgressPolicy policy, HttpRequest request)
            throws UnknownHostException, TargetRefusedException {
        URI uri = request.uri();
        boolean plain = uri.getScheme().toLowerCase(Locale.ROOT).equals("http");
        int port = uri.getPort() != -1 ? uri.getPort() : plain ? 80 : 443;
        List<InetAddress> addresses = policy.resolve(uri.getHost(), port);
        HttpRequest traced = traced(request);
        return plain && HOST_SETTABLE ? pinned(traced, addresses.get(0)) : traced;
    }

    /**
     * Every outbound call is made on some request's behalf (a check, an OAuth2 token call): it continues
     * that request's trace, with a span of its own.
     */
    private static HttpRequest traced(HttpRequest request) {
        return TraceContext.current()
                .map(trace -> HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase(TraceContext.TRACEPARENT))
                        .header(TraceContext.TRACEPARENT, trace.childTraceparent())
                        .build())
                .orElse(request);
    }

    private static HttpRequest pinned(HttpRequest request, InetAddress address) {
        URI uri = request.uri();
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
            return request; // an address a URI cannot carry (an IPv6 zone): by name, checked just before
        }
    }

    private static boolean hostSettable() {
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "localhost");
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warn("The JVM was started without -Djdk.httpclient.allowRestrictedHeaders=host: plain HTTP requests "
                    + "of checks go by host name, the egress policy checked just before rather than on the address");
            return false;
        }
    }
}
