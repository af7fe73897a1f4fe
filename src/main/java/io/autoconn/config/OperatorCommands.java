package io.autoconn.config;

/**
 * The operator commands ({@code tenants ...}, {@code keys ...}) run in this Micronaut environment, without
 * the HTTP server: beans that only a serving instance needs (the first-start bootstrap, the start-up key
 * check) are kept out of it with {@code @Requires(notEnv = OperatorCommands.ENVIRONMENT)}.
 */
public final class OperatorCommands {
    public static final String ENVIRONMENT = "operator-command";

    private OperatorCommands() {
    }
}
