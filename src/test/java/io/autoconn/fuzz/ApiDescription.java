package io.autoconn.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations of the served OpenAPI document, as the fuzzer needs them: so an endpoint added to the
 * document is fuzzed without touching the fuzzer.
 */
final class ApiDescription {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** A field of a request body and its schema type (string, integer, boolean, array, object). */
    record Field(String name, String type) {
    }

    /**
     * One operation. {@code body} is a plausible body (the schema's examples) that a generator spoils one way at
     * a time; {@code bodyFields} the fields it may spoil (of the items, when the body is an array).
     */
    record Operation(String method, String path, List<String> pathParams, List<String> queryParams,
                     Object body, List<Field> bodyFields, boolean bodyIsArray) {
        boolean hasBody() {
            return body != null;
        }

        boolean isList() {
            return queryParams.contains("filter") || queryParams.contains("limit") || queryParams.contains("next")
                    || queryParams.contains("cursor");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final Map<String, Object> document;
    private final List<Operation> operations = new ArrayList<>();

    @SuppressWarnings("unchecked")
    ApiDescription(Map<String, Object> document) {
        this.document = document;
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, op) -> {
            if (METHODS.contains(method)) {
                operations.add(operation(method.toUpperCase(Locale.ROOT), path, (Map<String, Object>) op));
            }
        }));
    }

    List<Operation> operations() {
        return operations;
    }

    /** The error codes the document lists in {@code x-autoconn-error-codes}. */
    @SuppressWarnings("unchecked")
    Set<String> errorCodes() {
        List<Map<String, Object>> codes = (List<Map<String, Object>>) document.get("x-autoconn-error-codes");
        return Set.copyOf(codes.stream().map(c -> (String) c.get("code")).toList());
    }

    @SuppressWarnings("unchecked")
    private Operation operation(String method, String path, Map<String, Object> op) {
        List<String> pathParams = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(path);
        while (m.find()) {
            pathParams.add(m.group(1));
        }
        List<String> query = new ArrayList<>();
        for (Object p : (List<Object>) op.getOrDefault("parameters", List.of())) {
            Map<String, Object> param = resolve((Map<String, Object>) p);
            if ("query".equals(param.get("in"))) {
                query.add((String) param.get("name"));
            }
        }
        Object body = null;
        List<Field> fields = List.of();
        boolean array = false;
        Map<String, Object> requestBody = (Map<String, Object>) op.get("requestBody");
        if (requestBody != null) {
            Map<String, Object> content = (Map<String, Object>) resolve(requestBody).get("content");
            Map<String, Object> schema = resolve((Map<String, Object>) ((Map<String, Object>) content
                    .values().iterator().next()).get("schema"));
            array = "array".equals(schema.get("type"));
            Map<String, Object> objectSchema = array ? resolve((Map<String, Object>) schema.get("items")) : schema;
            fields = fields(objectSchema);
            body = schema.containsKey("example") ? schema.get("example")
                    : array ? List.of(example(objectSchema)) : example(objectSchema);
        }
        return new Operation(method, path, List.copyOf(pathParams), List.copyOf(query), body, fields, array);
    }

    @SuppressWarnings("unchecked")
    private List<Field> fields(Map<String, Object> schema) {
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        List<Field> fields = new ArrayList<>();
        properties.forEach((name, s) -> fields.add(new Field(name,
                String.valueOf(resolve((Map<String, Object>) s).getOrDefault("type", "object")))));
        return fields;
    }

    /** An object of the schema's example values: a body that gets past the parser to the checks behind it. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> example(Map<String, Object> schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        properties.forEach((name, s) -> {
            Map<String, Object> property = resolve((Map<String, Object>) s);
            body.put(name, property.containsKey("example") ? property.get("example")
                    : switch (String.valueOf(property.get("type"))) {
                        case "string" -> "x";
                        case "integer", "number" -> 1;
                        case "boolean" -> true;
                        case "array" -> List.of();
                        default -> Map.of();
                    });
        });
        return body;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        Object target = document;
        for (String part : ((String) ref).substring(2).split("/")) {
            target = ((Map<String, Object>) target).get(part);
        }
        return resolve((Map<String, Object>) target);
    }
}
