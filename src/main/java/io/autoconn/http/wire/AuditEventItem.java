package io.autoconn.http.wire;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** The audits API's GetByIDResult: one event of the trail. */
@Serdeable
public record AuditEventItem(
        String id,
        String eventId,
        String tenantId,
        @Nullable String userId,
        String eventType,
        String eventTypeVersion,
        String eventTime,
        String source,
        String contentType,
        Map<String, Object> data,
        Map<String, Object> extensions,
        SelfLink links) {

    @Serdeable
    public record SelfLink(Links.Href self) {
    }
}
