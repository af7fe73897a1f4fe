package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.HostAddress;

/**
 * The MySQL or MariaDB server and login a check connects with, validated from the probe's params. The
 * driver is configured through its builder, not a JDBC URL, so no param value is ever parsed as a URL
 * option (such as {@code socketFactory}, which loads a class, or {@code allowLocalInfile}, which lets the server read files).
 */
record MySqlTarget(Endpoint endpoint, Optional<String> database, String user, Optional<Secret> password,
                   String sslMode) implements EndpointProbe.Target {
    static final int DEFAULT_PORT = 3306;

    /**
     * The driver's defaults. A bare {@code new Configuration.Builder()} leaves the driver's table of extra
     * options unset and its connect fails on it, so every configuration starts from these, parsed from a
     * fixed URL that no param value takes part in.
     */
    private static final Configuration DEFAULTS = defaults();

    /** MariaDB Connector/J's sslMode values: trust encrypts without checking the certificate. */
    private static final List<String> SSL_MODES = List.of("disable", "trust", "verify-ca", "verify-full");

    static MySqlTarget from(ProbeInput input) throws InvalidParamException {
        Endpoint endpoint = Endpoint.from(input, DEFAULT_PORT);
        String user = input.value("user").orElseThrow(() -> InvalidParamException.missing("user"));
        String sslMode = ParamValues.choice(input, "sslMode", "disable", SSL_MODES);
        return new MySqlTarget(endpoint, input.value("database"), user, input.secret("password"), sslMode);
    }

    boolean tls() {
        return !sslMode.equals("disable");
    }

    /** The driver's configuration; {@code timeout} bounds the TCP connect and every read. */
    Configuration driverConfiguration(Duration timeout) {
        int millis = Timeouts.millis(timeout);
        return DEFAULTS.toBuilder()
                .addresses(HostAddress.from(endpoint.host(), endpoint.port()))
                .user(user)
                .password(password.map(Secret::reveal).orElse(null))
                .database(database.orElse(null))
                .sslMode(sslMode)
                .connectTimeout(millis)
                .socketTimeout(millis)
                // A check never sends a file; a server asking for one gets nothing.
                .allowLocalInfile(false)
                // Fetching the server's RSA key unencrypted would let anyone in between read the password.
                .allowPublicKeyRetrieval(false)
                .connectionAttributes("program_name:autoconn-check")
                .build();
    }

    private static Configuration defaults() {
        try {
            return Configuration.parse("jdbc:mariadb://localhost/");
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB Connector/J refused its own default configuration", e);
        }
    }
}
