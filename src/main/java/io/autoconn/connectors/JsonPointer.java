package io.autoconn.connectors;

import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An RFC 6901 JSON pointer ({@code /data/0/id}); "" is the whole document. */
final class JsonPointer {
    private final String text;
    private final List<String> tokens;

    private JsonPointer(String text, List<String> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    static JsonPointer parse(String text, String where) throws InvalidTemplateException {
        if (text == null || !text.isEmpty() && !text.startsWith("/")) {
            throw new InvalidTemplateException(where, "\"" + text + "\" is not a JSON pointer: it must be empty or "
                    + "start with '/', as in /data/id");
        }
        if (text.matches(".*~(?![01]).*")) {
            throw new InvalidTemplateException(where, "\"" + text + "\" is not a JSON pointer: '~' must be followed "
                    + "by 0 or 1");
        }
        List<String> tokens = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String raw : text.substring(1).split("/", -1)) {
                tokens.add(raw.replace("~1", "/").replace("~0", "~"));
            }
        }
        return new JsonPointer(text, List.copyOf(tokens));
    }

    /** The value the pointer designates; empty when the document has none there. */
    Optional<JsonNode> find(JsonNode document) {
        JsonNode node = document;
        for (String token : tokens) {
            if (node.isObject()) {
                node = node.get(token);
            } else if (node.isArray() && token.matches("0|[1-9][0-9]{0,8}")) {
                int index = Integer.parseInt(token);
                node = index < node.size() ? node.get(index) : null;
            } else {
                node = null;
            }
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    @Override
    public String toString() {
        return text;
    }
}
