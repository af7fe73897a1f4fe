package io.autoconn.connectors;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The host and TCP port a probe connects to, validated from its {@code host} and {@code port} params.
 * Every probe built on it connects to exactly this endpoint and nowhere else, so it is also what a
 * policy on check targets (which addresses a check may reach) has to look at.
 *
 * @param host a host name, an IPv4 literal, or an IPv6 literal without brackets (the form socket
 *             APIs take)
 */
public record Endpoint(String host, int port) {
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}(\\.[A-Za-z0-9_-]{1,63})*\\.?");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    /** The endpoint named by the {@code host} and {@code port} params; {@code defaultPort} when no port is set. */
    static Endpoint from(ProbeInput input, int defaultPort) throws InvalidParamException {
        String host = host(input.value("host").orElseThrow(() -> InvalidParamException.missing("host")));
        return new Endpoint(host, ParamValues.integer(input, "port", defaultPort, 1, 65535));
    }

    /** The endpoint of a host as URLs write it, an IPv6 literal in brackets. */
    static Endpoint ofUrlHost(String host, int port) {
        return new Endpoint(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host, port);
    }

    /** The endpoint as details show it: host:port, an IPv6 literal in brackets. */
    String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return address();
    }

    /**
     * A host name or an IPv4 literal as is; an IPv6 literal, with or without brackets, without them.
     * Anything else (a user@ part, a path, a query, spaces) is refused, so that no client library can
     * read more into the value than a host.
     */
    private static String host(String host) throws InvalidParamException {
        if (HOST_NAME.matcher(host).matches() && host.length() <= 253) {
            return host;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (literal.contains(":") && IPV6_LITERAL.matcher(literal).matches()) {
            try {
                InetAddress.getByName(literal); // with a ':' in it, this parses the literal and never looks up DNS
                return literal;
            } catch (UnknownHostException e) {
                // not a valid IPv6 literal after all
            }
        }
        throw new InvalidParamException(
                "Param 'host' must be a host name or an IP address (IPv6 in brackets); got \"" + host + "\".");
    }
}
