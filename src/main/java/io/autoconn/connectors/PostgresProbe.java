package io.autoconn.connectors;

import io.autoconn.egress.EgressPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.postgresql.Driver;

/**
 * Checks a PostgreSQL connection: logs in for real with the stored credentials, runs {@code SELECT 1}
 * and disconnects.
 */
@Singleton
public class PostgresProbe implements Probe {
    /** Used directly rather than through DriverManager, so no other registered driver can take the URL. */
    private final Driver driver = new Driver();
    private final EgressPolicy egress;

    /** With the built-in egress policy only. */
    public PostgresProbe() {
        this(EgressPolicy.defaults());
    }

    @Inject
    public PostgresProbe(EgressPolicy egress) {
        this.egress = egress;
    }

    @Override
    public String kind() {
        return "postgresql";
    }

    @Override
    public List<Endpoint> targets(ProbeInput input) throws InvalidParamException {
        return List.of(PostgresTarget.from(input).endpoint());
    }

    @Override
    public ProbeResult check(ProbeInput input, Duration timeout) {
        SecretScrubber scrubber = SecretScrubber.of(input, PostgresTarget.SECRET_PARAMS);
        return ConnectFailures.guard(scrubber, () -> {
            PostgresTarget target = PostgresTarget.from(input);
            // The driver counts its timeouts in whole seconds.
            long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
            Duration driverTimeout = Duration.ofSeconds(seconds);
            return connect(target, driverTimeout, new ConnectFailures(target.address(), driverTimeout, scrubber),
                    scrubber);
        });
    }

    private ProbeResult connect(PostgresTarget target, Duration timeout, ConnectFailures failures,
            SecretScrubber scrubber) {
        long start = System.nanoTime();
        try (Connection connection = open(target, (int) timeout.toSeconds());
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return ProbeResult.ok();
        } catch (SQLException e) {
            boolean deadlineReached = Duration.ofNanos(System.nanoTime() - start).compareTo(timeout) >= 0;
            return classify(e, target, deadlineReached, failures, scrubber);
        }
    }

    private Connection open(PostgresTarget target, int timeoutSeconds) throws SQLException {
        Connection connection = driver.connect(target.jdbcUrl(), target.driverProperties(timeoutSeconds, egress));
        if (connection == null) { // the driver's answer to a URL it does not take
            throw new SQLException("The PostgreSQL driver did not accept the connection URL.");
        }
        return connection;
    }

    private static ProbeResult classify(SQLException failure, PostgresTarget target, boolean deadlineReached,
            ConnectFailures failures, SecretScrubber scrubber) {
        return failures.transportFailure(failure).orElseGet(() -> switch (String.valueOf(failure.getSQLState())) {
            // invalid_password, invalid_authorization_specification (unknown role, no pg_hba.conf entry)
            case "28P01", "28000" -> CheckFailure.AUTH_FAILED.result("PostgreSQL at " + target.address()
                    + " refused the login of user \"" + target.user() + "\": "
                    + scrubber.scrub(String.valueOf(failure.getMessage())));
            case "3D000" -> CheckFailure.DATABASE_NOT_FOUND.result("PostgreSQL at " + target.address()
                    + " has no database \"" + target.database() + "\".");
            // The driver's loginTimeout ends the attempt with a bare "Connection attempt timed out."
            default -> deadlineReached ? failures.timedOut() : failures.failed(failure);
        });
    }
}
