package io.autoconn.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The lines the server logs while this is open, each encoded by the configured console appender exactly as
 * it would be written (JSON by default): for tests of what the log says.
 */
final class LogCapture implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final Logger root;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender;

    LogCapture() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        Encoder<ILoggingEvent> configured = ((OutputStreamAppender<ILoggingEvent>) root.getAppender("console")).getEncoder();
        appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(new String(configured.encode(event), StandardCharsets.UTF_8));
            }
        };
        appender.setContext(logging);
        appender.start();
        root.addAppender(appender);
    }

    /** Every line so far, as written. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines so far that carry this trace id, parsed. */
    List<Map<String, Object>> ofTrace(String traceId) {
        return lines.stream().map(LogCapture::parse).filter(line -> traceId.equals(line.get("traceId"))).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }

    private static Map<String, Object> parse(String line) {
        try {
            return JSON.readValue(line, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Not a JSON line: " + line, e);
        }
    }
}
