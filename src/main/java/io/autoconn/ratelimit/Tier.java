package io.autoconn.ratelimit;

import io.micronaut.http.HttpMethod;

/**
 * Qlik's rate tiers. Its OpenAPI documents put every GET of these APIs in tier 1 (1000 requests a minute)
 * and every other method, {@code actions/check} included, in tier 2 (100 a minute); so the method decides.
 */
public enum Tier {
    READ("1"),
    WRITE("2");

    private final String label;

    Tier(String label) {
        this.label = label;
    }

    public static Tier of(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD ? READ : WRITE;
    }

    /** "1" or "2", as Qlik names the tiers (and the {@code tier} tag of the rejection counter). */
    public String label() {
        return label;
    }
}
