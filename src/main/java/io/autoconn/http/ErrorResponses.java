package io.autoconn.http;

import io.autoconn.error.ErrorCode;
import io.autoconn.http.wire.ErrorResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds every error the server sends: the spec's ErrorResponse, with the request's trace id. */
final class ErrorResponses {
    private ErrorResponses() {
    }

    static MutableHttpResponse<ErrorResponse> response(HttpRequest<?> request, ErrorCode code, String detail) {
        return fill(HttpResponse.status(code.status()), request, code, detail);
    }

    /** Makes {@code response} the error: body, content type, trace header, and the 401 challenge. */
    static MutableHttpResponse<ErrorResponse> fill(MutableHttpResponse<?> response, HttpRequest<?> request,
                                                   ErrorCode code, String detail) {
        ErrorResponse body = new ErrorResponse(List.of(new ErrorResponse.Item(code.code(), code.title(), detail)),
                TraceIds.of(request));
        MutableHttpResponse<ErrorResponse> error = response.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
        // Set here too: a response a request filter returns skips the response filters.
        TraceIds.addHeaders(request, error);
        if (code == ErrorCode.UNAUTHORIZED) {
            error.header("WWW-Authenticate", "Bearer");
        }
        return error;
    }
}
