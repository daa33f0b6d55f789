package io.github.ser4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs independent tasks on a bounded pool of daemon threads and returns their results in task
 * order, so the outcome never depends on scheduling. The first failure cancels the rest.
 */
final class Parallel {

    private Parallel() {
    }

    /** A task that may throw a checked exception. */
    interface Task<T> {
        T run() throws Exception;
    }

    static <T> List<T> run(List<Task<T>> tasks, int threads, String what, Consumer<String> progress) throws Exception {
        int n = tasks.size();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)), r -> {
            Thread t = new Thread(r, "ser4j-" + what);
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, n / 20);
        try {
            List<Future<T>> futures = new ArrayList<>(n);
            for (Task<T> task : tasks) {
                Callable<T> c = () -> {
                    T r = task.run();
                    int d = done.incrementAndGet();
                    if (progress != null && (d % step == 0 || d == n)) {
                        progress.accept(what + ": " + d + "/" + n);
                    }
                    return r;
                };
                futures.add(pool.submit(c));
            }
            List<T> results = new ArrayList<>(n);
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    for (Future<T> other : futures) {
                        other.cancel(true);
                    }
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception ex) {
                        throw ex;
                    }
                    throw (Error) cause;
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
