package io.autoconn.identity;

import io.autoconn.config.OperatorCommands;
import io.autoconn.error.ApiException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator command {@code tenants create --name <name> [--admin-name <name>] [--admin-email <email>]}:
 * migrates the configured database (the server's {@code AUTOCONN_*} settings), creates the tenant with its
 * first TenantAdmin, prints that admin's API key once and exits, without starting the HTTP server.
 *
 * <p>Only the key goes to standard output, so {@code KEY=$(java -jar autoconn.jar tenants create --name acme)}
 * works; messages and logs go to standard error. Exit codes: 0 created, 1 not created (the name is taken, or
 * the database failed), 2 bad arguments.
 */
public final class TenantsCommand {
    /** The environment the command's application context runs in; the first-start bootstrap does not. */
    static final String USAGE =
            "usage: java -jar autoconn.jar tenants create --name <name> [--admin-name <name>] [--admin-email <email>]";
    private static final Set<String> OPTIONS = Set.of("--name", "--admin-name", "--admin-email");

    private TenantsCommand() {
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].equals("tenants");
    }

    /** Runs the command; returns the process's exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        TenantService.NewTenant request;
        try {
            Map<String, String> options = parse(args);
            request = TenantService.NewTenant.checked(options.get("--name"), options.get("--admin-name"),
                    options.get("--admin-email"));
        } catch (IllegalArgumentException | ApiException e) {
            err.println("autoconn: " + (e instanceof ApiException api ? api.detail() : e.getMessage()));
            err.println(USAGE);
            return 2;
        }
        // Logs are written to System.out as it is at each write: send them to stderr while the context runs,
        // so that standard output carries the key alone.
        PrintStream stdout = System.out;
        System.setOut(err);
        try (ApplicationContext context = ApplicationContext.builder().environments(OperatorCommands.ENVIRONMENT).start()) {
            Optional<TenantService.Created> created = context.getBean(TenantService.class).create(request);
            if (created.isEmpty()) {
                err.println("autoconn: a tenant named '" + request.name() + "' exists already; choose another name");
                return 1;
            }
            TenantService.Created c = created.get();
            err.println("autoconn: created tenant '" + request.name() + "' (id " + c.tenantId() + ") and its TenantAdmin '"
                    + request.adminName() + "' (id " + c.adminUserId() + "). The admin's API key, shown only now:");
            out.println(c.apiKey());
            return 0;
        } catch (RuntimeException e) {
            err.println("autoconn: the tenant was not created: " + e.getMessage());
            return 1;
        } finally {
            System.setOut(stdout);
        }
    }

    /** {@code tenants create} and its options, each as {@code --option value} or {@code --option=value}. */
    static Map<String, String> parse(String[] args) {
        if (args.length < 2 || !args[1].equals("create")) {
            throw new IllegalArgumentException("unknown command '" + String.join(" ", args) + "'");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String option = equals < 0 ? arg : arg.substring(0, equals);
            if (!OPTIONS.contains(option)) {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            String value = equals >= 0 ? arg.substring(equals + 1) : next(args, ++i, option);
            if (options.put(option, value) != null) {
                throw new IllegalArgumentException(option + " is given twice");
            }
        }
        if (!options.containsKey("--name")) {
            throw new IllegalArgumentException("--name is required");
        }
        return options;
    }

    private static String next(String[] args, int i, String option) {
        @Nullable String value = i < args.length ? args[i] : null;
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
