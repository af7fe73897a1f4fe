package io.autoconn.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Requests checked against the policy before they go, plain HTTP pinned to the address checked. */
class VettedHttpTest {
    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer x").GET().build();
    }

    @Test
    void plainHttpGoesToTheCheckedAddressWithTheNamesHostHeader() throws Exception {
        HttpRequest pinned = VettedHttp.request(EgressPolicy.defaults(), get("http://localhost:8080/api/v1?x=1&y=%20"));

        assertThat(pinned.uri()).isEqualTo(URI.create("http://127.0.0.1:8080/api/v1?x=1&y=%20"));
        assertThat(pinned.headers().firstValue("Host")).contains("localhost:8080");
        assertThat(pinned.headers().firstValue("Authorization")).contains("Bearer x");
        assertThat(pinned.method()).isEqualTo("GET");
        // The default port stays implied, and a missing path is the "/" the client would ask for.
        HttpRequest bare = VettedHttp.request(EgressPolicy.defaults(), get("http://localhost"));
        assertThat(bare.uri()).isEqualTo(URI.create("http://127.0.0.1/"));
        assertThat(bare.headers().firstValue("Host")).contains("localhost");
        assertThat(VettedHttp.request(EgressPolicy.defaults(), get("http://[::1]:81/")).uri())
                .isEqualTo(URI.create("http://[0:0:0:0:0:0:0:1]:81/"));
    }

    @Test
    void httpsGoesByNameOnceChecked() throws Exception {
        HttpRequest request = get("https://localhost:8443/");

        assertThat(VettedHttp.request(EgressPolicy.defaults(), request)).isSameAs(request);
        assertThatThrownBy(() -> VettedHttp.request(EgressPolicy.of("", "127.0.0.0/8"), request))
                .isInstanceOf(TargetRefusedException.class)
                .hasMessage("Checks may not connect to localhost:8443: localhost resolves to 127.0.0.1, which is in "
                        + "127.0.0.0/8, denied by AUTOCONN_EGRESS_DENY.");
    }

    @Test
    void refusedAndUnknownHostsAreNotSent() {
        assertThatThrownBy(() -> VettedHttp.request(EgressPolicy.defaults(), get("http://169.254.169.254/latest/meta-data")))
                .isInstanceOf(TargetRefusedException.class)
                .hasMessageStartingWith("Checks may not connect to 169.254.169.254:80: 169.254.169.254 is in 169.254.0.0/16");
        assertThatThrownBy(() -> VettedHttp.request(EgressPolicy.defaults(), get("http://no-such-host.invalid/")))
                .isInstanceOf(UnknownHostException.class);
    }
}
