package org.sitroom.engine.internal.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BatchQueueTest {

    private static Job job(int tokens) {
        return new Job(new long[tokens], new Job.Call(1), 0, null);
    }

    @Test
    void aBatchStartsWithTheOldestJobAndFillsWithTheNearestLengths() throws Exception {
        BatchQueue queue = new BatchQueue(64, 100, 1);
        for (int len : new int[] {30, 5, 31, 60, 29, 30, 6, 59}) {
            queue.put(job(len));
        }
        List<Job> batch = new ArrayList<>();
        assertThat(queue.take(batch, 4)).isEqualTo(4);
        assertThat(batch).extracting(Job::length).containsExactly(30, 30, 29, 31);
        batch.clear();
        // Now the oldest is the 5-token job.
        assertThat(queue.take(batch, 2)).isEqualTo(2);
        assertThat(batch).extracting(Job::length).containsExactly(5, 6);
        batch.clear();
        assertThat(queue.take(batch, 10)).isEqualTo(2);
        assertThat(batch).extracting(Job::length).containsExactlyInAnyOrder(60, 59);
    }

    @Test
    void aFarShorterTextIsNotPreferredOverASlightlyLongerOne() throws Exception {
        BatchQueue queue = new BatchQueue(64, 100, 1);
        for (int len : new int[] {30, 30, 10, 31, 31}) {
            queue.put(job(len));
        }
        List<Job> batch = new ArrayList<>();
        queue.take(batch, 4);
        // 10 would waste 20 positions; widening to 31 wastes one per row so far.
        assertThat(batch).extracting(Job::length).containsExactly(30, 30, 31, 31);
    }

    @Test
    void aShallowQueueIsSharedBetweenConsumers() throws Exception {
        BatchQueue queue = new BatchQueue(16, 100, 2);
        for (int i = 0; i < 10; i++) {
            queue.put(job(8));
        }
        List<Job> batch = new ArrayList<>();
        assertThat(queue.take(batch, 32)).isEqualTo(5);
    }

    @Test
    void textsLongerThanTheBucketsStillQueue() throws Exception {
        BatchQueue queue = new BatchQueue(8, 10, 1);
        queue.put(job(20));
        List<Job> batch = new ArrayList<>();
        assertThat(queue.take(batch, 4)).isEqualTo(1);
    }

    @Test
    void putBlocksWhileFullAndResumesAfterATake() throws Exception {
        BatchQueue queue = new BatchQueue(16, 2, 1);
        queue.put(job(3));
        queue.put(job(4));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = Thread.ofPlatform().start(() -> {
            try {
                queue.put(job(5));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        awaitState(producer, Thread.State.WAITING);
        assertThat(queue.size()).isEqualTo(2); // the third job is held back, not dropped

        List<Job> batch = new ArrayList<>();
        queue.take(batch, 1);
        producer.join(Duration.ofSeconds(10));
        assertThat(producer.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(queue.size()).isEqualTo(2);
    }

    @Test
    void closingHandsBackWaitingJobsAndEndsTakes() throws Exception {
        BatchQueue queue = new BatchQueue(16, 10, 1);
        queue.put(job(3));
        queue.put(job(9));
        assertThat(queue.close()).extracting(Job::length).containsExactlyInAnyOrder(3, 9);
        assertThat(queue.take(new ArrayList<>(), 4)).isZero();
        assertThatThrownBy(() -> queue.put(job(1))).isInstanceOf(IllegalStateException.class);
    }

    /** Waits (without sleeping) until {@code thread} parks, so the assertion after it is about a blocked put. */
    static void awaitState(Thread thread, Thread.State state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (thread.getState() != state) {
            assertThat(System.nanoTime()).as("thread never reached " + state).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
