package io.autoconn.connectors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with {@code {param}} placeholders, as request templates write it. Only a brace pair around a
 * param-like name is a placeholder; any other brace is text, so a JSON or GraphQL body such as
 * {@code { viewer { id } }} needs no escaping.
 */
final class StringTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** A literal run of text, or a param's value. */
    private record Part(String text, boolean placeholder) {
    }

    /** How a value is written where it lands (encoded for a URL, checked for a header...). */
    @FunctionalInterface
    interface Values {
        String valueOf(String param) throws InvalidParamException;
    }

    private final String source;
    private final List<Part> parts;

    private StringTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    static StringTemplate parse(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(new Part(text.substring(at, m.start()), false));
            }
            parts.add(new Part(m.group(1), true));
            at = m.end();
        }
        if (at < text.length()) {
            parts.add(new Part(text.substring(at), false));
        }
        return new StringTemplate(text, List.copyOf(parts));
    }

    /** The params named by placeholders, in order of first use. */
    Set<String> params() {
        Set<String> params = new LinkedHashSet<>();
        parts.stream().filter(Part::placeholder).forEach(p -> params.add(p.text()));
        return params;
    }

    boolean hasPlaceholders() {
        return parts.stream().anyMatch(Part::placeholder);
    }

    String render(Values values) throws InvalidParamException {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(part.placeholder() ? values.valueOf(part.text()) : part.text());
        }
        return out.toString();
    }

    /** The template as the connector file writes it. */
    String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
