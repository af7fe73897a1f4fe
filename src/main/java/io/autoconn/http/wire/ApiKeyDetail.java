package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The spec's ApiKey, and ApiKeyWithToken when {@code token} is set (only in the answer that creates the
 * key). {@code expiry} is absent for a key that never expires; {@code scopes} is an autoconn extension.
 */
@Serdeable
public record ApiKeyDetail(String id, String tenantId, String description, String status, String sub,
                           String subType, @Nullable String expiry, String createdByUser, String created,
                           String lastUpdated, @Nullable String token, List<String> scopes) {
}
