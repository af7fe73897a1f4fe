package io.autoconn.http;

import io.autoconn.error.ApiException;
import io.autoconn.http.wire.ErrorResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns the domain's {@link ApiException} into its ErrorResponse. */
@Singleton
public class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ErrorResponse>> {
    @Override
    public HttpResponse<ErrorResponse> handle(HttpRequest request, ApiException exception) {
        return ErrorResponses.response(request, exception.errorCode(), exception.detail());
    }
}
