package io.autoconn.connectors;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import org.mariadb.jdbc.NonRegisteringDriver;

/**
 * Checks a MySQL or MariaDB connection: logs in for real with the stored credentials (MariaDB
 * Connector/J speaks both servers' protocol and authentication plugins), runs {@code SELECT 1} and
 * disconnects.
 */
@Singleton
public class MySqlProbe extends EndpointProbe<MySqlTarget> {
    /** The server's error numbers a check tells apart (the same in MySQL and MariaDB). */
    private static final int ACCESS_DENIED = 1045;
    private static final int DATABASE_ACCESS_DENIED = 1044;
    private static final int UNKNOWN_DATABASE = 1049;

    @Override
    public String kind() {
        return "mysql";
    }

    @Override
    MySqlTarget target(ProbeInput input) throws InvalidParamException {
        return MySqlTarget.from(input);
    }

    @Override
    ProbeResult check(MySqlTarget target, Duration timeout, ConnectFailures failures, SecretScrubber scrubber) {
        long start = System.nanoTime();
        // The static connect takes a built configuration: no URL, and no driver registered with DriverManager.
        try (Connection connection = NonRegisteringDriver.connect(target.driverConfiguration(timeout));
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return ProbeResult.ok();
        } catch (SQLException e) {
            boolean deadlineReached = Duration.ofNanos(System.nanoTime() - start).compareTo(timeout) >= 0;
            return classify(e, target, deadlineReached, failures, scrubber);
        }
    }

    private static ProbeResult classify(SQLException failure, MySqlTarget target, boolean deadlineReached,
            ConnectFailures failures, SecretScrubber scrubber) {
        String server = "The server at " + target.endpoint().address();
        String message = scrubber.scrub(String.valueOf(failure.getMessage()));
        return failures.transportFailure(failure).orElseGet(() -> switch (failure.getErrorCode()) {
            case ACCESS_DENIED -> CheckFailure.AUTH_FAILED.result(
                    server + " refused the login of user \"" + target.user() + "\": " + message);
            case DATABASE_ACCESS_DENIED -> CheckFailure.AUTH_FAILED.result(server + " accepted user \""
                    + target.user() + "\" but denied it the database \"" + target.database().orElse("") + "\": "
                    + message);
            case UNKNOWN_DATABASE -> CheckFailure.DATABASE_NOT_FOUND.result(
                    server + " has no database \"" + target.database().orElse("") + "\".");
            default -> otherFailure(failure, target, deadlineReached, failures, server, message);
        });
    }

    private static ProbeResult otherFailure(SQLException failure, MySqlTarget target, boolean deadlineReached,
            ConnectFailures failures, String server, String message) {
        if (target.tls() && message.toLowerCase(Locale.ROOT).contains("ssl not enabled in the server")) {
            return CheckFailure.TLS.result(server + " does not offer TLS, which sslMode " + target.sslMode()
                    + " requires: set sslMode to disable, or enable TLS on the server.");
        }
        return deadlineReached ? failures.timedOut() : failures.failed(failure);
    }
}
