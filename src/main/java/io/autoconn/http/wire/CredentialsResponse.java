package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** autoconn's credentials answer: a connection's params in clear, for the automation runtime. */
@Serdeable
public record CredentialsResponse(String id, String connectorId, List<Param> params, @Nullable OAuth oauth) {

    /** An OAuth2 connection's valid access token; {@code expiresAt} null when the provider did not say. */
    @Serdeable
    public record OAuth(String accessToken, @Nullable String expiresAt) {
        @Override
        public String toString() {
            return "OAuth[expiresAt=" + expiresAt + "]";
        }
    }

    /** One param, by the connector's name for it; a secret one decrypted. */
    @Serdeable
    public record Param(String name, String value) {
        @Override
        public String toString() {
            return "Param[" + name + "]";
        }
    }
}
