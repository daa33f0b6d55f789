package io.github.ser4j.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Scores a batch of files on N threads and hands their records to one consumer in input order, whatever
 * order the threads finish in. The file at the head of the order streams its records straight through
 * (so a long timeline holds none of them); files behind it buffer theirs until it is done. At most 4·N
 * files are in flight. A file that fails ends with one {@code error} record, never the end of the batch.
 *
 * <p>Thread-safety: {@link #run} may be called from any thread; the task runs on the pool's threads (so
 * it must be thread-safe: a shared classifier is); the consumer is called under one lock, one record at
 * a time, in order.
 */
final class BatchRunner {

    /** Scores one file, emitting its records in order; the last one closes the file. */
    interface Task {
        void score(String path, java.util.function.Consumer<Map<String, Object>> emit) throws Exception;
    }

    /** Receives the records, in input order. */
    interface Consumer {
        void record(String path, Map<String, Object> record) throws IOException;

        /** After a file's last record. */
        void done(String path) throws IOException;
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
        Ordered order = new Ordered(files, consumer);
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemons);
        try {
            ArrayDeque<Future<?>> window = new ArrayDeque<>();
            for (int i = 0; i < files.size() || !window.isEmpty();) {
                while (i < files.size() && window.size() < 4 * threads) {
                    int index = i++;
                    window.add(pool.submit(() -> scoreOne(task, order, index)));
                }
                await(window.poll());
                order.rethrow();
            }
        } finally {
            pool.shutdownNow();
        }
        order.rethrow();
        return order.failed;
    }

    private static void scoreOne(Task task, Ordered order, int index) {
        String path = order.files.get(index);
        try {
            task.score(path, r -> order.emit(index, r));
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            order.emit(index, ResultRecords.error(path, e.getMessage()));
        } catch (Exception e) {
            order.emit(index, ResultRecords.error(path, "internal error: " + e));
        } finally {
            order.finish(index);
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("batch interrupted", e);
        } catch (ExecutionException e) {
            // only an Error gets here (scoreOne turns every exception into an error record)
            throw new IllegalStateException("batch task failed: " + e.getCause(), e.getCause());
        }
    }

    /** Puts the records of files finishing in any order back into input order. */
    private static final class Ordered {
        final List<String> files;
        private final Consumer consumer;
        private final Map<Integer, List<Map<String, Object>>> waiting = new HashMap<>();
        private final BitSet finished = new BitSet();
        private int head;
        int failed;
        private IOException writeError;

        Ordered(List<String> files, Consumer consumer) {
            this.files = files;
            this.consumer = consumer;
        }

        synchronized void emit(int index, Map<String, Object> record) {
            if (record.containsKey(ResultRecords.ERROR)) {
                failed++;
            }
            if (index == head) {
                deliver(index, record);
            } else {
                waiting.computeIfAbsent(index, k -> new ArrayList<>()).add(record);
            }
        }

        synchronized void finish(int index) {
            finished.set(index);
            while (head < files.size() && finished.get(head)) {
                done(head);
                head++;
                List<Map<String, Object>> held = waiting.remove(head);
                if (held != null) {
                    held.forEach(r -> deliver(head, r));
                }
            }
        }

        private void deliver(int index, Map<String, Object> record) {
            if (writeError == null) {
                try {
                    consumer.record(files.get(index), record);
                } catch (IOException e) {
                    writeError = e;
                }
            }
        }

        private void done(int index) {
            if (writeError == null) {
                try {
                    consumer.done(files.get(index));
                } catch (IOException e) {
                    writeError = e;
                }
            }
        }

        synchronized void rethrow() throws IOException {
            if (writeError != null) {
                throw writeError;
            }
        }
    }
}
