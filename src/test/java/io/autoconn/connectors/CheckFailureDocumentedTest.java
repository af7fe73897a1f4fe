package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every check failure code a connection's {@code error} can carry is in the served OpenAPI document. */
class CheckFailureDocumentedTest {
    @Test
    void everyCheckFailureIsInTheErrorObjectsTableAndValues() throws IOException {
        String document;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi/autoconn.yaml")) {
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (CheckFailure failure : CheckFailure.values()) {
            CheckError error = failure.result("").error();
            assertThat(document).as(error.code())
                    .contains("| `" + error.code() + "` | " + error.title() + " |")
                    .contains("              - " + error.code() + "\n");
        }
    }
}
