package io.github.ser4j.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Scores a batch of files on N threads and hands each file's records to one consumer in input order,
 * whatever order the threads finish in (a sliding window of at most 4·N files in flight bounds memory).
 * A file that fails becomes one {@code error} record, never the end of the batch.
 *
 * <p>Thread-safety: {@link #run} may be called from any thread; the task runs on the pool's threads
 * (so it must be thread-safe: a shared classifier is), the consumer on the calling thread only.
 */
final class BatchRunner {

    /** The records of one file; the last one closes the file. */
    interface Task {
        List<Map<String, Object>> score(String path) throws Exception;
    }

    /** Receives each file's records, in input order. */
    interface Consumer {
        void accept(String path, List<Map<String, Object>> records) throws IOException;
    }

    private BatchRunner() {
    }

    /**
     * Runs the batch.
     *
     * @return how many files failed
     * @throws IOException if the consumer fails (writing the output is not a per-file problem)
     */
    static int run(List<String> files, int threads, Task task, Consumer consumer) throws IOException {
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "ser4j-batch");
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemons);
        int failed = 0;
        try {
            ArrayDeque<Future<List<Map<String, Object>>>> window = new ArrayDeque<>();
            ArrayDeque<String> names = new ArrayDeque<>();
            int next = 0;
            while (next < files.size() || !window.isEmpty()) {
                while (next < files.size() && window.size() < 4 * threads) {
                    String f = files.get(next++);
                    names.add(f);
                    window.add(pool.submit(() -> scoreOne(task, f)));
                }
                List<Map<String, Object>> records = await(window.poll());
                String f = names.poll();
                if (records.get(records.size() - 1).containsKey(ResultRecords.ERROR)) {
                    failed++;
                }
                consumer.accept(f, records);
            }
        } finally {
            pool.shutdownNow();
        }
        return failed;
    }

    private static List<Map<String, Object>> scoreOne(Task task, String path) {
        try {
            return task.score(path);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return List.of(ResultRecords.error(path, e.getMessage()));
        } catch (Exception e) {
            return List.of(ResultRecords.error(path, "internal error: " + e));
        }
    }

    private static List<Map<String, Object>> await(Future<List<Map<String, Object>>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("batch interrupted", e);
        } catch (ExecutionException e) {
            // only an Error gets here (scoreOne turns every exception into an error record)
            throw new IllegalStateException("batch task failed: " + e.getCause(), e.getCause());
        }
    }
}
