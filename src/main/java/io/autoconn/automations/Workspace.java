package io.autoconn.automations;

import io.micronaut.json.tree.JsonNode;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The workspace of an automation: the JSON object Qlik's automation editor produces (blocks, their inputs, ...).
 * autoconn stores it as it came and reads one thing from it: which connections it uses.
 *
 * <p>The convention: a connection is used by an automation when the connection's id is the string value of a
 * {@code "connectionId"} key of any object anywhere in the workspace, at any depth, inside objects or arrays.
 * A {@code "connectionId"} whose value is not a string (a number, null, an object, ...) names nothing.
 */
public record Workspace(JsonNode json) {
    /** The key whose string values name the connections a workspace uses. */
    public static final String CONNECTION_ID_KEY = "connectionId";
    /** The workspace of an automation created without one. */
    public static final Workspace EMPTY = new Workspace(JsonNode.createObjectNode(Map.of()));

    public Workspace {
        Objects.requireNonNull(json, "json");
        if (!json.isObject()) {
            throw new IllegalArgumentException("A workspace is a JSON object, not " + kind(json));
        }
    }

    /** The ids this workspace names as {@code "connectionId"} values, sorted; blank values are no ids. */
    public SortedSet<String> connectionIds() {
        SortedSet<String> ids = new TreeSet<>();
        // Iterative, so a deeply nested workspace cannot exhaust the stack.
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(json);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> entry : node.entries()) {
                    JsonNode value = entry.getValue();
                    if (entry.getKey().equals(CONNECTION_ID_KEY) && value.isString() && !value.getStringValue().isBlank()) {
                        ids.add(value.getStringValue());
                    } else if (value.isContainerNode()) {
                        pending.push(value);
                    }
                }
            } else if (node.isArray()) {
                node.values().forEach(pending::push);
            }
        }
        return Collections.unmodifiableSortedSet(ids);
    }

    /** What a JSON value is, in words for an error message: "an array", "a string", ... */
    public static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }
}
