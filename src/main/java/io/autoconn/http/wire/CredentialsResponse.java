package io.autoconn.http.wire;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** autoconn's credentials answer: a connection's params in clear, for the automation runtime. */
@Serdeable
public record CredentialsResponse(String id, String connectorId, List<Param> params) {

    /** One param, by the connector's name for it; a secret one decrypted. */
    @Serdeable
    public record Param(String name, String value) {
        @Override
        public String toString() {
            return "Param[" + name + "]";
        }
    }
}
