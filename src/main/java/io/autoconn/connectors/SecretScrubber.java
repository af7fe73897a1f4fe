package io.autoconn.connectors;

import io.autoconn.secrets.Secret;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes secret values from text a probe did not write itself (exception messages, response bodies)
 * before it goes into a {@link CheckError}: a server or a library may well echo a password or a token.
 */
final class SecretScrubber {
    private static final String MASK = "****";

    /** Longest first, so that a secret containing another one is masked whole. */
    private final List<String> secrets;

    private SecretScrubber(Collection<String> secrets) {
        this.secrets = secrets.stream()
                .filter(secret -> !secret.isEmpty())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** Scrubs the values of the given secret params, plus {@code derived} values (encodings of them). */
    static SecretScrubber of(ProbeInput input, List<String> secretParams, String... derived) {
        Stream<String> revealed = secretParams.stream()
                .flatMap(param -> input.secret(param).stream())
                .map(Secret::reveal);
        return new SecretScrubber(Stream.concat(revealed, Stream.of(derived)).toList());
    }

    String scrub(String text) {
        String scrubbed = text;
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, MASK);
        }
        return scrubbed;
    }

    /**
     * Scrubs text that was cut off at a length limit. A secret cut in two leaves its start at the end of
     * the text, which {@link #scrub} cannot recognise; so the longest tail that begins like a secret goes
     * too. It is found before scrubbing: a shorter secret inside that tail would otherwise be masked
     * alone and leave the rest of the longer one.
     */
    String scrubCutOff(String text) {
        int cut = 0;
        for (String secret : secrets) {
            for (int length = Math.min(secret.length() - 1, text.length()); length > cut; length--) {
                if (text.endsWith(secret.substring(0, length))) {
                    cut = length;
                    break;
                }
            }
        }
        return cut == 0 ? scrub(text) : scrub(text.substring(0, text.length() - cut)) + MASK;
    }
}
