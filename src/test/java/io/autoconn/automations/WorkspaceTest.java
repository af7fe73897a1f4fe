package io.autoconn.automations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Which connections a workspace uses: every string "connectionId" value, at any depth. */
class WorkspaceTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private static JsonNode json(String text) {
        try {
            return JSON.readValue(text, JsonNode.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Workspace workspace(String text) {
        return new Workspace(json(text));
    }

    @Test
    void findsConnectionIdsInNestedObjectsAndArrays() {
        Workspace w = workspace("""
                {"connectionId": "top",
                 "blocks": [
                   {"type": "endpoint", "connectionId": "in-array",
                    "inputs": {"next": {"deeper": [[{"connectionId": "in-nested-array"}]]}}},
                   {"type": "snippet", "inputs": [{"connectionId": "in-array"}]}
                 ],
                 "meta": {"connectionId": {"connectionId": "inside-a-non-string-connectionId"}}}
                """);
        assertThat(w.connectionIds()).containsExactly("in-array", "in-nested-array",
                "inside-a-non-string-connectionId", "top");
    }

    @Test
    void ignoresValuesThatAreNotNonBlankStrings() {
        Workspace w = workspace("""
                {"a": {"connectionId": 42}, "b": {"connectionId": null}, "c": {"connectionId": true},
                 "d": {"connectionId": ["listed"]}, "e": {"connectionId": ""}, "f": {"connectionId": "  "},
                 "g": {"ConnectionId": "wrong-case"}, "h": {"connection_id": "wrong-key"},
                 "i": ["connectionId", "a string, not a key"], "j": "connectionId"}
                """);
        // ["listed"] is descended into like any array, but a bare string in it is no connectionId value.
        assertThat(w.connectionIds()).isEmpty();
    }

    @Test
    void anEmptyWorkspaceUsesNothingAndADeepOneDoesNotExhaustTheStack() {
        assertThat(Workspace.EMPTY.connectionIds()).isEmpty();
        int depth = 400; // the JSON parser's own nesting limit is above this
        String deep = "{\"a\":".repeat(depth) + "{\"connectionId\":\"deep\"}" + "}".repeat(depth);
        assertThat(workspace(deep).connectionIds()).containsExactly("deep");
    }

    @Test
    void aWorkspaceIsAnObject() {
        assertThatThrownBy(() -> new Workspace(json("[1]"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an array");
        assertThat(Workspace.kind(json("\"s\""))).isEqualTo("a string");
        assertThat(Workspace.kind(json("1"))).isEqualTo("a number");
        assertThat(Workspace.kind(json("false"))).isEqualTo("a boolean");
        assertThat(Workspace.kind(JsonNode.nullNode())).isEqualTo("null");
    }
}
