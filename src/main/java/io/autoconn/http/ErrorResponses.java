package io.autoconn.http;

import io.autoconn.error.ErrorCode;
import io.autoconn.http.wire.ErrorResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds every error body the server sends: the spec's ErrorResponse, with the request's trace id. */
final class ErrorResponses {
    private ErrorResponses() {
    }

    static ErrorResponse body(HttpRequest<?> request, ErrorCode code, String detail) {
        return new ErrorResponse(List.of(new ErrorResponse.Item(code.code(), code.title(), detail)),
                TraceIds.of(request));
    }

    static MutableHttpResponse<ErrorResponse> response(HttpRequest<?> request, ErrorCode code, String detail) {
        MutableHttpResponse<ErrorResponse> response = HttpResponse.<ErrorResponse>status(code.status())
                .body(body(request, code, detail))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        if (code == ErrorCode.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response;
    }
}
