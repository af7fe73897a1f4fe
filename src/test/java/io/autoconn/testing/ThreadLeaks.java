package io.autoconn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Finds threads a piece of code left running. Client libraries start threads per connection; a probe
 * must end them all, or every check would leave some behind.
 */
public final class ThreadLeaks {
    /** Threads that live on purpose across checks: shared pools, not per-connection ones. */
    private static final List<String> SHARED = List.of("autoconn-probe-deadline", "ForkJoinPool", "process reaper");

    private final Set<Thread> before;

    private ThreadLeaks(Set<Thread> before) {
        this.before = before;
    }

    public static ThreadLeaks snapshot() {
        return new ThreadLeaks(Set.copyOf(Thread.getAllStackTraces().keySet()));
    }

    /** Asserts that every thread started since the snapshot has ended (they get a moment to finish). */
    public void assertNoneLeft() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(3));
        List<String> left = started();
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            left = started();
        }
        assertThat(left).as("threads still running after the check").isEmpty();
    }

    private List<String> started() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> SHARED.stream().noneMatch(name::startsWith))
                .toList();
    }
}
