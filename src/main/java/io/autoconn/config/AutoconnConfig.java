package io.autoconn.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * autoconn's own settings ({@code autoconn.*} in application.yml, each fed by an {@code AUTOCONN_*}
 * environment variable; the README lists them).
 */
@ConfigurationProperties("autoconn")
public class AutoconnConfig {
    private Path dataDir = Path.of("data");
    private String publicUrl = "";
    private String adminApiKey = "";
    private String masterKey = "";
    private String masterKeyPrevious = "";
    private Duration checkTimeout = Duration.ofSeconds(10);
    private Duration createCheckTimeout = Duration.ofSeconds(5);
    private Duration authCacheTtl = Duration.ofSeconds(30);
    private Duration connectionCacheTtl = Duration.ofSeconds(30);
    private Duration dbConnectionTimeout = Duration.ofSeconds(2);
    private int databaseThreads;
    private @Nullable Path connectorsDir;
    private Map<String, String> connectorBaseUrlOverrides = Map.of();
    private String egressAllow = "";
    private String egressDeny = "";

    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Base of absolute links, without a trailing slash; blank means "from the request". */
    public String getPublicUrl() {
        return publicUrl;
    }

    public void setPublicUrl(@Nullable String publicUrl) {
        this.publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
    }

    public String getAdminApiKey() {
        return adminApiKey;
    }

    public void setAdminApiKey(@Nullable String adminApiKey) {
        this.adminApiKey = adminApiKey == null ? "" : adminApiKey.strip();
    }

    public String getMasterKey() {
        return masterKey;
    }

    public void setMasterKey(@Nullable String masterKey) {
        this.masterKey = masterKey == null ? "" : masterKey.strip();
    }

    /** Older master keys still accepted for reading, during a rotation: base64, comma-separated. */
    public String getMasterKeyPrevious() {
        return masterKeyPrevious;
    }

    public void setMasterKeyPrevious(@Nullable String masterKeyPrevious) {
        this.masterKeyPrevious = masterKeyPrevious == null ? "" : masterKeyPrevious.strip();
    }

    /** {@link #getMasterKeyPrevious()} as a list. */
    public List<String> previousMasterKeys() {
        return Arrays.stream(masterKeyPrevious.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    public Duration getCheckTimeout() {
        return checkTimeout;
    }

    public void setCheckTimeout(Duration checkTimeout) {
        this.checkTimeout = checkTimeout;
    }

    public Duration getCreateCheckTimeout() {
        return createCheckTimeout;
    }

    public void setCreateCheckTimeout(Duration createCheckTimeout) {
        this.createCheckTimeout = createCheckTimeout;
    }

    /**
     * How long an authenticated API key is remembered at most (io.autoconn.identity.CallerCache); changes
     * end it sooner. Zero turns the cache off.
     */
    public Duration getAuthCacheTtl() {
        return authCacheTtl;
    }

    public void setAuthCacheTtl(Duration authCacheTtl) {
        this.authCacheTtl = authCacheTtl;
    }

    public Duration getConnectionCacheTtl() {
        return connectionCacheTtl;
    }

    public void setConnectionCacheTtl(Duration connectionCacheTtl) {
        this.connectionCacheTtl = connectionCacheTtl;
    }

    /**
     * How long a request waits for a database connection before it answers 503. While the database is
     * unreachable, one request at a time waits this long and the others answer at once.
     */
    public Duration getDbConnectionTimeout() {
        return dbConnectionTimeout;
    }

    public void setDbConnectionTimeout(Duration dbConnectionTimeout) {
        this.dbConnectionTimeout = dbConnectionTimeout;
    }

    /** Threads for the requests that wait only on the database ({@code http.Workers}); 0 means one per core. */
    public int getDatabaseThreads() {
        return databaseThreads > 0 ? databaseThreads : Runtime.getRuntime().availableProcessors();
    }

    public void setDatabaseThreads(int databaseThreads) {
        if (databaseThreads < 0) {
            throw new IllegalArgumentException("AUTOCONN_DATABASE_THREADS must be 0 (one per core) or more, not "
                    + databaseThreads);
        }
        this.databaseThreads = databaseThreads;
    }

    /** The operator's connector files ({@code *.json}), loaded after the shipped ones; null when unset. */
    public @Nullable Path getConnectorsDir() {
        return connectorsDir;
    }

    public void setConnectorsDir(@Nullable String connectorsDir) {
        this.connectorsDir = connectorsDir == null || connectorsDir.isBlank() ? null : Path.of(connectorsDir.strip());
    }

    /**
     * For tests only: connector id -> an http(s) origin that the connector's request template calls
     * instead of the real service, so that a local fake answers. Server configuration, never reachable
     * through the API; each override is logged at start-up.
     */
    public Map<String, String> getConnectorBaseUrlOverrides() {
        return connectorBaseUrlOverrides;
    }

    public void setConnectorBaseUrlOverrides(@Nullable Map<String, String> overrides) {
        this.connectorBaseUrlOverrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }

    /** CIDR blocks checks may connect to although a built-in rule refuses them (io.autoconn.egress). */
    public String getEgressAllow() {
        return egressAllow;
    }

    public void setEgressAllow(@Nullable String egressAllow) {
        this.egressAllow = egressAllow == null ? "" : egressAllow;
    }

    /** CIDR blocks checks may not connect to. */
    public String getEgressDeny() {
        return egressDeny;
    }

    public void setEgressDeny(@Nullable String egressDeny) {
        this.egressDeny = egressDeny == null ? "" : egressDeny;
    }
}
