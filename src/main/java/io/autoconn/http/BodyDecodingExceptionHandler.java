package io.autoconn.http;

import io.autoconn.error.ErrorCode;
import io.autoconn.http.wire.ErrorResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.compression.DecompressionException;
import jakarta.inject.Singleton;

/**
 * A body that does not decode by its own {@code Content-Encoding} (a "gzip" body that is not gzip) is the
 * client's mistake: the server inflates request bodies before any route sees them, and left alone the failure
 * would be an unexpected error, a 500.
 */
@Singleton
public class BodyDecodingExceptionHandler
        implements ExceptionHandler<DecompressionException, HttpResponse<ErrorResponse>> {
    @Override
    public HttpResponse<ErrorResponse> handle(HttpRequest request, DecompressionException exception) {
        return ErrorResponses.response(request, ErrorCode.MALFORMED_REQUEST,
                "The request body does not decode as its Content-Encoding says");
    }
}
