package io.github.ser4j.models;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's bounded work queue: {@code threads} workers run predictions, and at most
 * {@code threads + queue} requests are admitted at once (running, waiting for a worker, or still
 * uploading their body). A request that finds every slot taken is refused at once with 503, before its
 * body is read, so neither the queue nor the memory held by bodies ever grows without bound.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class WorkQueue implements AutoCloseable {

    private final Semaphore slots;
    private final int capacity;
    private final ExecutorService workers;

    WorkQueue(int threads, int queue) {
        this.capacity = threads + queue;
        this.slots = new Semaphore(capacity);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ser4j-predict-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A taken slot; closing it gives it back. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes a slot or refuses the request.
     *
     * @throws HttpProblem 503 if all slots are taken
     */
    Slot admit() {
        if (!slots.tryAcquire()) {
            throw new HttpProblem(HttpProblem.UNAVAILABLE, "the server is busy: all " + capacity
                    + " request slots (workers + queue) are taken; retry shortly");
        }
        boolean[] open = {true};
        return () -> {
            if (open[0]) {
                open[0] = false;
                slots.release();
            }
        };
    }

    /** Runs a task on a worker and waits for it; the caller must hold a slot. */
    <T> T run(Callable<T> task) throws Exception {
        Future<T> f = workers.submit(task);
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception x) {
                throw x;
            }
            throw (Error) c;
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** Slots free now (for tests and the load figures). */
    int freeSlots() {
        return slots.availablePermits();
    }

    int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
