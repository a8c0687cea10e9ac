package io.github.aktenlift.capture.ingest;

import io.github.aktenlift.spi.UnavailableException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for the tasks an ingest runs on threads of its own. What a task threw is thrown as it
 * threw it — a {@link RuntimeException} or an {@link Error} as it is — and only once every task
 * waited for has ended, so that no capture goes on behind the caller's back.
 */
final class Tasks {

    private Tasks() {
    }

    /**
     * Waits for every task, in order.
     *
     * @return the tasks' results, in the same order
     * @throws RuntimeException or {@link Error}: the first failed task's, once all have ended
     * @throws UnavailableException if interrupted while waiting (the caller stops the tasks)
     */
    static <T> List<T> joinAll(Collection<? extends Future<T>> futures) {
        List<T> results = new ArrayList<>(futures.size());
        Throwable first = null;
        for (Future<T> f : futures) {
            try {
                results.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("interrupted while ingesting", e);
            } catch (ExecutionException e) {
                first = first == null ? e.getCause() : first;
            }
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error error) {
            throw error; // not a case file's fault (an OutOfMemoryError fails only its case file)
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
        return results;
    }
}
