package io.github.ser4j.models;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;

/**
 * Reads an uploaded audio file from a request into memory, never to disk: a raw body
 * ({@code audio/*}, {@code application/octet-stream}, or no content type) or the part {@code file}
 * (or {@code audio_file}) of a {@code multipart/form-data} body.
 *
 * <p>Limits are enforced while the bytes arrive, not after: a declared {@code Content-Length} over the
 * limit is refused before reading; otherwise the count is checked on every read, so an endless body
 * costs at most the limit. The whole body must arrive within the request timeout: before each read the
 * connection's idle timeout is lowered to the time left, so a client that trickles bytes cannot hold a
 * thread longer than that. Multipart bodies are parsed by Jetty's parser from the bytes already in
 * memory, configured to keep every part in memory (no files directory at all, so a spill would fail
 * rather than write).
 *
 * <p>Thread-safety: immutable; one instance serves all requests.
 */
final class UploadReader {

    /** Parts accepted in a multipart body (a file and a few form fields). */
    static final int MAX_PARTS = 16;
    /** Multipart part names that carry the audio: ours, then the predecessor service's. */
    static final String[] PART_NAMES = {"file", "audio_file"};

    private static final int READ_CHUNK = 64 * 1024;

    private final long maxBytes;
    private final Duration idleTimeout;
    private final Duration requestTimeout;

    UploadReader(long maxBytes, Duration idleTimeout, Duration requestTimeout) {
        this.maxBytes = maxBytes;
        this.idleTimeout = idleTimeout;
        this.requestTimeout = requestTimeout;
    }

    /**
     * The audio file's bytes.
     *
     * @throws HttpProblem 415 for another content type, 413 over the limit, 408 too slow, 400 for a
     *     malformed multipart body or one without the audio part
     */
    byte[] audio(Context ctx) {
        long started = System.nanoTime();
        String type = ctx.contentType();
        String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean multipart = mime.equals("multipart/form-data");
        if (!multipart && !mime.isEmpty() && !mime.startsWith("audio/") && !mime.equals("application/octet-stream")) {
            throw new HttpProblem(HttpProblem.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + mime + " is not accepted: send "
                    + "the audio file as the body (audio/* or application/octet-stream) or as the part 'file' of "
                    + "multipart/form-data (with curl: --data-binary @clip.wav -H 'Content-Type: audio/wav', or -F file=@clip.wav)");
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge();
        }
        byte[] body = readBody(ctx, declared, started);
        return multipart ? part(type, body) : body;
    }

    private HttpProblem tooLarge() {
        return new HttpProblem(HttpProblem.TOO_LARGE, "the request body is larger than the limit of " + maxBytes
                + " bytes (" + (maxBytes >> 20) + " MB, --max-body-mb)");
    }

    /**
     * Reads and drops the body of a request refused before its body was read (401, 415, 503, a bad
     * parameter), within the same limit and deadline, so the connection stays usable and the client reads
     * the answer instead of a reset. A body over the limit is left unread (the connection then closes).
     */
    void discard(Context ctx) {
        if (ctx.attribute(READ) != null) {
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared <= 0 || declared > maxBytes) { // none, or chunked (then Jetty closes the connection)
            return;
        }
        try {
            readBody(ctx, declared, System.nanoTime(), false);
        } catch (HttpProblem e) {
            // over the limit or too slow: the connection closes, which is all that is left to do
        }
    }

    private static final String READ = "ser4j.body-read";

    private byte[] readBody(Context ctx, long declared, long started) {
        return readBody(ctx, declared, started, true);
    }

    private byte[] readBody(Context ctx, long declared, long started, boolean keep) {
        ctx.attribute(READ, Boolean.TRUE);
        EndPoint endPoint = endPoint(ctx);
        long deadline = started + requestTimeout.toNanos();
        byte[] buf = new byte[keep ? (int) Math.min(maxBytes + 1, declared >= 0 ? declared + 1 : READ_CHUNK) : READ_CHUNK];
        long total = 0;
        int n = 0;
        try {
            InputStream in = ctx.req().getInputStream();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw slow();
                }
                if (endPoint != null) {
                    endPoint.setIdleTimeout(Math.max(1, Math.min(idleTimeout.toMillis(), TimeUnit.NANOSECONDS.toMillis(left))));
                }
                if (n == buf.length) {
                    if (!keep) {
                        n = 0; // dropping: reuse the buffer
                    } else {
                        buf = Arrays.copyOf(buf, (int) Math.min(maxBytes + 1, Math.max(READ_CHUNK, 2L * n)));
                    }
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
                total += r;
                if (total > maxBytes) {
                    throw tooLarge();
                }
            }
        } catch (IOException e) {
            if (isTimeout(e)) {
                throw slow();
            }
            throw new HttpProblem(HttpProblem.BAD_REQUEST, "the request body could not be read: "
                    + Main.oneLine(e.getMessage()));
        } finally {
            if (endPoint != null) {
                endPoint.setIdleTimeout(idleTimeout.toMillis());
            }
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    private HttpProblem slow() {
        return new HttpProblem(HttpProblem.REQUEST_TIMEOUT, "the request body did not arrive within "
                + requestTimeout.toSeconds() + " s (or paused for more than " + idleTimeout.toSeconds() + " s)");
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static EndPoint endPoint(Context ctx) {
        ServletContextRequest r = ServletContextRequest.getServletContextRequest(ctx.req());
        return r == null ? null : r.getConnectionMetaData().getConnection().getEndPoint();
    }

    private byte[] part(String contentType, byte[] body) {
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null) {
            throw new HttpProblem(HttpProblem.BAD_REQUEST, "multipart/form-data without a boundary parameter");
        }
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setMaxMemoryFileSize(-1); // every part stays in memory; the body limit above bounds them
        parser.setUseFilesForPartsWithoutFileName(false);
        parser.setMaxParts(MAX_PARTS);
        parser.setMaxLength(maxBytes);
        MultiPartFormData.Parts parts;
        try {
            parts = parser.parse(Content.Source.from(ByteBuffer.wrap(body))).get(requestTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new HttpProblem(HttpProblem.BAD_REQUEST, "malformed multipart/form-data body: "
                    + Main.oneLine(String.valueOf(e.getCause().getMessage())));
        } catch (TimeoutException e) {
            throw slow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpProblem(HttpProblem.UNAVAILABLE, "interrupted while parsing the upload");
        }
        try (parts) {
            for (String name : PART_NAMES) {
                MultiPart.Part p = parts.getFirst(name);
                if (p != null) {
                    ByteBuffer b = Content.Source.asByteBuffer(p.getContentSource());
                    byte[] out = new byte[b.remaining()];
                    b.get(out);
                    return out;
                }
            }
        } catch (IOException e) {
            throw new HttpProblem(HttpProblem.BAD_REQUEST, "malformed multipart/form-data body: "
                    + Main.oneLine(e.getMessage()));
        }
        throw new HttpProblem(HttpProblem.BAD_REQUEST, "the multipart/form-data body has no part named 'file' "
                + "(or 'audio_file') holding the audio");
    }
}
