package io.autoconn.connectors;

import io.autoconn.egress.TargetRefusedException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Turns the exception a connection attempt to one target ended with into the check's result. Transport
 * failures (DNS, refused, timeout, TLS) look the same whichever protocol runs on top, so every probe
 * classifies them here and adds only what its own protocol tells apart.
 */
final class ConnectFailures {
    private final String target;
    private final Duration timeout;
    private final SecretScrubber scrubber;

    /**
     * @param target  what the probe connects to, as details show it: host:port or a URL, never with
     *                credentials in it
     * @param timeout how long the probe waits for the target
     */
    ConnectFailures(String target, Duration timeout, SecretScrubber scrubber) {
        this.target = target;
        this.timeout = timeout;
        this.scrubber = scrubber;
    }

    /** The check's work; it reports params it cannot connect with by throwing. */
    @FunctionalInterface
    interface CheckAttempt {
        ProbeResult run() throws InvalidParamException;
    }

    /**
     * Runs a check so that it never throws: unusable params become CHECK-INVALID-PARAMS, and a runtime
     * exception (a bug, here or in a library) becomes CHECK-FAILED instead of an API error.
     */
    static ProbeResult guard(SecretScrubber scrubber, CheckAttempt attempt) {
        try {
            return attempt.run();
        } catch (InvalidParamException e) {
            return e.toResult();
        } catch (RuntimeException e) {
            return CheckFailure.FAILED.result("The check stopped on an unexpected error: " + describe(e, scrubber));
        }
    }

    /** The result for a transport failure anywhere in the cause chain; empty when there is none. */
    Optional<ProbeResult> transportFailure(Throwable failure) {
        List<Throwable> chain = causeChain(failure);
        // The egress policy refused the address at connect time (io.autoconn.egress): its message says why.
        Optional<Throwable> refused = find(chain, TargetRefusedException.class);
        if (refused.isPresent()) {
            return Optional.of(CheckFailure.TARGET_REFUSED.result(refused.get().getMessage()));
        }
        // Timeouts first: a TLS handshake or a connect that timed out is a timeout.
        if (find(chain, SocketTimeoutException.class, HttpTimeoutException.class).isPresent()) {
            return Optional.of(timedOut());
        }
        // Before ConnectException: the JDK HttpClient reports an unresolvable host as a ConnectException
        // caused by UnresolvedAddressException.
        if (find(chain, UnknownHostException.class, UnresolvedAddressException.class).isPresent()) {
            return Optional.of(CheckFailure.UNKNOWN_HOST.result(
                    "The host name of " + target + " could not be resolved (DNS lookup failed)."));
        }
        Optional<Throwable> tls = find(chain, SSLException.class);
        if (tls.isPresent()) {
            return Optional.of(CheckFailure.TLS.result(
                    "The TLS handshake with " + target + " failed: " + describe(tls.get(), scrubber)));
        }
        if (find(chain, ConnectException.class).isPresent()) {
            return Optional.of(CheckFailure.CONNECTION_REFUSED.result(target
                    + " refused the TCP connection: nothing listens on that port, or a firewall rejects it."));
        }
        return Optional.empty();
    }

    ProbeResult timedOut() {
        return CheckFailure.TIMEOUT.result(target + " did not answer within " + format(timeout) + ".");
    }

    /** A failure the probe cannot classify: the exception is all the explanation there is. */
    ProbeResult failed(Throwable failure) {
        return CheckFailure.FAILED.result("Checking " + target + " failed: " + describe(failure, scrubber));
    }

    /** The exception and, when it says something else, its root cause; scrubbed of secrets. */
    private static String describe(Throwable failure, SecretScrubber scrubber) {
        List<Throwable> chain = causeChain(failure);
        String outer = summary(failure);
        String root = summary(chain.get(chain.size() - 1));
        return scrubber.scrub(root.equals(outer) ? outer : outer + " (caused by " + root + ")");
    }

    private static String summary(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        return failure.getMessage() == null ? name : name + ": " + failure.getMessage();
    }

    private static List<Throwable> causeChain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>()); // causes can form a cycle
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static Optional<Throwable> find(List<Throwable> chain, Class<?>... types) {
        return chain.stream()
                .filter(t -> Arrays.stream(types).anyMatch(type -> type.isInstance(t)))
                .findFirst();
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
