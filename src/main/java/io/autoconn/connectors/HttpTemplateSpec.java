package io.autoconn.connectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * A connector's check as an HTTP request template ({@code check.http} in a connector file), as written
 * there. {@link RequestTemplate} and {@link ResponseRules} check it against the connector's params and
 * compile it; the README documents every field. Values may hold {@code {param}} placeholders. Unknown
 * fields are refused, so that a misspelt one cannot silently change what a check sends.
 *
 * @param method      GET, HEAD or POST
 * @param url         absolute https or http URL without query; placeholders in the path are encoded
 *                    as path segment text, in the host only for params named in {@code hostParams}
 * @param hostParams  the params allowed to choose the host: a single DNS label in the host
 *                    ({@code https://{site}.atlassian.net}), or a whole base URL starting the url
 *                    ({@code {instanceUrl}/services/...}, a param of fieldType url)
 * @param query       query parameters, in order; an entry whose optional param is unset is left out
 * @param headers     extra request headers; secret params may appear in their values
 * @param auth        the ways to send credentials, in order of preference: the first whose params are
 *                    all set is used; absent or empty means none
 * @param body        a POST body: a form or a JSON document
 * @param expect      what a working connection answers (default: any 2xx status)
 * @param authFailure what an answer refusing the credentials looks like (default: status 401 or 403)
 * @param errorMessage JSON pointers to the service's own explanation in an error answer, tried in order
 * @param service     what details call the service ("GitHub refused the credentials"); the connector's
 *                    name when absent
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record HttpTemplateSpec(
        @Nullable String method,
        @Nullable String url,
        @Nullable List<String> hostParams,
        @Nullable Map<String, String> query,
        @Nullable Map<String, String> headers,
        @Nullable List<Auth> auth,
        @Nullable Body body,
        @Nullable Expectation expect,
        @Nullable Expectation authFailure,
        @Nullable List<String> errorMessage,
        @Nullable String service) {

    /**
     * One way to send credentials. {@code scheme} is none, basic ({@code username}, {@code password}),
     * bearer ({@code token}), apiKeyHeader ({@code name} of the header, {@code value}) or apiKeyQuery
     * ({@code name} of the query parameter, {@code value}).
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Auth(
            @Nullable String scheme,
            @Nullable String username,
            @Nullable String password,
            @Nullable String token,
            @Nullable String name,
            @Nullable String value) {
    }

    /** Exactly one of a form (sent url-encoded, in order) and a JSON document whose strings are templates. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Body(@Nullable Map<String, String> form, @Nullable JsonNode json) {
    }

    /** Statuses (any of them) and conditions on the JSON body (all of them). */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Expectation(@Nullable List<Integer> status, @Nullable List<JsonCondition> json) {
    }

    /**
     * A condition on the value a JSON pointer (RFC 6901) designates: exactly one of {@code equals} a
     * string, number or boolean; {@code oneOf} such values; {@code present} (true: there and not null).
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record JsonCondition(
            @Nullable String pointer,
            @Nullable JsonNode equals,
            @Nullable List<JsonNode> oneOf,
            @Nullable Boolean present) {
    }
}
