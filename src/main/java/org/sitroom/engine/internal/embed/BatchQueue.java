package org.sitroom.engine.internal.embed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between callers (who normalise and tokenise) and model sessions, bucketed by token count.
 *
 * <p>A batch is padded to its longest text, so a batch of similar lengths wastes little compute. Each take starts
 * with the oldest waiting text (no starvation) and fills up with the texts that add the least padding. With a deep queue
 * batches come out nearly uniform, as if the whole stream were sorted; with a shallow one they take what is there at
 * once rather than wait. Callers block in {@link #put} while the queue is full: backpressure, nothing is dropped.
 */
final class BatchQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    /** Index = token count. */
    private final ArrayDeque<Job>[] buckets;
    private final int capacity;
    private final int consumers;
    private int size;
    private long nextSequence;
    private boolean closed;

    @SuppressWarnings("unchecked")
    BatchQueue(int maxTokens, int capacity, int consumers) {
        this.buckets = new ArrayDeque[maxTokens + 1];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new ArrayDeque<>();
        }
        this.capacity = capacity;
        this.consumers = consumers;
    }

    /** Adds a job, blocking while the queue is full. */
    void put(Job job) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (size >= capacity && !closed) {
                notFull.await();
            }
            if (closed) {
                throw new IllegalStateException("The embedding engine is closed");
            }
            job.sequence = nextSequence++;
            buckets[Math.min(job.length(), buckets.length - 1)].addLast(job);
            size++;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code max} jobs into {@code batch}, blocking while the queue is empty.
     *
     * @return how many were taken; 0 once the queue is closed
     */
    int take(List<Job> batch, int max) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (size == 0 && !closed) {
                notEmpty.await();
            }
            if (size == 0) {
                return 0;
            }
            // A fair share when the queue is shallow, so one session does not take everything while another idles.
            int want = Math.min(max, Math.max(1, (size + consumers - 1) / consumers));
            int start = oldestBucket();
            int taken = drain(buckets[start], batch, want);
            // Fill greedily with whichever neighbour wastes fewer padded positions: a shorter text costs its own
            // shortfall; a longer one widens the batch, costing the difference for every row already in it.
            int width = start;
            int below = start - 1;
            int above = start + 1;
            while (taken < want) {
                while (below >= 0 && buckets[below].isEmpty()) {
                    below--;
                }
                while (above < buckets.length && buckets[above].isEmpty()) {
                    above++;
                }
                boolean canGoDown = below >= 0;
                boolean canGoUp = above < buckets.length;
                if (!canGoDown && !canGoUp) {
                    break;
                }
                long downCost = canGoDown ? width - below : Long.MAX_VALUE;
                long upCost = canGoUp ? (long) (above - width) * taken : Long.MAX_VALUE;
                if (downCost <= upCost) {
                    taken += drain(buckets[below], batch, 1);
                } else {
                    taken += drain(buckets[above], batch, 1);
                    width = above;
                }
            }
            size -= taken;
            notFull.signalAll();
            if (size > 0) {
                notEmpty.signal();
            }
            return taken;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new jobs, wakes every waiter and hands back the jobs that never ran. */
    List<Job> close() {
        lock.lock();
        try {
            closed = true;
            List<Job> left = new ArrayList<>(size);
            for (ArrayDeque<Job> bucket : buckets) {
                left.addAll(bucket);
                bucket.clear();
            }
            size = 0;
            notEmpty.signalAll();
            notFull.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    private int oldestBucket() {
        int best = -1;
        long bestSequence = Long.MAX_VALUE;
        for (int i = 0; i < buckets.length; i++) {
            Job head = buckets[i].peekFirst();
            if (head != null && head.sequence < bestSequence) {
                best = i;
                bestSequence = head.sequence;
            }
        }
        return best;
    }

    private static int drain(ArrayDeque<Job> bucket, List<Job> batch, int max) {
        int n = 0;
        while (n < max && !bucket.isEmpty()) {
            batch.add(bucket.pollFirst());
            n++;
        }
        return n;
    }
}
