package io.autoconn.connectors;

import io.autoconn.egress.EgressPolicy;
import io.autoconn.egress.GuardedSocketFactory;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Checks a Redis connection: connects, authenticates with AUTH (user and password, or the password
 * alone), selects the database and sends PING, which must answer PONG.
 */
@Singleton
public class RedisProbe extends EndpointProbe<RedisTarget> {
    /** Its sockets check the egress policy on the address they connect to, after the last DNS lookup. */
    private final GuardedSocketFactory sockets;

    /** With the built-in egress policy only. */
    public RedisProbe() {
        this(EgressPolicy.defaults());
    }

    @Inject
    public RedisProbe(EgressPolicy egress) {
        this.sockets = new GuardedSocketFactory(egress);
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    RedisTarget target(ProbeInput input) throws InvalidParamException {
        return RedisTarget.from(input);
    }

    @Override
    ProbeResult check(RedisTarget target, Duration timeout, ConnectFailures failures, SecretScrubber scrubber) {
        // The constructor connects, authenticates and selects the database.
        try (Jedis jedis = new Jedis(target.socketFactory(timeout, sockets), target.clientConfig(timeout))) {
            String answer = jedis.ping();
            return "PONG".equals(answer) ? ProbeResult.ok() : CheckFailure.FAILED.result("The server at "
                    + target.endpoint().address() + " answered PING with \"" + scrubber.scrub(answer)
                    + "\" instead of PONG: it may not be a Redis server.");
        } catch (JedisException e) {
            return classify(e, target, failures, scrubber);
        }
    }

    private static ProbeResult classify(JedisException failure, RedisTarget target, ConnectFailures failures,
            SecretScrubber scrubber) {
        return failures.transportFailure(failure).orElseGet(() -> {
            String server = "The server at " + target.endpoint().address();
            String reply = scrubber.scrub(String.valueOf(failure.getMessage()));
            return switch (RedisError.of(reply)) {
                case WRONG_PASSWORD -> CheckFailure.AUTH_FAILED.result(server + " refused the login of "
                        + target.username().map(user -> "user \"" + user + "\"").orElse("the default user")
                        + ": " + reply);
                case PASSWORD_REQUIRED -> CheckFailure.AUTH_FAILED.result(
                        server + " requires a password, and none is set: " + reply);
                case NO_PERMISSION -> CheckFailure.AUTH_FAILED.result(
                        server + " accepted the login but denies what the check needs: " + reply);
                case BAD_DATABASE -> CheckFailure.DATABASE_NOT_FOUND.result(
                        server + " has no database " + target.database() + ": " + reply);
                case OTHER -> failures.failed(failure);
            };
        });
    }

    /** The error replies a check tells apart, by the code a Redis error reply starts with. */
    private enum RedisError {
        WRONG_PASSWORD, PASSWORD_REQUIRED, NO_PERMISSION, BAD_DATABASE, OTHER;

        static RedisError of(String reply) {
            if (reply.startsWith("WRONGPASS") || reply.startsWith("ERR invalid password")) {
                return WRONG_PASSWORD; // Redis 6+; before 6
            }
            if (reply.startsWith("NOAUTH")) {
                return PASSWORD_REQUIRED;
            }
            if (reply.startsWith("NOPERM")) {
                return NO_PERMISSION;
            }
            if (reply.startsWith("ERR DB index is out of range") || reply.startsWith("ERR invalid DB index")) {
                return BAD_DATABASE;
            }
            return OTHER;
        }
    }
}
