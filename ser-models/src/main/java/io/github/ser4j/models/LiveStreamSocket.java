package io.github.ser4j.models;

import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.StreamSettings;
import io.github.ser4j.core.TimedPrediction;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@code GET /v1/stream}: one {@link EmotionStream} per WebSocket connection. The client sends binary
 * messages of 16-bit little-endian mono PCM at {@code ?rate=} Hz (default 16000; a whole number within
 * {@link io.github.ser4j.core.AudioClip}'s limits), optionally {@code &adapt=true} for a speaker session
 * per connection, and the stream settings of {@link StreamQuery}. The server sends one JSON text message
 * per event, with the fields of {@code stream --json}.
 *
 * <p>The protocol's answers: an empty binary message ends the audio (the last segment's final event is
 * sent, then the server closes with 1000); a message of an odd number of bytes is not whole samples
 * ({@code {"error": ...}}, close 1007); a text message is not audio ({@code {"error": ...}}, close 1003);
 * a message over {@link #MAX_MESSAGE_BYTES} is closed by Jetty with 1009; more than the allowed number
 * of live streams get {@code {"error": ...}} and 1013 (try again later); a connection silent for the
 * idle timeout is closed by Jetty (1001). Bad query parameters are refused at the upgrade with 400.
 *
 * <p>Thread-safety: safe for concurrent connections; each connection's stream is used only by the
 * thread Jetty delivers that connection's messages on, one message at a time.
 */
final class LiveStreamSocket {

    /** The largest binary message accepted: 1 s of 16-bit audio at 128 kHz. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    /** Query parameters of the endpoint ({@code token} is the bearer token for browsers, which cannot set headers). */
    static final Set<String> PARAMS;

    static {
        java.util.HashSet<String> p = new java.util.HashSet<>(StreamQuery.SETTINGS);
        p.addAll(Set.of("rate", "adapt", "token"));
        PARAMS = Set.copyOf(p);
    }

    private static final String STREAM = "ser4j.stream";
    private static final String COUNTED = "ser4j.counted";
    private static final int DEFAULT_RATE = 16_000;

    private final SmoEmotionClassifier model;
    private final int maxStreams;
    private final AtomicInteger open = new AtomicInteger();

    LiveStreamSocket(SmoEmotionClassifier model, int maxStreams) {
        this.model = model;
        this.maxStreams = maxStreams;
    }

    /** Checks the upgrade request's parameters, so a bad one is refused with 400 before the upgrade. */
    void checkUpgrade(Context ctx) {
        StreamQuery.checkNames(ctx.queryParamMap(), PARAMS);
        open(ctx::queryParam);
    }

    /** Live streams open now. */
    int openStreams() {
        return open.get();
    }

    private EmotionStream open(Function<String, String> param) {
        float rate = rate(param.apply("rate"));
        StreamSettings settings = StreamQuery.settings(param);
        String adapt = param.apply("adapt");
        if (adapt != null && !adapt.equals("true") && !adapt.equals("false")) {
            throw new HttpProblem(HttpProblem.BAD_REQUEST, "adapt must be true or false, got '" + adapt + "'");
        }
        try {
            return "true".equals(adapt) ? EmotionStream.open(model.newSpeakerSession(), rate, settings)
                    : EmotionStream.open(model, rate, settings);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new HttpProblem(HttpProblem.BAD_REQUEST, e.getMessage());
        }
    }

    private static float rate(String v) {
        if (v == null) {
            return DEFAULT_RATE;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (d == Math.rint(d) && d >= 1 && d <= Integer.MAX_VALUE) {
                return (float) d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HttpProblem(HttpProblem.BAD_REQUEST, "rate must be a whole number of Hz, got '" + v + "'");
    }

    /** Installs the handlers on the endpoint. */
    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            if (open.incrementAndGet() > maxStreams) {
                open.decrementAndGet();
                fail(ctx, 1013, "the server has " + maxStreams + " live streams open, its limit; try again later");
                return;
            }
            ctx.attribute(COUNTED, Boolean.TRUE);
            try {
                ctx.attribute(STREAM, open(ctx::queryParam));
            } catch (HttpProblem e) {
                fail(ctx, 1008, e.getMessage());
            }
        });
        ws.onBinaryMessage(ctx -> {
            EmotionStream stream = ctx.attribute(STREAM);
            if (stream == null) {
                return;
            }
            ByteBuffer data = ctx.data().slice().order(ByteOrder.LITTLE_ENDIAN);
            int n = data.remaining();
            try {
                if (n == 0) {
                    ctx.attribute(STREAM, null);
                    send(ctx, stream.finish());
                    ctx.closeSession(1000, "finished");
                    return;
                }
                if (n % 2 != 0) {
                    ctx.attribute(STREAM, null);
                    fail(ctx, 1007, "a binary message must hold whole 16-bit little-endian samples; got " + n + " bytes");
                    return;
                }
                float[] samples = new float[n / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = data.getShort() / 32768f;
                }
                send(ctx, stream.accept(samples));
            } catch (RuntimeException e) {
                ctx.attribute(STREAM, null);
                fail(ctx, 1011, "internal error: " + Main.oneLine(String.valueOf(e)));
            }
        });
        ws.onMessage(ctx -> {
            ctx.attribute(STREAM, null);
            fail(ctx, 1003, "text messages are not audio: send binary messages of 16-bit little-endian mono PCM "
                    + "(an empty binary message ends the stream)");
        });
        ws.onClose(ctx -> release(ctx));
        ws.onError(ctx -> release(ctx));
    }

    private void release(WsContext ctx) {
        ctx.attribute(STREAM, null);
        if (Boolean.TRUE.equals(ctx.attribute(COUNTED))) {
            ctx.attribute(COUNTED, Boolean.FALSE);
            open.decrementAndGet();
        }
    }

    private static void send(WsContext ctx, List<TimedPrediction> events) {
        for (TimedPrediction e : events) {
            ctx.send(Json.write(ResultRecords.event(null, e)));
        }
    }

    private static void fail(WsContext ctx, int code, String message) {
        ctx.send(Json.write(Map.of("error", message)));
        ctx.closeSession(code, reason(code));
    }

    /** A short close reason (the protocol allows 123 bytes); the JSON message before it says more. */
    private static String reason(int code) {
        return switch (code) {
            case 1003 -> "text is not audio";
            case 1007 -> "not whole 16-bit samples";
            case 1008 -> "bad parameters";
            case 1013 -> "too many live streams";
            default -> "internal error";
        };
    }
}
