package io.autoconn.http;

import io.autoconn.error.ErrorCode;
import io.autoconn.http.wire.ErrorResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of every error the framework itself answers (unknown route, wrong method, malformed JSON,
 * wrong content type, body too large, unconvertible parameters, unhandled exceptions): the spec's
 * ErrorResponse with a stable code per cause. Details never carry internal class names or, for 5xx,
 * anything from the exception.
 */
@Singleton
public class FrameworkErrorProcessor implements ErrorResponseProcessor<ErrorResponse> {
    /** Where the parser stopped, as Jackson reports it; the rest of its message is internals. */
    private static final Pattern JSON_LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)");
    /** A body that is JSON but of the wrong shape: the framework could not bind it to the operation's record. */
    private static final String BODY_NOT_BOUND = "Failed to convert argument [body]";
    private static final Pattern UNEXPECTED_TOKEN = Pattern.compile("Unexpected token (\\w+), expected (\\w+)");
    private static final Pattern NOT_COERCIBLE = Pattern.compile("Unable to coerce (\\w+) to (\\w+)");

    @Override
    public MutableHttpResponse<ErrorResponse> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        ErrorCode code = codeFor(base.getStatus(), context);
        return ErrorResponses.fill(base, context.getRequest(), code, detail(code, context));
    }

    private static ErrorCode codeFor(HttpStatus status, ErrorContext context) {
        return switch (status) {
            case BAD_REQUEST -> isJsonProblem(context) ? ErrorCode.INVALID_JSON : ErrorCode.MALFORMED_REQUEST;
            case UNAUTHORIZED -> ErrorCode.UNAUTHORIZED;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
            case NOT_FOUND -> ErrorCode.ROUTE_NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> ErrorCode.NOT_ACCEPTABLE;
            case REQUEST_ENTITY_TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case SERVICE_UNAVAILABLE -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status.getCode() >= 500 ? ErrorCode.INTERNAL : ErrorCode.MALFORMED_REQUEST;
        };
    }

    private static boolean isJsonProblem(ErrorContext context) {
        return context.getRootCause()
                .map(t -> t.getClass().getName().contains("Json") || t.getClass().getName().contains("Serde"))
                .orElse(false)
                || context.getErrors().stream().anyMatch(e -> e.getMessage().startsWith(BODY_NOT_BOUND));
    }

    /** What was wrong with a body's shape, in JSON's words rather than the parser's. */
    private static String shapeProblem(String message) {
        Matcher token = UNEXPECTED_TOKEN.matcher(message);
        if (token.find()) {
            return ": expected " + jsonKind(token.group(2)) + ", got " + jsonKind(token.group(1));
        }
        Matcher coerce = NOT_COERCIBLE.matcher(message);
        if (coerce.find()) {
            return ": " + withArticle(coerce.group(1)) + " where " + withArticle(coerce.group(2)) + " is expected";
        }
        return "";
    }

    private static String withArticle(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    private static String jsonKind(String token) {
        return switch (token) {
            case "START_OBJECT" -> "an object";
            case "START_ARRAY" -> "an array";
            case "VALUE_STRING" -> "a string";
            case "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT" -> "a number";
            case "VALUE_TRUE", "VALUE_FALSE" -> "a boolean";
            case "VALUE_NULL" -> "null";
            default -> "another value";
        };
    }

    private static String detail(ErrorCode code, ErrorContext context) {
        return switch (code) {
            case INTERNAL -> "An unexpected error occurred; quote the traceId when reporting it";
            case ROUTE_NOT_FOUND -> "No resource at " + context.getRequest().getPath();
            case METHOD_NOT_ALLOWED -> context.getRequest().getMethodName() + " is not allowed on "
                    + context.getRequest().getPath();
            case UNSUPPORTED_MEDIA_TYPE -> "Send the request body as application/json";
            case PAYLOAD_TOO_LARGE -> "The request body is larger than the server accepts (1 MiB)";
            case INVALID_JSON -> "The request body is not a valid JSON object for this operation"
                    + context.getErrors().stream().map(e -> shapeProblem(e.getMessage())).filter(s -> !s.isEmpty())
                            .findFirst().orElse("")
                    + context.getErrors().stream().map(e -> JSON_LOCATION.matcher(e.getMessage()))
                            .filter(Matcher::find).findFirst()
                            .map(m -> " (at line " + m.group(1) + ", column " + m.group(2) + ")").orElse("");
            default -> context.getErrors().stream().map(FrameworkErrorProcessor::scrub)
                    .filter(s -> !s.isBlank()).findFirst().orElse(code.title());
        };
    }

    /** Framework messages may name Java classes and internals; clients get the gist only. */
    private static String scrub(Error error) {
        return error.getMessage()
                .replaceAll("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*", "")
                .replaceAll("\\s+", " ")
                .strip();
    }
}
