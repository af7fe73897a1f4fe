package io.autoconn.egress;

import java.net.ConnectException;
import java.net.InetAddress;

/**
 * A connection the egress policy refuses. A {@link ConnectException}, so that code unaware of the
 * policy still sees a connection that could not be made; its message is the whole explanation (target,
 * address, rule) and holds nothing secret: host names and addresses only.
 */
public final class TargetRefusedException extends ConnectException {
    TargetRefusedException(String host, int port, InetAddress address, InetAddress judged, EgressRule rule) {
        super(explain(host, port, address, judged, rule));
    }

    private static String explain(String host, int port, InetAddress address, InetAddress judged, EgressRule rule) {
        String bareHost = Addresses.unbracketed(host);
        String shown = Addresses.text(address)
                + (judged.equals(address) ? "" : " (the NAT64 form of " + Addresses.text(judged) + ")");
        boolean literal = Cidr.literal(bareHost).filter(address::equals).isPresent();
        String subject = literal ? shown + " is" : bareHost + " resolves to " + shown + ", which is";
        return "Checks may not connect to " + Addresses.withPort(bareHost, port) + ": " + subject + " in "
                + rule.reason();
    }
}
