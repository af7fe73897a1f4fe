package io.autoconn.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoconn.testing.Burst;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class DeadlockLivenessTest {
    private static final int PROBES = 32;

    @Test
    void threadsDeadlockedOnEachOthersLocksTurnLivenessDownAndAreNamed() throws Exception {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread a = deadlocking("deadlock-test-a", first, second, bothHoldOne);
        Thread b = deadlocking("deadlock-test-b", second, first, bothHoldOne);
        try {
            DeadlockLiveness liveness = new DeadlockLiveness();
            Map<String, Object> answer = liveness.getHealthInformation();
            long end = System.nanoTime() + KeptAnswer.KEPT.plusSeconds(5).toNanos();
            while (answer.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(50);
                answer = liveness.getHealthInformation();
            }
            assertThat(answer).containsEntry("deadlocked", List.of("deadlock-test-a", "deadlock-test-b"));
        } finally {
            a.interrupt();
            b.interrupt();
            a.join(5000);
            b.join(5000);
        }
        assertThat(new DeadlockLiveness().getHealthInformation()).as("no deadlock once they gave up").isEmpty();
    }

    @Test
    void aBurstOfProbesLooksForDeadlocksOnce() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        ThreadMXBean real = ManagementFactory.getThreadMXBean();
        ThreadMXBean counted = (ThreadMXBean) Proxy.newProxyInstance(ThreadMXBean.class.getClassLoader(),
                new Class<?>[] {ThreadMXBean.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findDeadlockedThreads")) {
                        looks.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        DeadlockLiveness liveness = new DeadlockLiveness(counted);
        assertThat(Burst.of(PROBES, liveness::getHealthInformation)).as("UP, no deadlock").allMatch(Map::isEmpty);
        assertThat(looks.get()).as("looks for deadlocks (each stops the JVM) by %d probes within a second", PROBES)
                .isEqualTo(1);
    }

    /** A thread that takes {@code held}, waits until its peer holds the other lock, then waits for {@code wanted}. */
    private static Thread deadlocking(String name, ReentrantLock held, ReentrantLock wanted, CountDownLatch bothHoldOne) {
        Thread thread = new Thread(() -> {
            held.lock();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await();
                wanted.lockInterruptibly();
                wanted.unlock();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.unlock();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
