package io.github.ser4j.models;

/**
 * A request the server answers with an error status and a JSON body {@code {"error": message}}; thrown
 * anywhere in a handler and turned into the response by {@link EmotionServer}.
 *
 * <p>Thread-safety: immutable after construction, like every exception.
 */
final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final int BAD_REQUEST = 400;
    static final int UNAUTHORIZED = 401;
    static final int NOT_FOUND = 404;
    static final int TOO_LARGE = 413;
    static final int UNSUPPORTED_MEDIA_TYPE = 415;
    static final int REQUEST_TIMEOUT = 408;
    static final int UNAVAILABLE = 503;

    private final int status;

    HttpProblem(int status, String message) {
        super(message, null, false, false); // no stack trace: these are answers, not bugs
        this.status = status;
    }

    int status() {
        return status;
    }
}
