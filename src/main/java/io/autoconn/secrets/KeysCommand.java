package io.autoconn.secrets;

import io.autoconn.config.AutoconnConfig;
import io.autoconn.identity.TenantsCommand;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The operator commands for master keys, run with the server's {@code AUTOCONN_*} settings and without the
 * HTTP server (README, "Rotating the master key"):
 * <ul>
 *   <li>{@code keys generate}: prints a new random master key (base64) for {@code AUTOCONN_MASTER_KEY}.</li>
 *   <li>{@code keys status}: which master key is active, which ones the data keys need, how many v1 values
 *   are left, and whether the keys given to this command read everything.</li>
 *   <li>{@code keys rotate [--discard-unreadable]}: makes {@code AUTOCONN_MASTER_KEY} the active master key,
 *   re-wraps every data key with it and re-encrypts v1 values; servers keep serving meanwhile. With the key
 *   file instead of the variable, it first adds a new key to the file, and afterwards moves the old one to
 *   {@code master.key.retired}.</li>
 * </ul>
 * Exit codes: 0 done, 1 refused or failed (nothing left half-done that a second run does not finish), 2 bad
 * arguments. Standard output carries the result (the key, the status, the report); messages and logs go to
 * standard error. No key material is ever printed but by {@code keys generate}.
 */
public final class KeysCommand {
    static final String USAGE = "usage: java -jar autoconn.jar keys generate | keys status | keys rotate"
            + " [--discard-unreadable]";

    private KeysCommand() {
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].equals("keys");
    }

    /** Runs the command; returns the process's exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        String verb = rest.isEmpty() ? "" : rest.get(0);
        List<String> options = rest.isEmpty() ? List.of() : rest.subList(1, rest.size());
        boolean valid = switch (verb) {
            case "generate", "status" -> options.isEmpty();
            case "rotate" -> options.isEmpty() || options.equals(List.of("--discard-unreadable"));
            default -> false;
        };
        if (!valid) {
            err.println("autoconn: unknown command '" + String.join(" ", args) + "'");
            err.println(USAGE);
            return 2;
        }
        if (verb.equals("generate")) {
            out.println(MasterKey.generate());
            return 0;
        }
        return inContext(err, context -> verb.equals("status")
                ? status(context.getBean(KeyRotation.class).status(), context.getBean(KeyRing.class), out)
                : rotate(context, !options.isEmpty(), out, err));
    }

    /**
     * Runs {@code work} in an application context on the server's settings, without the HTTP server, the
     * first-start bootstrap or the start-up key check ({@link TenantsCommand#ENVIRONMENT} keeps them out).
     * Logs are written to System.out as it is at each write: they go to stderr while the context runs.
     */
    private static int inContext(PrintStream err, Function<ApplicationContext, Integer> work) {
        PrintStream stdout = System.out;
        System.setOut(err);
        try (ApplicationContext context = ApplicationContext.builder().environments(TenantsCommand.ENVIRONMENT).start()) {
            return work.apply(context);
        } catch (KeyRotation.RotationRefused e) {
            err.println("autoconn: nothing was changed: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("autoconn: failed: " + e.getMessage() + "; running the command again finishes the work");
            return 1;
        } finally {
            System.setOut(stdout);
        }
    }

    private static int status(KeyStatus status, KeyRing ring, PrintStream out) {
        out.println("active master key: " + (status.activeMasterKeyId() == null ? "none yet (no server has started)"
                : status.activeMasterKeyId()));
        out.println("master keys given (" + ring.description() + "): " + String.join(", ", status.heldMasterKeyIds()));
        out.println("data keys by master key: " + status.dataKeysByMasterKey());
        out.println("connections with v1 values: " + status.connectionsWithV1Values());
        boolean readable = status.activeKeyHeld() && status.unreadableDataKeys().isEmpty();
        out.println("these keys read every data key: " + (readable ? "yes" : "no, missing " + status.unreadableDataKeys()));
        out.println("every master key but the active one can be dropped: "
                + (status.onlyActiveKeyNeeded() && status.connectionsWithV1Values() == 0 ? "yes" : "no"));
        return readable ? 0 : 1;
    }

    private static int rotate(ApplicationContext context, boolean discardUnreadable, PrintStream out, PrintStream err) {
        AutoconnConfig config = context.getBean(AutoconnConfig.class);
        KeyRing ring = context.getBean(KeyRing.class);
        KeyFile file = config.getMasterKey().isEmpty() ? new KeyFile(config.getDataDir()) : null;
        if (file != null && file.load().size() == 1) {
            // A running server reads the file again when it meets the new key's id, so it follows.
            file.addOnTop(MasterKey.generate());
            ring.reload();
            err.println("autoconn: added the new master key " + ring.primary().id() + " to " + file.path());
        }
        KeyRotation.Report report = context.getBean(KeyRotation.class).rotate(discardUnreadable);
        out.println("active master key: " + report.masterKeyId());
        out.println("data keys re-wrapped: " + report.dataKeysRewrapped());
        if (report.dataKeysDiscarded() > 0) {
            out.println("data keys discarded (their secrets must be set again): " + report.dataKeysDiscarded());
        }
        out.println("v1 values re-encrypted: " + report.valuesReencrypted());
        if (report.valuesUnreadable() > 0) {
            out.println("v1 values no given key decrypts, left as they are (their checks answer"
                    + " CHECK-SECRET-UNREADABLE until set again): " + report.valuesUnreadable());
        }
        KeyStatus after = context.getBean(KeyRotation.class).status();
        if (!after.onlyActiveKeyNeeded()) {
            err.println("autoconn: data keys still need other master keys: " + after.dataKeysByMasterKey()
                    + "; run the command again");
            return 1;
        }
        if (file != null) {
            file.retireAllButFirst();
            out.println("old master keys moved to " + file.path().resolveSibling(KeyFile.RETIRED)
                    + " (keep it while you keep backups taken before now)");
        } else {
            out.println("next: give every server AUTOCONN_MASTER_KEY=<this key> alone (drop"
                    + " AUTOCONN_MASTER_KEY_PREVIOUS) and restart them one at a time");
        }
        return 0;
    }
}
