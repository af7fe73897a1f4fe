package io.autoconn.http;

import io.autoconn.error.ErrorCode;
import io.autoconn.http.wire.ErrorResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database that cannot be reached (or is too busy to answer in time) is a 503 the client may
 * retry; any other database error is a bug, logged with the trace id and answered as a 500.
 */
@Singleton
public class DatabaseExceptionHandler implements ExceptionHandler<DataAccessException, HttpResponse<ErrorResponse>> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseExceptionHandler.class);

    @Override
    public HttpResponse<ErrorResponse> handle(HttpRequest request, DataAccessException exception) {
        if (isUnavailable(exception)) {
            LOG.warn("Database unavailable: {}", exception.getMessage());
            return ErrorResponses.response(request, ErrorCode.SERVICE_UNAVAILABLE,
                    "The database is unavailable; retry later");
        }
        LOG.error("Database error", exception);
        return ErrorResponses.response(request, ErrorCode.INTERNAL,
                "An unexpected error occurred; quote the traceId when reporting it");
    }

    private static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 08: connection exceptions; 57P0x: server shutting down; SQLite BUSY/LOCKED (codes 5, 6).
                if ((state != null && (state.startsWith("08") || state.startsWith("57P0")))
                        || (sql.getErrorCode() == 5 || sql.getErrorCode() == 6)
                        && sql.getClass().getName().startsWith("org.sqlite")) {
                    return true;
                }
            }
        }
        return false;
    }
}
