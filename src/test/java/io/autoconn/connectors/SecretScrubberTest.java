package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.secrets.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretScrubberTest {
    private final SecretScrubber scrubber = SecretScrubber.of(
            new ProbeInput(Map.of(), Map.of("password", Secret.of("S3cr3t-Canary-123"), "token", Secret.of("S3cr3t"))),
            List.of("password", "token", "absent"), "ZGVyaXZlZA==");

    @Test
    void masksEverySecretAndDerivedValue() {
        assertThat(scrubber.scrub("pw=S3cr3t-Canary-123 token=S3cr3t basic=ZGVyaXZlZA=="))
                .isEqualTo("pw=**** token=**** basic=****");
    }

    @Test
    void masksALongerSecretWholeEvenWhenItContainsAShorterOne() {
        assertThat(scrubber.scrub("S3cr3t-Canary-123")).isEqualTo("****");
    }

    @Test
    void masksTheStartOfASecretAtTheEndOfCutOffText() {
        assertThat(scrubber.scrubCutOff("quoted: S3cr3t-Can")).isEqualTo("quoted: ****");
        assertThat(scrubber.scrubCutOff("quoted: nothing secret")).isEqualTo("quoted: nothing secret");
    }
}
