package io.autoconn.connectors;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A compiled {@link HttpTemplateSpec.JsonCondition}: a test of the value at a JSON pointer. */
final class JsonCondition {
    private final JsonPointer pointer;
    /** The accepted values for equals and oneOf; null for present. */
    private final @Nullable List<JsonNode> accepted;
    private final boolean present;

    private JsonCondition(JsonPointer pointer, @Nullable List<JsonNode> accepted, boolean present) {
        this.pointer = pointer;
        this.accepted = accepted;
        this.present = present;
    }

    static JsonCondition compile(HttpTemplateSpec.JsonCondition spec, String where) throws InvalidTemplateException {
        JsonPointer pointer = JsonPointer.parse(spec.pointer(), where + ".pointer");
        int tests = (spec.equals() != null ? 1 : 0) + (spec.oneOf() != null ? 1 : 0) + (spec.present() != null ? 1 : 0);
        if (tests != 1) {
            throw new InvalidTemplateException(where, "needs exactly one of equals, oneOf and present");
        }
        if (spec.present() != null) {
            return new JsonCondition(pointer, null, spec.present());
        }
        List<JsonNode> accepted = spec.equals() != null ? List.of(spec.equals()) : spec.oneOf();
        if (accepted.isEmpty()) {
            throw new InvalidTemplateException(where + ".oneOf", "needs at least one value");
        }
        for (JsonNode value : accepted) {
            if (value == null || !(value.isString() || value.isNumber() || value.isBoolean())) {
                throw new InvalidTemplateException(where, "compares with strings, numbers and booleans only");
            }
        }
        return new JsonCondition(pointer, List.copyOf(accepted), true);
    }

    boolean holds(JsonNode document) {
        Optional<JsonNode> value = pointer.find(document).filter(node -> !node.isNull());
        if (accepted == null) {
            return value.isPresent() == present;
        }
        return value.isPresent() && accepted.stream().anyMatch(a -> sameScalar(a, value.get()));
    }

    /** Why the condition does not hold for this document, for a detail (which scrubs it). */
    String failure(JsonNode document) {
        Optional<JsonNode> value = pointer.find(document).filter(node -> !node.isNull());
        String actual = value.map(v -> pointer + " is " + show(v)).orElse(pointer + " is missing");
        if (accepted == null) {
            return present ? actual : pointer + " is present";
        }
        return actual + " (expected " + (accepted.size() == 1 ? "" : "one of ")
                + accepted.stream().map(JsonCondition::show).collect(Collectors.joining(", ")) + ")";
    }

    private static boolean sameScalar(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return new BigDecimal(expected.getNumberValue().toString())
                    .compareTo(new BigDecimal(actual.getNumberValue().toString())) == 0;
        }
        if (expected.isString() && actual.isString()) {
            return expected.getStringValue().equals(actual.getStringValue());
        }
        return expected.isBoolean() && actual.isBoolean() && expected.getBooleanValue() == actual.getBooleanValue();
    }

    private static String show(JsonNode value) {
        if (value.isString()) {
            String text = value.getStringValue();
            return "\"" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "\"";
        }
        if (value.isNumber()) {
            return value.getNumberValue().toString();
        }
        if (value.isBoolean()) {
            return String.valueOf(value.getBooleanValue());
        }
        return value.isArray() ? "an array" : "an object";
    }
}
