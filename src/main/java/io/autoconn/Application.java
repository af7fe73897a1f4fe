package io.autoconn;

import io.autoconn.identity.TenantsCommand;
import io.autoconn.secrets.KeysCommand;
import io.micronaut.runtime.Micronaut;
import java.util.Set;
import sun.misc.Signal;

public class Application {
    private static final Set<String> LOG_FORMATS = Set.of("json", "text");

    public static void main(String[] args) {
        // logback.xml includes logback-<format>.xml by this name: any other value would leave the server silent.
        String logFormat = System.getenv("AUTOCONN_LOG_FORMAT");
        if (logFormat != null && !LOG_FORMATS.contains(logFormat)) {
            System.err.println("autoconn: AUTOCONN_LOG_FORMAT must be json or text, not '" + logFormat + "'");
            System.exit(2);
        }
        // jOOQ's start-up logo and tips are noise in a server's log.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        // HTTP checks send plain HTTP to the address the egress policy vetted, with the Host header of the
        // name (egress.VettedHttp); the JDK client allows that header only with this, read once.
        String restricted = System.getProperty("jdk.httpclient.allowRestrictedHeaders");
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", restricted == null ? "host" : restricted + ",host");
        // A refused connection is a check's answer, as for every other probe: by default the JDK client connects
        // a second time first, which doubled the cost of such a check (BENCHMARKS.md, issue 5, sixth pass).
        System.setProperty("jdk.httpclient.disableRetryConnect", "true");
        if (TenantsCommand.handles(args)) {
            System.exit(TenantsCommand.run(args, System.out, System.err));
        }
        if (KeysCommand.handles(args)) {
            System.exit(KeysCommand.run(args, System.out, System.err));
        }
        // SIGTERM is how an orchestrator stops a server: exiting 0 runs Micronaut's shutdown hook, which shuts
        // down gracefully (in-flight requests finish, AUTOCONN_SHUTDOWN_GRACE at most); the JVM's default
        // would run the same hook but exit 143, which reads as a failure.
        Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
