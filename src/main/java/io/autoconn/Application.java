package io.autoconn;

import io.micronaut.runtime.Micronaut;

public class Application {
    public static void main(String[] args) {
        // jOOQ's start-up logo and tips are noise in a server's log.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
