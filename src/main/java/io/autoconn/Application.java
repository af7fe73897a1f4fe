package io.autoconn;

import io.autoconn.identity.TenantsCommand;
import io.autoconn.secrets.KeysCommand;
import io.micronaut.runtime.Micronaut;

public class Application {
    public static void main(String[] args) {
        // jOOQ's start-up logo and tips are noise in a server's log.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        // HTTP checks send plain HTTP to the address the egress policy vetted, with the Host header of the
        // name (egress.VettedHttp); the JDK client allows that header only with this, read once.
        String restricted = System.getProperty("jdk.httpclient.allowRestrictedHeaders");
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", restricted == null ? "host" : restricted + ",host");
        if (TenantsCommand.handles(args)) {
            System.exit(TenantsCommand.run(args, System.out, System.err));
        }
        if (KeysCommand.handles(args)) {
            System.exit(KeysCommand.run(args, System.out, System.err));
        }
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
