package io.autoconn.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoconn.testing.TcpTarget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sockets that check the egress policy on the address they connect to, whichever way they are made. */
class GuardedSocketFactoryTest {
    private static final EgressPolicy DENY_LOOPBACK = EgressPolicy.of("127.0.0.2", "127.0.0.0/8");
    private TcpTarget target;

    @BeforeEach
    void start() throws Exception {
        target = TcpTarget.on("127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        target.close();
    }

    @Test
    void everyWayToConnectIsChecked() throws Exception {
        SocketFactory factory = new GuardedSocketFactory(DENY_LOOPBACK);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        String refusal = "Checks may not connect to 127.0.0.1:" + target.port()
                + ": 127.0.0.1 is in 127.0.0.0/8, denied by AUTOCONN_EGRESS_DENY.";

        assertThatThrownBy(() -> factory.createSocket("127.0.0.1", target.port()))
                .isInstanceOf(TargetRefusedException.class).hasMessage(refusal);
        assertThatThrownBy(() -> factory.createSocket(loopback, target.port()))
                .isInstanceOf(TargetRefusedException.class).hasMessage(refusal);
        assertThatThrownBy(() -> factory.createSocket(loopback, target.port(), null, 0))
                .isInstanceOf(TargetRefusedException.class);
        assertThatThrownBy(() -> factory.createSocket("localhost", target.port(), null, 0))
                .isInstanceOf(TargetRefusedException.class).hasMessageContaining("localhost resolves to 127.0.0.1");
        try (Socket unconnected = factory.createSocket()) {
            assertThatThrownBy(() -> unconnected.connect(new InetSocketAddress(loopback, target.port()), 1000))
                    .isInstanceOf(TargetRefusedException.class);
        }
        assertThat(target.accepted()).isZero();
    }

    @Test
    void allowedAddressesConnect() throws Exception {
        try (Socket socket = new GuardedSocketFactory(EgressPolicy.defaults()).createSocket("127.0.0.1", target.port())) {
            assertThat(socket.isConnected()).isTrue();
        }
        target.awaitAccepted(1);
    }

    /** The form drivers that build their socket factory from connection properties get (PostgreSQL). */
    @Test
    void thePolicyTravelsInConnectionProperties() throws Exception {
        Properties properties = new Properties();
        GuardedSocketFactory.describe(DENY_LOOPBACK, properties);
        SocketFactory rebuilt = new GuardedSocketFactory(properties);

        assertThat(properties).containsEntry("autoconnEgressAllow", "127.0.0.2/32")
                .containsEntry("autoconnEgressDeny", "127.0.0.0/8");
        assertThatThrownBy(() -> rebuilt.createSocket("127.0.0.1", target.port())).isInstanceOf(TargetRefusedException.class);
        assertThat(target.accepted()).isZero();
        try (TcpTarget allowed = TcpTarget.on("127.0.0.2"); Socket socket = rebuilt.createSocket("127.0.0.2", allowed.port())) {
            assertThat(socket.isConnected()).isTrue();
        }
    }
}
