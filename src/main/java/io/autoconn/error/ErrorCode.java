package io.autoconn.error;

import io.micronaut.http.HttpStatus;

/**
 * Every error autoconn can answer with: a stable {@code code} (documented in the OpenAPI document and
 * the README), the HTTP status it travels with, and a short title. The detail, which says precisely
 * what was wrong with this request, travels in {@link ApiException}.
 */
public enum ErrorCode {
    // Transport-level errors, raised by the framework or the authentication filter.
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "HTTP-400", "Malformed request"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "HTTP-401", "Unauthorized"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "HTTP-403", "Forbidden"),
    ROUTE_NOT_FOUND(HttpStatus.NOT_FOUND, "HTTP-404", "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "HTTP-405", "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "HTTP-406", "Not acceptable"),
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "HTTP-413", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "HTTP-415", "Unsupported media type"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "HTTP-429", "Too many requests"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "HTTP-500", "Internal server error"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "HTTP-503", "Service unavailable"),

    // Request validation.
    INVALID_JSON(HttpStatus.BAD_REQUEST, "INVALID-JSON", "Request body is not valid JSON"),
    INVALID_FIELD(HttpStatus.BAD_REQUEST, "INVALID-FIELD", "Invalid field in request body"),
    INVALID_QUERY_PARAMETER(HttpStatus.BAD_REQUEST, "INVALID-QUERY-PARAMETER", "Invalid query parameter"),
    INVALID_FILTER(HttpStatus.BAD_REQUEST, "INVALID-FILTER", "Invalid filter"),
    INVALID_SORT(HttpStatus.BAD_REQUEST, "INVALID-SORT", "Invalid sort"),
    INVALID_CURSOR(HttpStatus.BAD_REQUEST, "INVALID-CURSOR", "Invalid cursor"),
    INVALID_LIMIT(HttpStatus.BAD_REQUEST, "INVALID-LIMIT", "Invalid limit"),

    // Connection parameters, checked against the connector's declared params.
    UNKNOWN_CONNECTOR(HttpStatus.BAD_REQUEST, "UNKNOWN-CONNECTOR", "Unknown connector"),
    UNKNOWN_PARAM(HttpStatus.BAD_REQUEST, "UNKNOWN-PARAM", "Unknown connection parameter"),
    DUPLICATE_PARAM(HttpStatus.BAD_REQUEST, "DUPLICATE-PARAM", "Duplicate connection parameter"),
    MISSING_PARAM(HttpStatus.BAD_REQUEST, "MISSING-PARAM", "Missing required connection parameter"),
    INVALID_PARAM_VALUE(HttpStatus.BAD_REQUEST, "INVALID-PARAM-VALUE", "Invalid connection parameter value"),

    // References to other resources.
    UNKNOWN_SPACE(HttpStatus.BAD_REQUEST, "UNKNOWN-SPACE", "Unknown space"),
    UNKNOWN_USER(HttpStatus.BAD_REQUEST, "UNKNOWN-USER", "Unknown user"),

    // Resources and state.
    CONNECTION_NOT_FOUND(HttpStatus.NOT_FOUND, "CONNECTION-NOT-FOUND", "Connection not found"),
    CONNECTOR_NOT_FOUND(HttpStatus.NOT_FOUND, "CONNECTOR-NOT-FOUND", "Connector not found"),
    LIST_ALL_FORBIDDEN(HttpStatus.FORBIDDEN, "LIST-ALL-FORBIDDEN", "listAll is restricted to administrators"),
    PRECONDITION_FAILED(HttpStatus.CONFLICT, "PRECONDITION-FAILED", "The resource has changed"),

    // Users and API keys.
    USER_NOT_FOUND(HttpStatus.NOT_FOUND, "USER-NOT-FOUND", "User not found"),
    USER_EXISTS(HttpStatus.CONFLICT, "USER-EXISTS", "A user with this email or subject exists"),
    UNKNOWN_ROLE(HttpStatus.BAD_REQUEST, "UNKNOWN-ROLE", "Unknown role"),
    INVALID_PATCH(HttpStatus.BAD_REQUEST, "INVALID-PATCH", "Invalid JSON Patch operation"),
    LAST_TENANT_ADMIN(HttpStatus.BAD_REQUEST, "LAST-TENANT-ADMIN", "The tenant's last active TenantAdmin"),
    USER_HAS_CONNECTIONS(HttpStatus.BAD_REQUEST, "USER-HAS-CONNECTIONS", "The user owns connections"),
    USER_HAS_AUTOMATIONS(HttpStatus.BAD_REQUEST, "USER-HAS-AUTOMATIONS", "The user owns automations"),
    API_KEY_NOT_FOUND(HttpStatus.NOT_FOUND, "API-KEY-NOT-FOUND", "API key not found"),

    // Credentials for the automation runtime.
    SCOPE_REQUIRED(HttpStatus.FORBIDDEN, "SCOPE-REQUIRED", "The API key lacks a required scope"),
    CREDENTIALS_UNREADABLE(HttpStatus.CONFLICT, "CREDENTIALS-UNREADABLE", "The connection's secrets cannot be decrypted"),
    OAUTH_NOT_CONNECTED(HttpStatus.CONFLICT, "OAUTH-NOT-CONNECTED", "The connection has no valid OAuth2 token"),

    // The OAuth2 callback (the browser comes back from the provider).
    OAUTH_CALLBACK_INVALID(HttpStatus.BAD_REQUEST, "OAUTH-CALLBACK-INVALID", "Invalid OAuth2 callback"),

    // The audit trail.
    AUDIT_NOT_FOUND(HttpStatus.NOT_FOUND, "AUDIT-NOT-FOUND", "Audit event not found"),
    AUDITS_FORBIDDEN(HttpStatus.FORBIDDEN, "AUDITS-FORBIDDEN", "The audit trail is restricted to TenantAdmins"),

    // Automations.
    AUTOMATION_NOT_FOUND(HttpStatus.NOT_FOUND, "AUTOMATION-NOT-FOUND", "Automation not found"),
    AUTOMATION_FORBIDDEN(HttpStatus.FORBIDDEN, "AUTOMATION-FORBIDDEN", "Not allowed on this automation"),
    CONNECTION_IN_USE(HttpStatus.BAD_REQUEST, "CONNECTION-IN-USE", "The connection is used by automations"),

    // Spaces, their assignments, and who may do what to connections in them (io.autoconn.access).
    CONNECTION_FORBIDDEN(HttpStatus.FORBIDDEN, "CONNECTION-FORBIDDEN", "Not allowed on this connection"),
    SPACE_NOT_FOUND(HttpStatus.NOT_FOUND, "SPACE-NOT-FOUND", "Space not found"),
    SPACE_FORBIDDEN(HttpStatus.FORBIDDEN, "SPACE-FORBIDDEN", "Not allowed on this space"),
    SPACE_NAME_TAKEN(HttpStatus.CONFLICT, "SPACE-NAME-TAKEN", "Space name already in use"),
    SPACE_NOT_EMPTY(HttpStatus.PRECONDITION_FAILED, "SPACE-NOT-EMPTY", "Space still holds connections"),
    ASSIGNMENT_NOT_FOUND(HttpStatus.NOT_FOUND, "ASSIGNMENT-NOT-FOUND", "Assignment not found"),
    ASSIGNMENT_EXISTS(HttpStatus.CONFLICT, "ASSIGNMENT-EXISTS", "Assignment already exists"),
    UNSUPPORTED_ASSIGNMENT_TYPE(HttpStatus.BAD_REQUEST, "UNSUPPORTED-ASSIGNMENT-TYPE", "Assignment type not supported");

    private final HttpStatus status;
    private final String code;
    private final String title;

    ErrorCode(HttpStatus status, String code, String title) {
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
