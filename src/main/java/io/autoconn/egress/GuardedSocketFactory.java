package io.autoconn.egress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * Sockets that check the egress policy on the very address they are about to connect to. Checking a
 * host name before handing it to a client leaves a gap: the client looks the name up again, and a DNS
 * server that answers differently the second time (DNS rebinding) would lead it to a refused address.
 * A client that takes a {@link SocketFactory} (JDBC drivers, AMQP, MQTT clients...) closes that gap
 * with this one.
 */
public final class GuardedSocketFactory extends SocketFactory {
    /** Connection properties carrying the policy, for drivers that build the factory from them. */
    public static final String ALLOW_PROPERTY = "autoconnEgressAllow";
    public static final String DENY_PROPERTY = "autoconnEgressDeny";

    private final EgressPolicy policy;

    public GuardedSocketFactory(EgressPolicy policy) {
        this.policy = policy;
    }

    /**
     * For drivers that instantiate their socket factory by class name and pass it their connection
     * properties (PostgreSQL's {@code socketFactory}); {@link #describe} put the policy there.
     */
    public GuardedSocketFactory(Properties properties) {
        this(EgressPolicy.of(properties.getProperty(ALLOW_PROPERTY, ""), properties.getProperty(DENY_PROPERTY, "")));
    }

    /** Puts the policy into connection properties, for {@link #GuardedSocketFactory(Properties)}. */
    public static void describe(EgressPolicy policy, Properties properties) {
        properties.setProperty(ALLOW_PROPERTY, policy.allowList());
        properties.setProperty(DENY_PROPERTY, policy.denyList());
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket(policy);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, SocketAddress local) throws IOException {
        Socket socket = new GuardedSocket(policy);
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static final class GuardedSocket extends Socket {
        private final EgressPolicy policy;

        GuardedSocket(EgressPolicy policy) {
            this.policy = policy;
        }

        /** Every connect ends here ({@code connect(endpoint)} too). */
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            // An unresolved address is only handed over with a SOCKS proxy configured, which resolves it
            // itself; the checker has vetted the name before the probe ran.
            if (endpoint instanceof InetSocketAddress target && !target.isUnresolved()) {
                policy.check(target.getHostString(), target.getPort(), target.getAddress());
            }
            super.connect(endpoint, timeout);
        }
    }
}
