package io.autoconn.connectors;

/**
 * A request template a connector file cannot be used with. The message says where in {@code check.http}
 * the problem is and what it is; the loader adds the file's name.
 */
final class InvalidTemplateException extends Exception {
    InvalidTemplateException(String where, String problem) {
        super("check.http." + where + ": " + problem, null, false, false);
    }
}
