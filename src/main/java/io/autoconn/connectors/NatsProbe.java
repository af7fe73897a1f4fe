package io.autoconn.connectors;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Checks a NATS connection: connects for real (the server's INFO, TLS when asked for, CONNECT with the
 * credentials, and a PING the server must answer) and closes again. Nothing is published or subscribed.
 */
@Singleton
public class NatsProbe extends EndpointProbe<NatsTarget> {
    /** What jnats reports when one side wants TLS and the other does not offer it. */
    private static final String CLIENT_WANTS_TLS = "SSL connection wanted by client";
    private static final String SERVER_WANTS_TLS = "SSL required by server";
    /** What jnats reports when the server's first line is not NATS's INFO. */
    private static final String NOT_INFO = "Received non-info initial message";

    @Override
    public String kind() {
        return "nats";
    }

    @Override
    List<String> secretParams() {
        return NatsTarget.SECRET_PARAMS;
    }

    @Override
    NatsTarget target(ProbeInput input) throws InvalidParamException {
        return NatsTarget.from(input);
    }

    @Override
    ProbeResult check(NatsTarget target, Duration timeout, ConnectFailures failures, SecretScrubber scrubber) {
        return connect(target, Deadline.after(timeout), failures, scrubber);
    }

    private static ProbeResult connect(NatsTarget target, Deadline deadline, ConnectFailures failures,
            SecretScrubber scrubber) {
        Attempt attempt = new Attempt();
        try {
            Connection.Status status;
            try (Connection connection = Nats.connect(options(target, deadline, attempt))) {
                status = connection.getStatus();
            }
            if (attempt.authError != null) { // the attempt closed the connection, so connect returned
                return authFailed(target, attempt.authError, scrubber);
            }
            return status == Connection.Status.CONNECTED ? ProbeResult.ok()
                    : CheckFailure.FAILED.result("The NATS server at " + target.endpoint().address()
                            + " did not complete the connection (status " + status + ").");
        } catch (AuthenticationException e) {
            return authFailed(target, attempt.authError, scrubber);
        } catch (IOException e) {
            return classify(attempt.lastException, target, failures, scrubber);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failures.failed(e);
        } finally {
            attempt.awaitClose(deadline);
        }
    }

    private static Options options(NatsTarget target, Deadline deadline, Attempt attempt) {
        Options.Builder options = new Options.Builder()
                .server(target.serverUrl())
                .connectionName("autoconn-check")
                .connectionTimeout(deadline.remaining())
                .noReconnect()
                // Connect only to the server the params name, never to cluster peers it advertises.
                .ignoreDiscoveredServers()
                .noRandomize()
                .errorListener(attempt);
        target.user().ifPresent(user -> options.userInfo(user.toCharArray(),
                target.password().map(p -> p.reveal().toCharArray()).orElse(new char[0])));
        target.token().ifPresent(token -> options.token(token.reveal().toCharArray()));
        if (target.tls()) {
            // jnats uses the context's socket factory as is, which checks the certificate chain only.
            options.sslContext(TlsContexts.verifyingHostNames());
        }
        return options.build();
    }

    private static ProbeResult authFailed(NatsTarget target, String serverError, SecretScrubber scrubber) {
        String who = target.user().map(user -> "user \"" + user + "\"")
                .orElse(target.token().isPresent() ? "the token" : "a client without credentials");
        return CheckFailure.AUTH_FAILED.result("The NATS server at " + target.endpoint().address() + " refused " + who + ": "
                + scrubber.scrub(String.valueOf(serverError)) + ".");
    }

    /** jnats reports only "unable to connect"; the listener heard why. */
    private static ProbeResult classify(Exception cause, NatsTarget target, ConnectFailures failures,
            SecretScrubber scrubber) {
        if (cause == null) {
            return CheckFailure.FAILED.result("Connecting to the NATS server at " + target.endpoint().address() + " failed.");
        }
        if (ConnectFailures.cause(cause, TimeoutException.class).isPresent()) {
            return failures.timedOut();
        }
        Optional<IOException> tlsMismatch = ConnectFailures.cause(cause, IOException.class)
                .filter(e -> String.valueOf(e.getMessage()).startsWith(CLIENT_WANTS_TLS)
                        || String.valueOf(e.getMessage()).startsWith(SERVER_WANTS_TLS));
        if (tlsMismatch.isPresent()) {
            return CheckFailure.TLS.result(String.valueOf(tlsMismatch.get().getMessage()).startsWith(CLIENT_WANTS_TLS)
                    ? "The NATS server at " + target.endpoint().address() + " does not offer TLS; set tls to false."
                    : "The NATS server at " + target.endpoint().address() + " requires TLS; set tls to true.");
        }
        if (ConnectFailures.cause(cause, IOException.class)
                .filter(e -> String.valueOf(e.getMessage()).startsWith(NOT_INFO)).isPresent()) {
            return CheckFailure.FAILED.result(target.endpoint().address()
                    + " did not answer as a NATS server: its first message was not INFO.");
        }
        return failures.transportFailure(cause).orElseGet(() -> failures.failed(cause));
    }

    /**
     * Listens to one connection attempt. jnats reports why an attempt failed only to its listener, and
     * it waits out the whole timeout for the answer to its first PING even after the server refused the
     * credentials; so on that refusal the listener closes the connection, which ends the wait.
     */
    private static final class Attempt implements ErrorListener {
        volatile String authError;
        volatile Exception lastException;
        private volatile Thread closer;

        @Override
        public void errorOccurred(Connection connection, String error) {
            if (authError == null && isAuthenticationError(error)) {
                authError = error;
                // Not on this thread: close() waits for the callback thread, which is this one.
                Thread thread = new Thread(() -> closeQuietly(connection), "autoconn-probe-nats-close");
                thread.setDaemon(true);
                closer = thread;
                thread.start();
            }
        }

        @Override
        public void exceptionOccurred(Connection connection, Exception exception) {
            lastException = exception;
        }

        /** Lets the closing finish, so that no thread of the attempt outlives the check. */
        void awaitClose(Deadline deadline) {
            Thread thread = closer;
            if (thread != null) {
                try {
                    thread.join(Math.max(1000, deadline.remaining().toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** As jnats itself tells authentication errors from others. */
        private static boolean isAuthenticationError(String error) {
            String text = String.valueOf(error).toLowerCase(Locale.ROOT);
            return text.startsWith("user authentication") || text.contains("authorization violation")
                    || text.startsWith("account authentication expired");
        }

        private static void closeQuietly(Connection connection) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
