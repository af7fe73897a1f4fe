package io.autoconn.connectors;

import io.autoconn.egress.EgressPolicy;
import io.autoconn.egress.GuardedSocketFactory;
import io.autoconn.secrets.Secret;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server and login a check connects with, validated from the probe's params. Only the
 * host, port and database go into the JDBC URL, each checked or encoded so that no value can add URL
 * parameters (such as {@code sslfactory} or {@code socketFactory}, which load classes); everything else
 * is passed as driver properties.
 */
record PostgresTarget(String host, int port, String database, String user, Optional<Secret> password,
                      String sslmode) {
    static final List<String> SECRET_PARAMS = List.of("password");

    private static final List<String> SSL_MODES =
            List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}(\\.[A-Za-z0-9_-]{1,63})*\\.?");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    static PostgresTarget from(ProbeInput input) throws InvalidParamException {
        String host = hostForUrl(input.value("host").orElseThrow(() -> InvalidParamException.missing("host")));
        int port = port(input.value("port").orElse("5432"));
        String database = input.value("database").orElseThrow(() -> InvalidParamException.missing("database"));
        String user = input.value("user").orElseThrow(() -> InvalidParamException.missing("user"));
        String sslmode = input.value("sslmode").orElse("prefer");
        if (!SSL_MODES.contains(sslmode)) {
            throw new InvalidParamException(
                    "Param 'sslmode' must be one of " + String.join(", ", SSL_MODES) + "; got \"" + sslmode + "\".");
        }
        return new PostgresTarget(host, port, database, user, input.secret("password"), sslmode);
    }

    /** The server as details show it. */
    String address() {
        return host + ":" + port;
    }

    String jdbcUrl() {
        // URLEncoder encodes for forms; in a URL a space is %20 (the driver decodes either way).
        String encodedDatabase = URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        return "jdbc:postgresql://" + address() + "/" + encodedDatabase;
    }

    /** Where the check connects. */
    Endpoint endpoint() {
        return Endpoint.ofUrlHost(host, port);
    }

    Properties driverProperties(int timeoutSeconds, EgressPolicy egress) {
        Properties properties = new Properties();
        // The driver builds this factory from these properties; its sockets check the egress policy on
        // the address the driver resolved, just before connecting (no DNS rebinding past the checker).
        properties.setProperty("socketFactory", GuardedSocketFactory.class.getName());
        GuardedSocketFactory.describe(egress, properties);
        properties.setProperty("user", user);
        // Set even when empty: without a password the driver would look one up in this server's ~/.pgpass.
        properties.setProperty("password", password.map(Secret::reveal).orElse(""));
        properties.setProperty("sslmode", sslmode);
        properties.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        properties.setProperty("socketTimeout", String.valueOf(timeoutSeconds));
        properties.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
        properties.setProperty("ApplicationName", "autoconn-check");
        return properties;
    }

    /** A host name or an IPv4 literal as is; an IPv6 literal, with or without brackets, in brackets. */
    private static String hostForUrl(String host) throws InvalidParamException {
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
