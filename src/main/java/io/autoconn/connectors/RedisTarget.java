package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import java.time.Duration;
import java.util.Optional;
import javax.net.SocketFactory;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;

/** The Redis server, login and database a check connects with, validated from the probe's params. */
record RedisTarget(Endpoint endpoint, Optional<String> username, Optional<Secret> password, int database,
                   boolean tls) implements EndpointProbe.Target {
    static final int DEFAULT_PORT = 6379;

    static RedisTarget from(ProbeInput input) throws InvalidParamException {
        Endpoint endpoint = Endpoint.from(input, DEFAULT_PORT);
        Optional<String> username = input.value("username");
        Optional<Secret> password = input.secret("password");
        if (username.isPresent() && password.isEmpty()) {
            throw new InvalidParamException("Param 'password' is required when 'username' is set.");
        }
        int database = ParamValues.integer(input, "database", 0, 0, Integer.MAX_VALUE);
        return new RedisTarget(endpoint, username, password, database, ParamValues.flag(input, "tls", false));
    }

    /**
     * The one socket a check uses, from {@code sockets}; {@code timeout} bounds the TCP connect, the TLS
     * handshake and every read.
     */
    RedisSocketFactory socketFactory(Duration timeout, SocketFactory sockets) {
        return new RedisSocketFactory(endpoint, tls, Timeouts.millis(timeout), sockets);
    }

    /** The client's configuration: login, database, and {@code timeout} for every read. */
    JedisClientConfig clientConfig(Duration timeout) {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(Timeouts.millis(timeout))
                .socketTimeoutMillis(Timeouts.millis(timeout))
                .blockingSocketTimeoutMillis(Timeouts.millis(timeout))
                // RESP2 and plain AUTH work on every Redis version and on servers speaking its protocol;
                // HELLO (RESP3) would fail on Redis before 6.
                .resp2()
                // CLIENT SETINFO exists from Redis 7.2 on; a check needs nothing the server does not offer.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .user(username.orElse(null))
                .password(password.map(Secret::reveal).orElse(null))
                .database(database)
                .build();
    }
}
