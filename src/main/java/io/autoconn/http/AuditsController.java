package io.autoconn.http;

import io.autoconn.audit.AuditEvent;
import io.autoconn.audit.AuditQuery;
import io.autoconn.audit.AuditService;
import io.autoconn.audit.AuditSources;
import io.autoconn.error.ApiException;
import io.autoconn.error.ErrorCode;
import io.autoconn.http.wire.AuditEventItem;
import io.autoconn.http.wire.AuditList;
import io.autoconn.http.wire.Links;
import io.autoconn.http.wire.StringList;
import io.autoconn.identity.Caller;
import io.autoconn.query.ListRequest;
import io.autoconn.storage.AuditStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A subset of Qlik's audits API: the tenant's audit trail, for TenantAdmins. */
@Controller("/api/v1/audits")
@ExecuteOn(Workers.DATABASE)
public class AuditsController {
    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 100;

    private final AuditService audits;
    private final PageLinks links;

    public AuditsController(AuditService audits, PageLinks links) {
        this.audits = audits;
        this.links = links;
    }

    @Get
    public AuditList list(HttpRequest<?> request, Caller caller,
                          @Nullable @QueryValue String eventTime, @Nullable @QueryValue String eventType,
                          @Nullable @QueryValue String id, @Nullable @QueryValue String limit,
                          @Nullable @QueryValue String next, @Nullable @QueryValue String prev,
                          @Nullable @QueryValue String sort, @Nullable @QueryValue String source,
                          @Nullable @QueryValue String userId) {
        if (!isBlank(next) && !isBlank(prev)) {
            throw new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, "Send either next or prev, not both");
        }
        Instant[] interval = interval(eventTime);
        AuditQuery query = new AuditQuery(ids(id), blankToNull(eventType),
                isBlank(source) ? null : AuditSources.resourceTypeOf(source.strip()).orElse(source.strip()),
                blankToNull(userId), interval[0], interval[1]);
        AuditStore.Page page = audits.list(caller, query, new ListRequest(null, isBlank(sort) ? "-eventTime" : sort,
                isBlank(next) ? prev : next, QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT), query.fingerprint()));
        return new AuditList(page.events().stream().map(e -> item(request, e)).toList(),
                links.directionalLinks(request, page.nextCursor(), page.prevCursor()));
    }

    @Get("/{id}")
    public AuditEventItem get(HttpRequest<?> request, Caller caller, @PathVariable String id) {
        return item(request, audits.get(caller, id));
    }

    @Get("/types")
    public StringList types(Caller caller) {
        return new StringList(audits.eventTypes(caller));
    }

    @Get("/sources")
    public StringList sources(Caller caller) {
        return new StringList(audits.sources(caller));
    }

    /** The wire form: Qlik's fields, with the changed resource named in {@code data}. */
    private AuditEventItem item(HttpRequest<?> request, AuditEvent e) {
        Map<String, Object> data = new LinkedHashMap<>(e.data());
        data.put("resourceType", e.resourceType());
        data.put("resourceId", e.resourceId());
        Map<String, Object> extensions = new LinkedHashMap<>();
        copy(e.data(), "ownerId", extensions);
        copy(e.data(), "spaceId", extensions);
        if (e.data().containsKey(AuditEvent.CHANGED_FIELDS)) {
            extensions.put("updates", Map.of(AuditEvent.CHANGED_FIELDS, e.data().get(AuditEvent.CHANGED_FIELDS)));
        }
        return new AuditEventItem(e.id(), e.id(), e.tenantId(), e.userId(), e.eventType(), "1.0.0",
                WireMapper.timestamp(e.eventTime()), AuditSources.sourceOf(e.resourceType()), "application/json",
                data, extensions,
                new AuditEventItem.SelfLink(new Links.Href(links.absolute(request, "/api/v1/audits/" + e.id()))));
    }

    private static void copy(Map<String, Object> from, String key, Map<String, Object> to) {
        if (from.get(key) != null) {
            to.put(key, from.get(key));
        }
    }

    /** {@code eventTime=<from>/<to>}: ISO 8601 instants, both inclusive; either side may be left empty. */
    private static Instant[] interval(@Nullable String eventTime) {
        if (isBlank(eventTime)) {
            return new Instant[] {null, null};
        }
        String[] sides = eventTime.strip().split("/", -1);
        if (sides.length != 2) {
            throw badInterval(eventTime);
        }
        try {
            return new Instant[] {
                    sides[0].isBlank() ? null : Instant.parse(sides[0].strip()),
                    sides[1].isBlank() ? null : Instant.parse(sides[1].strip())};
        } catch (DateTimeParseException e) {
            throw badInterval(eventTime);
        }
    }

    private static ApiException badInterval(String eventTime) {
        return new ApiException(ErrorCode.INVALID_QUERY_PARAMETER, "eventTime must be two ISO 8601 times joined by "
                + "'/', such as 2021-07-14T18:41:15.00Z/2021-07-14T18:41:15.99Z; got '" + QueryParams.abbreviate(eventTime)
                + "'");
    }

    private static List<String> ids(@Nullable String id) {
        if (isBlank(id)) {
            return List.of();
        }
        return Arrays.stream(id.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Nullable
    private static String blankToNull(@Nullable String value) {
        return isBlank(value) ? null : value.strip();
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
