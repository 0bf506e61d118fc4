package org.sitroom.engine.internal.embed;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.sitroom.engine.EmbeddingResult;

/** One tokenised text waiting for a model session, and where its result goes. */
final class Job {

    final long[] ids;
    final Call call;
    final int index;
    /** Cache key, or {@code null} when the cache is off. */
    final VectorCache.Key key;
    /** Arrival order in the queue; the oldest job is always in the next batch, so none starves. */
    long sequence;

    Job(long[] ids, Call call, int index, VectorCache.Key key) {
        this.ids = ids;
        this.call = call;
        this.index = index;
        this.key = key;
    }

    int length() {
        return ids.length;
    }

    void complete(EmbeddingResult result) {
        call.results[index] = result;
        call.arrive();
    }

    /**
     * One {@code embed} call: its result slots and a count of jobs still out. The caller parks until the count reaches
     * zero; the result writes happen before the decrement that the caller reads, so they are visible to it.
     */
    static final class Call {

        final EmbeddingResult[] results;
        private final AtomicInteger outstanding = new AtomicInteger(1); // 1 = the caller is still submitting
        private final Thread caller = Thread.currentThread();
        private volatile RuntimeException failure;

        Call(int size) {
            this.results = new EmbeddingResult[size];
        }

        void submitted() {
            outstanding.incrementAndGet();
        }

        void arrive() {
            if (outstanding.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }

        /** The engine closed before this job ran. */
        void fail(RuntimeException reason) {
            failure = reason;
            LockSupport.unpark(caller);
        }

        /** Waits for all jobs; throws if the engine closed or the caller was interrupted. */
        void await() {
            arrive(); // done submitting
            while (outstanding.get() != 0) {
                if (failure != null) {
                    throw failure;
                }
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for embeddings");
                }
                LockSupport.park(this);
            }
        }
    }
}
