package io.github.ser4j.models;

import java.io.IOException;
import java.net.URI;

/**
 * Benchmark-only bridge (lives in the benchmarks module, same package as the server) that starts
 * {@code ser4j serve} in-process on 127.0.0.1 with the pretrained model and its default limits, so the
 * load client can read the heap of the process that served the load. Not shipped with the library.
 *
 * <p>Thread-safety: each returned server is safe for concurrent requests.
 */
public final class ServeAccess {

    private ServeAccess() {
    }

    /** A running server. */
    public interface Running extends AutoCloseable {
        /**
         * The server's base address.
         *
         * @return {@code http://127.0.0.1:port}
         */
        URI uri();

        /**
         * The request slots (workers + queue).
         *
         * @return workers + queue
         */
        int capacity();

        @Override
        void close();
    }

    /**
     * Starts a server on a free loopback port with {@code ser4j serve}'s defaults for this many workers.
     *
     * @param threads prediction workers
     * @return the running server
     * @throws IOException if the model or the page cannot be loaded
     */
    public static Running start(int threads) throws IOException {
        EmotionServer s = EmotionServer.start(Ser4jClassifierProvider.loadPaired(ExtractorResolver.DEFAULT),
                "pretrained", ServerSettings.defaults(threads).withPort(0));
        return new Running() {
            @Override
            public URI uri() {
                return s.uri();
            }

            @Override
            public int capacity() {
                return s.workQueue().capacity();
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }
}
