package io.github.ser4j.models;

import java.time.Duration;

/**
 * What {@code ser4j serve} was asked for: where to listen, how much work to accept, how large and how
 * slow a request may be, and the bearer token if one is required.
 *
 * <p>Thread-safety: immutable.
 *
 * @param host the address to bind; loopback unless the operator says otherwise
 * @param port the TCP port, 0 for any free port
 * @param threads prediction worker threads
 * @param queue requests that may wait for a worker beyond those running; more are answered 503
 * @param maxBodyBytes the largest request body accepted, counted while it is read
 * @param token the bearer token every {@code /v1/} request must carry, or null for none
 * @param idleTimeout how long a connection may send nothing (HTTP and WebSocket)
 * @param requestTimeout how long a request body may take to arrive in full
 * @param maxStreams live WebSocket streams open at once; more are closed with 1013 (try again later)
 */
record ServerSettings(String host, int port, int threads, int queue, long maxBodyBytes, String token,
        Duration idleTimeout, Duration requestTimeout, int maxStreams) {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;
    static final int DEFAULT_MAX_BODY_MB = 50;
    /** A cap on --max-body-mb: the whole body is held in memory (never on disk), per admitted request. */
    static final int MAX_BODY_MB_LIMIT = 1024;
    static final int DEFAULT_IDLE_TIMEOUT_S = 30;
    static final int DEFAULT_REQUEST_TIMEOUT_S = 60;
    static final int DEFAULT_MAX_STREAMS = 32;

    ServerSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be 1 to 256, got " + threads);
        }
        if (queue < 0 || queue > 10_000) {
            throw new IllegalArgumentException("queue must be 0 to 10000, got " + queue);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > (long) MAX_BODY_MB_LIMIT << 20) {
            throw new IllegalArgumentException("max body must be 1 byte to " + MAX_BODY_MB_LIMIT + " MB, got "
                    + maxBodyBytes + " bytes");
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("the token must not be empty");
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()
                || requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxStreams < 1 || maxStreams > 10_000) {
            throw new IllegalArgumentException("max streams must be 1 to 10000, got " + maxStreams);
        }
    }

    /** The defaults of {@code ser4j serve} with {@code threads} workers. */
    static ServerSettings defaults(int threads) {
        return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, threads, defaultQueue(threads),
                (long) DEFAULT_MAX_BODY_MB << 20, null, Duration.ofSeconds(DEFAULT_IDLE_TIMEOUT_S),
                Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_S), DEFAULT_MAX_STREAMS);
    }

    /** Waiting requests allowed beyond the running ones: four per worker. */
    static int defaultQueue(int threads) {
        return 4 * threads;
    }

    ServerSettings withPort(int p) {
        return new ServerSettings(host, p, threads, queue, maxBodyBytes, token, idleTimeout, requestTimeout, maxStreams);
    }

    ServerSettings withToken(String t) {
        return new ServerSettings(host, port, threads, queue, maxBodyBytes, t, idleTimeout, requestTimeout, maxStreams);
    }

    ServerSettings withLimits(int q, long body, Duration idle, Duration request, int streams) {
        return new ServerSettings(host, port, threads, q, body, token, idle, request, streams);
    }
}
