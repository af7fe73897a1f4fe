package io.autoconn.http;

import io.micronaut.core.annotation.NonBlocking;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Serves autoconn's own OpenAPI document (src/main/resources/openapi/autoconn.yaml), as YAML and as JSON. */
@Controller
// Answered on the event loop: a document in memory, no I/O (thread-selection AUTO would move it to a blocking thread).
@NonBlocking
public class OpenApiController {
    static final String YAML = "/api/openapi.yaml";
    static final String JSON = "/api/openapi.json";
    private static final String RESOURCE = "openapi/autoconn.yaml";

    private final String yaml;
    private final String json;

    public OpenApiController(JsonMapper jsonMapper) {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.json = jsonMapper.writeValueAsString(new Yaml(new LoaderOptions()).load(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(YAML)
    @Produces("application/yaml")
    public String yaml() {
        return yaml;
    }

    @Get(JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String json() {
        return json;
    }
}
