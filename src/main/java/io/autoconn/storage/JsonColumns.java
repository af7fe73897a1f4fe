package io.autoconn.storage;

import io.autoconn.connectors.CheckError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The JSON text columns of the connections table: param maps and a stored check error. */
final class JsonColumns {
    private static final Argument<Map<String, String>> STRING_MAP = Argument.mapOf(String.class, String.class);

    private final JsonMapper json;

    JsonColumns(JsonMapper json) {
        this.json = json;
    }

    String writeMap(Map<String, String> map) {
        return write(map);
    }

    Map<String, String> readMap(String text) {
        try {
            return json.readValue(text, STRING_MAP);
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt params column", e);
        }
    }

    @Nullable
    String writeError(@Nullable CheckError error) {
        return error == null ? null : write(error);
    }

    @Nullable
    CheckError readError(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, CheckError.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt error column", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
