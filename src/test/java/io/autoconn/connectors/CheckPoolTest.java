package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.egress.EgressPolicy;
import io.autoconn.testing.TcpTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A check pool full of checks of a target that never answers: the time limit of a queued check counts
 * from the call, a check that gets no slot in time never runs, and no caller waits longer than its
 * limit plus the grace. Bounds on waits carry a wide margin: they guard against waiting for the slow
 * checks (seconds more), not against a busy machine.
 */
class CheckPoolTest {
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final ExecutorService oneSlot = Executors.newFixedThreadPool(1);
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final ConnectionChecker checker =
            new ConnectionChecker(List.of(new HttpApiProbe()), oneSlot, EgressPolicy.defaults());
    private TcpTarget target;
    private ProbeInput input;

    @BeforeEach
    void startSilentTarget() throws Exception {
        target = TcpTarget.on("127.0.0.1");
        target.goSilent();
        input = new ProbeInput(Map.of("baseUrl", "http://127.0.0.1:" + target.port()), Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        callers.shutdownNow();
        oneSlot.shutdownNow();
        target.close();
    }

    private CompletableFuture<ProbeResult> checkInBackground(Duration timeout) {
        return CompletableFuture.supplyAsync(() -> checker.check(EgressCheckTest.connector("http"), input, timeout),
                callers);
    }


    @Test
    void aCheckThatGetsNoSlotInTimeNeverRunsAndAnswersBusyInTime() throws Exception {
        CompletableFuture<ProbeResult> slow = checkInBackground(Duration.ofSeconds(4));
        target.awaitAccepted(1); // the only slot is taken, by a check waiting on a silent target

        long start = System.nanoTime();
        ProbeResult busy = checker.check(EgressCheckTest.connector("http"), input, Duration.ofMillis(500));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(busy.error().code()).isEqualTo("CHECK-BUSY");
        assertThat(busy.error().title()).isEqualTo("The server had no free check slot");
        assertThat(busy.error().detail()).isEqualTo("The check could not start within 500 ms: every check slot of the "
                + "server was taken by other checks (slow or unresponsive targets). Nothing was connected; try again later.");
        assertThat(waited).isLessThan(Duration.ofMillis(500).plus(GRACE).plus(MARGIN));
        assertThat(slow.isDone()).as("the slow check is still waiting").isFalse();

        assertThat(slow.get(10, TimeUnit.SECONDS).error().code()).isEqualTo("CHECK-TIMEOUT");
        oneSlot.shutdown();
        assertThat(oneSlot.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(target.accepted()).as("the busy check never connected, not even once a slot was free").isEqualTo(1);
    }

    @Test
    void aQueuedCheckHasOnlyTheTimeLeftSinceItWasAsked() throws Exception {
        CompletableFuture<ProbeResult> slow = checkInBackground(Duration.ofSeconds(2));
        target.awaitAccepted(1);

        long start = System.nanoTime();
        ProbeResult queued = checker.check(EgressCheckTest.connector("http"), input, Duration.ofSeconds(4));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        // It ran once the slot was free (about 2 s in), with the rest of its 4 s: the probe's own timeout
        // says so, and it answered well before 4 s after the slot freed.
        assertThat(queued.error().code()).isEqualTo("CHECK-TIMEOUT");
        assertThat(queued.error().detail()).matches("http://127\\.0\\.0\\.1:\\d+ did not answer within (\\d{1,4} ms|[123] s)\\.");
        assertThat(waited).isLessThan(Duration.ofSeconds(4).plus(GRACE).plus(MARGIN));
        assertThat(slow.get(10, TimeUnit.SECONDS).error().code()).isEqualTo("CHECK-TIMEOUT");
        assertThat(target.accepted()).isEqualTo(2);
    }
}
