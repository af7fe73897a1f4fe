package io.autoconn.health;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A health indicator's answer, found by one caller at a time and kept for {@link #KEPT}: callers that ask
 * while it is being found wait for it instead of finding it again. {@code /health} takes no key, so what an
 * answer costs (a pooled database connection, a stop of the JVM) must not be paid once per request by a flood
 * of probes (BENCHMARKS.md, issue 5, seventh pass).
 */
public final class KeptAnswer<T> {
    /** Far below any probe period (Kubernetes' is 10 s by default), far above what finding an answer costs. */
    public static final Duration KEPT = Duration.ofSeconds(1);

    /** One entry, under {@code TRUE}. */
    private final LoadingCache<Boolean, T> answer;

    public KeptAnswer(Supplier<T> find) {
        this.answer = Caffeine.newBuilder().expireAfterWrite(KEPT).build(any -> find.get());
    }

    /** The answer found within the last {@link #KEPT}, else the one found now (or being found by another caller). */
    public T get() {
        return answer.get(Boolean.TRUE);
    }
}
