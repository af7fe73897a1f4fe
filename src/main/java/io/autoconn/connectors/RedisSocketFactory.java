package io.autoconn.connectors;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Opens the check's one socket to a Redis server, with TLS when asked. Jedis' own factory reads the
 * TLS session without completing the handshake first, so a server that stalls the handshake holds it
 * for twice the timeout; here the handshake runs once, explicitly, within the timeout, and the
 * certificate must name the host.
 */
final class RedisSocketFactory implements JedisSocketFactory {
    private final Endpoint endpoint;
    private final boolean tls;
    private final int timeoutMillis;
    private final SocketFactory sockets;

    /** @param sockets where the plain socket comes from (one that checks the egress policy on connect) */
    RedisSocketFactory(Endpoint endpoint, boolean tls, int timeoutMillis, SocketFactory sockets) {
        this.endpoint = endpoint;
        this.tls = tls;
        this.timeoutMillis = timeoutMillis;
        this.sockets = sockets;
    }

    @Override
    public Socket createSocket() throws JedisConnectionException {
        Socket socket;
        try {
            socket = sockets.createSocket();
        } catch (IOException e) {
            throw new JedisConnectionException("Opening a socket to " + endpoint.address() + " failed", e);
        }
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return tls ? handshake(socket) : socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new JedisConnectionException("Connecting to " + endpoint.address() + " failed", e);
        }
    }

    private SSLSocket handshake(Socket socket) throws IOException {
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(socket, endpoint.host(), endpoint.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        // Without it, the chain is checked but not that the certificate names this host.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // the connect already failed; that is what the check reports
        }
    }
}
