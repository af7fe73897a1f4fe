package io.autoconn.ratelimit;

import io.autoconn.storage.Backend;
import io.autoconn.storage.Database;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Chooses where the rate limit buckets live, once, at start-up: Redis when {@code AUTOCONN_REDIS_URL} is
 * set, else the PostgreSQL database the servers share (table {@code rate_limit_buckets}, migration V9),
 * else this process (embedded SQLite: a single server).
 */
@Factory
public class BucketStoreFactory {
    static final String REDIS_SETTING = "AUTOCONN_REDIS_URL";
    static final String TABLE = "rate_limit_buckets";
    private static final Logger LOG = LoggerFactory.getLogger(BucketStoreFactory.class);
    /** How long one request may wait for the store; past it the request is let through (see RateLimiter). */
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(1);
    /** A bucket is kept this long after it would be full again, then the store drops it. */
    private static final ExpirationAfterWriteStrategy EXPIRY =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10));

    /** Eager, so that a Redis URL that is malformed or names no reachable Redis stops the start, named. */
    @Context
    @Bean(preDestroy = "close")
    public BucketStore bucketStore(@Value("${autoconn.redis-url:}") String redisUrl, Database database,
                                   DataSource dataSource) {
        BucketStore store = !redisUrl.isBlank() ? redis(redisUrl)
                : database.backend() == Backend.POSTGRESQL ? postgres(dataSource)
                : new LocalBucketStore();
        LOG.info("Rate limit counters: {}", store.description());
        return store;
    }

    static BucketStore postgres(DataSource dataSource) {
        PostgreSQLSelectForUpdateBasedProxyManager<String> proxies = Bucket4jPostgreSQL
                .selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .expirationAfterWrite(EXPIRY)
                .requestTimeout(STORE_TIMEOUT)
                .build();
        return new SharedBucketStore(proxies, proxies, "PostgreSQL (table " + TABLE + ")", () -> { });
    }

    /** Redis at {@code url} (redis:// or rediss://, with user, password and database index as usual). */
    static BucketStore redis(String url) {
        URI uri = redisUri(url);
        HostAndPort address = JedisURIHelper.getHostAndPort(uri);
        int timeoutMillis = (int) STORE_TIMEOUT.toMillis();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .clientName("autoconn-ratelimit");
        if (JedisURIHelper.getPassword(uri) != null) {
            config.user(JedisURIHelper.getUser(uri)).password(JedisURIHelper.getPassword(uri));
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(32);
        pool.setMaxWait(STORE_TIMEOUT);
        RedisClient client = RedisClient.builder().hostAndPort(address).clientConfig(config.build()).poolConfig(pool)
                .build();
        String description = "Redis " + address;
        try {
            client.ping();
        } catch (JedisException e) {
            client.close();
            // The message names host and port only: the URL may carry a password.
            throw new ConfigurationException(REDIS_SETTING + ": cannot use " + description + ": " + e.getMessage());
        }
        return new SharedBucketStore(Bucket4jJedis.casBasedBuilder(client)
                .keyMapper(Mapper.STRING)
                .expirationAfterWrite(EXPIRY)
                .requestTimeout(STORE_TIMEOUT)
                .build(), null, description, client);
    }

    private static URI redisUri(String url) {
        String malformed = REDIS_SETTING + " is not a redis:// or rediss:// URL with a host and a port"
                + " (such as redis://redis.internal:6379)";
        try {
            URI uri = new URI(url.strip());
            if (!JedisURIHelper.isRedisScheme(uri) && !JedisURIHelper.isRedisSSLScheme(uri)
                    || !JedisURIHelper.isValid(uri)) {
                throw new ConfigurationException(malformed);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(malformed);
        }
    }
}
