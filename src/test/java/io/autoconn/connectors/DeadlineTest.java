package io.autoconn.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    @Test
    void theAlarmClosesTheResourceWhenTheDeadlinePasses() throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Deadline deadline = Deadline.after(Duration.ofMillis(100));

        try (Deadline.Alarm alarm = deadline.closeWhenPassed(closed::countDown)) {
            assertThat(closed.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat(deadline.passed()).isTrue();
            assertThat(deadline.remaining()).isZero();
        }
    }

    @Test
    void closingTheAlarmFirstLeavesTheResourceOpen() throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Deadline deadline = Deadline.after(Duration.ofMillis(100));

        deadline.closeWhenPassed(closed::countDown).close();

        assertThat(closed.await(300, TimeUnit.MILLISECONDS)).isFalse();
    }
}
