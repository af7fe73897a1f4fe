package io.autoconn.connections;

/** A stored secret this server's keys cannot decrypt; the message names the param, never a value. */
final class UnreadableSecret extends Exception {
    UnreadableSecret(String message) {
        super(message, null, false, false);
    }
}
