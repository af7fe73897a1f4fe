package io.autoconn.connectors;

import io.autoconn.egress.EgressPolicy;
import io.autoconn.egress.GuardedSocketFactory;
import io.autoconn.secrets.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The PostgreSQL server and login a check connects with, validated from the probe's params. Only the
 * host, port and database go into the JDBC URL, each checked or encoded so that no value can add URL
 * parameters (such as {@code sslfactory} or {@code socketFactory}, which load classes); everything else
 * is passed as driver properties.
 */
record PostgresTarget(Endpoint endpoint, String database, String user, Optional<Secret> password,
                      String sslmode) {
    static final List<String> SECRET_PARAMS = List.of("password");

    private static final List<String> SSL_MODES =
            List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    static PostgresTarget from(ProbeInput input) throws InvalidParamException {
        Endpoint endpoint = Endpoint.from(input, 5432);
        String database = input.value("database").orElseThrow(() -> InvalidParamException.missing("database"));
        String user = input.value("user").orElseThrow(() -> InvalidParamException.missing("user"));
        String sslmode = input.value("sslmode").orElse("prefer");
        if (!SSL_MODES.contains(sslmode)) {
            throw new InvalidParamException(
                    "Param 'sslmode' must be one of " + String.join(", ", SSL_MODES) + "; got \"" + sslmode + "\".");
        }
        return new PostgresTarget(endpoint, database, user, input.secret("password"), sslmode);
    }

    /** The server as details and the JDBC URL write it (an IPv6 literal in brackets). */
    String address() {
        return endpoint.address();
    }

    String jdbcUrl() {
        // URLEncoder encodes for forms; in a URL a space is %20 (the driver decodes either way).
        String encodedDatabase = URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        return "jdbc:postgresql://" + address() + "/" + encodedDatabase;
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
}
