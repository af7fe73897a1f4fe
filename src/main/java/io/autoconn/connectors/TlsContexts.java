package io.autoconn.connectors;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS contexts probes connect with: the JVM's own trust store, and the server's certificate must
 * name the host the check connects to. A probe sends credentials over the connection, so a certificate
 * for some other host must fail the check rather than receive them.
 */
final class TlsContexts {
    private TlsContexts() {
    }

    /** The JVM's default context; libraries that verify host names themselves are told to do so. */
    static SSLContext jvmDefault() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM offers no default TLS context", e);
        }
    }

    /**
     * The JVM's default context, with host name verification switched on in every socket and engine it
     * makes: for libraries that use a context's socket factory as is (JSSE checks only the chain then).
     */
    static SSLContext verifyingHostNames() {
        SSLContext base = jvmDefault();
        return new SSLContext(new VerifyingSpi(base), base.getProvider(), base.getProtocol()) {
        };
    }

    /** The check HTTPS does: the certificate must name the host (RFC 2818). */
    private static <T> T verifying(T socketOrEngine) {
        if (socketOrEngine instanceof SSLSocket socket) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
        } else if (socketOrEngine instanceof SSLEngine engine) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return socketOrEngine;
    }

    private static final class VerifyingSpi extends SSLContextSpi {
        private final SSLContext base;

        VerifyingSpi(SSLContext base) {
            this.base = base;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            // Wraps the JVM's default context, initialised once by the JVM; re-initialising it would
            // change the trust of every TLS client in the process, so this context refuses.
            throw new UnsupportedOperationException("The default context is initialised already");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new VerifyingSocketFactory(base.getSocketFactory());
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return base.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return verifying(base.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return verifying(base.createSSLEngine(host, port));
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return base.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return base.getClientSessionContext();
        }
    }

    private static final class VerifyingSocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory base;

        VerifyingSocketFactory(SSLSocketFactory base) {
            this.base = base;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return base.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return base.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return verifying(base.createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return verifying(base.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return verifying(base.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return verifying(base.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return verifying(base.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return verifying(base.createSocket(address, port, localAddress, localPort));
        }
    }
}
