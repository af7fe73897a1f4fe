package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class TlsContextsTest {
    @Test
    void socketsOfTheVerifyingContextCheckTheHostNameLikeHttps() throws Exception {
        try (Socket socket = TlsContexts.verifyingHostNames().getSocketFactory().createSocket()) {
            assertThat(((SSLSocket) socket).getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        }
    }

    @Test
    void enginesOfTheVerifyingContextCheckTheHostNameLikeHttps() {
        SSLEngine engine = TlsContexts.verifyingHostNames().createSSLEngine("nats.example.com", 4222);

        assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    }

    @Test
    void plainJsseSocketsDoNotWhichIsWhyTheWrapperExists() throws Exception {
        try (Socket socket = TlsContexts.jvmDefault().getSocketFactory().createSocket()) {
            assertThat(((SSLSocket) socket).getSSLParameters().getEndpointIdentificationAlgorithm()).isNull();
        }
    }
}
