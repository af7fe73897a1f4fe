package io.autoconn.connectors;

/**
 * A place a check connects to: a host (a name or an IP literal; an IPv6 literal without brackets) and
 * a TCP port. Probes name their targets so that the checker can apply the egress policy before any
 * connection is made.
 */
public record Target(String host, int port) {
    public Target {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("A target needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("A target's port is 1 to 65535; got " + port);
        }
        host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** host:port, an IPv6 literal in brackets. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
