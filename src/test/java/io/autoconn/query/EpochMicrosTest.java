package io.autoconn.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EpochMicrosTest {
    @ParameterizedTest
    @CsvSource({
        "2021-12-23T12:28:21.000000Z, 1640262501000000",
        "2021-12-23T12:28:21Z, 1640262501000000",
        "2021-12-23t12:28:21z, 1640262501000000",
        "2021-12-23T12:28:21.5Z, 1640262501500000",
        "2021-12-23T12:28:21.123456Z, 1640262501123456",
        "2021-12-23T12:28:21.123456789Z, 1640262501123456",
        "2021-12-23T14:28:21.000001+02:00, 1640262501000001",
        "2021-12-23T07:28:21-05:00, 1640262501000000",
        "1970-01-01T00:00:00Z, 0",
        "1969-12-31T23:59:59.9999999Z, -1",
    })
    void parsesRfc3339ToEpochMicros(String text, long micros) {
        assertThat(EpochMicros.parse(text)).isEqualTo(micros);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2021-12-23", "2021-12-23T12:28:21", "2021-12-23 12:28:21Z", "2021-13-01T00:00:00Z",
        "2021-12-23T12:28:21.1234567890Z", "1640262501", "2021-12-23T12:28:21+2"})
    void rejectsAnythingElse(String text) {
        assertThatThrownBy(() -> EpochMicros.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
