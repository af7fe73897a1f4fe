package io.autoconn.connectors;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The host and port a probe connects to, validated from its {@code host} and {@code port} params. The
 * host is a host name, an IPv4 literal or an IPv6 literal (kept in brackets), never anything else, so
 * it can go into a URL or a client's address string without adding a path, credentials or parameters.
 */
record Endpoint(String host, int port) {
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}(\\.[A-Za-z0-9_-]{1,63})*\\.?");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    /** The {@code host} param (required) and the {@code port} param, {@code defaultPort} when not set. */
    static Endpoint from(ProbeInput input, int defaultPort) throws InvalidParamException {
        String host = input.value("host").orElseThrow(() -> InvalidParamException.missing("host"));
        return new Endpoint(validHost(host), port(input.value("port").orElse(String.valueOf(defaultPort))));
    }

    /** As details and URLs show it: host:port, an IPv6 host in brackets. */
    String address() {
        return host + ":" + port;
    }

    /** A host name or an IPv4 literal as is; an IPv6 literal, with or without brackets, in brackets. */
    private static String validHost(String host) throws InvalidParamException {
        if (HOST_NAME.matcher(host).matches() && host.length() <= 253) {
            return host;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (literal.contains(":") && IPV6_LITERAL.matcher(literal).matches()) {
            try {
                InetAddress.getByName(literal); // with a ':' in it, this parses the literal and never looks up DNS
                return "[" + literal + "]";
            } catch (UnknownHostException e) {
                // not a valid IPv6 literal after all
            }
        }
        throw new InvalidParamException(
                "Param 'host' must be a host name or an IP address (IPv6 in brackets); got \"" + host + "\".");
    }

    private static int port(String value) throws InvalidParamException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        throw new InvalidParamException("Param 'port' must be a number from 1 to 65535; got \"" + value + "\".");
    }
}
