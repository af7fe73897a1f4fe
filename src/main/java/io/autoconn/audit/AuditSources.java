package io.autoconn.audit;

import java.util.Optional;

/**
 * Qlik names the service an audit event comes from ({@code source}, e.g. {@code com.qlik/users}).
 * Here each resource type is its own source: {@code com.qlik/} and the resource type's plural.
 */
public final class AuditSources {
    private static final String PREFIX = "com.qlik/";

    private AuditSources() {
    }

    public static String sourceOf(String resourceType) {
        return PREFIX + resourceType + "s";
    }

    /** The resource type a source names, if it is one of this form. */
    public static Optional<String> resourceTypeOf(String source) {
        if (!source.startsWith(PREFIX) || !source.endsWith("s") || source.length() <= PREFIX.length() + 1) {
            return Optional.empty();
        }
        return Optional.of(source.substring(PREFIX.length(), source.length() - 1));
    }
}
