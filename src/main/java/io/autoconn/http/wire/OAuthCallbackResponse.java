package io.autoconn.http.wire;

import io.autoconn.connectors.CheckError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** What the browser sees once the provider sent it back: which connection, and whether it is connected now. */
@Serdeable
public record OAuthCallbackResponse(String connectionId, boolean isConnected, @Nullable String oauthAccountName,
                                    @Nullable CheckError error) {
}
