package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.StreamSettings;
import io.github.ser4j.core.TimedPrediction;
import io.github.ser4j.core.UnsupportedAudioException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emotion API and the live page, on Javalin (Jetty 12): {@code GET /}, {@code GET /health},
 * {@code GET /v1/model}, {@code POST /v1/predict}, {@code POST /v1/timeline} and the WebSocket
 * {@code GET /v1/stream}. Every error is JSON {@code {"error": "..."}} with its status (see
 * {@link HttpProblem}); uploads stay in memory ({@link UploadReader}); work is bounded
 * ({@link WorkQueue}); nothing a request sends is stored.
 *
 * <p>Thread-safety: safe for concurrent requests; {@link #close()} once.
 */
final class EmotionServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmotionServer.class);
    private static final String PAGE = "serve/index.html";
    private static final String JSON = "application/json";

    private final SmoEmotionClassifier model;
    private final ServerSettings settings;
    private final WorkQueue work;
    private final UploadReader uploads;
    private final LiveStreamSocket live;
    private final Map<String, Object> modelInfo;
    private final byte[] page;
    private final byte[] token;
    private final Javalin app;

    private EmotionServer(SmoEmotionClassifier model, String modelSource, ServerSettings settings) throws IOException {
        this.model = model;
        this.settings = settings;
        this.work = new WorkQueue(settings.threads(), settings.queue());
        this.uploads = new UploadReader(settings.maxBodyBytes(), settings.idleTimeout(), settings.requestTimeout());
        this.live = new LiveStreamSocket(model, settings.maxStreams());
        this.modelInfo = modelInfo(model, modelSource);
        this.page = resource(PAGE);
        this.token = settings.token() == null ? null : settings.token().getBytes(StandardCharsets.UTF_8);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.startup.startupWatcherEnabled = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = settings.maxBodyBytes();
            // Bounded, with room to spare: a thread blocks per admitted upload and per refusal being written,
            // and Jetty's low-resources monitor cuts idle connections short when the pool runs low (clients
            // then see closed keep-alive connections), so size it well above slots + streams.
            config.jetty.threadPool = new QueuedThreadPool(
                    Math.max(200, 2 * (work.capacity() + settings.maxStreams()) + 32), 8);
            // Jetty's per-connection header cache matches values case-insensitively by default, which would
            // hand a request the cached "Bearer abC" when it sent "Bearer abc": tokens are case-sensitive.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            config.jetty.addConnector((server, http) -> {
                ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
                c.setHost(settings.host());
                c.setPort(settings.port());
                c.setIdleTimeout(settings.idleTimeout().toMillis());
                return c;
            });
            config.jetty.modifyServletContextHandler(h -> {
                // Javalin opens an HTTP session on every WebSocket upgrade; keep none (no cookie, nothing
                // held after the request): the server stores nothing about its clients.
                NullSessionCache none = new NullSessionCache(h.getSessionHandler());
                none.setSessionDataStore(new NullSessionDataStore());
                h.getSessionHandler().setSessionCache(none);
                h.getSessionHandler().setUsingCookies(false);
            });
            config.jetty.modifyWebSocketServletFactory(f -> {
                f.setIdleTimeout(settings.idleTimeout());
                f.setMaxBinaryMessageSize(LiveStreamSocket.MAX_MESSAGE_BYTES);
                f.setMaxTextMessageSize(4096);
            });
            config.routes.before("/v1/*", this::authorise);
            config.routes.wsBeforeUpgrade("/v1/stream", ctx -> {
                authorise(ctx);
                live.checkUpgrade(ctx);
            });
            config.routes.get("/", ctx -> {
                StreamQuery.checkNames(ctx.queryParamMap(), Set.of());
                ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store").result(page);
            });
            config.routes.get("/health", ctx -> json(ctx, Map.of("status", "ok")));
            config.routes.get("/v1/model", ctx -> json(ctx, modelInfo));
            config.routes.post("/v1/predict", this::predict);
            config.routes.post("/v1/timeline", this::timeline);
            config.routes.get("/v1/stream", ctx -> {
                throw new HttpProblem(426, "/v1/stream is a WebSocket endpoint: connect with ws://"
                        + "host:port/v1/stream?rate=16000 and send binary 16-bit PCM");
            });
            config.routes.ws("/v1/stream", live::configure);
            config.routes.exception(HttpProblem.class, (e, ctx) -> {
                if (e.status() != HttpProblem.TOO_LARGE && e.status() != HttpProblem.REQUEST_TIMEOUT
                        && ctx.header("Sec-WebSocket-Version") == null) {
                    uploads.discard(ctx);
                }
                error(ctx, e.status(), e.getMessage());
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                uploads.discard(ctx);
                error(ctx, e.getStatus(), e.getMessage());
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("internal error on {} {}", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: " + Main.oneLine(String.valueOf(e)));
            });
        });
    }

    /**
     * Starts a server.
     *
     * @param model the classifier every endpoint uses
     * @param modelSource what {@code /v1/model} names as the model's source (a file, or the shipped resource)
     * @param settings where to listen and the limits
     * @return the running server
     * @throws IOException if the page resource is missing
     * @throws IllegalStateException if the port cannot be bound (the message says which)
     */
    static EmotionServer start(SmoEmotionClassifier model, String modelSource, ServerSettings settings)
            throws IOException {
        EmotionServer s = new EmotionServer(model, modelSource, settings);
        try {
            s.app.start();
        } catch (RuntimeException e) {
            s.work.close();
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + Main.oneLine(e.getMessage()), e);
        }
        return s;
    }

    /** The bound port (useful with port 0). */
    int port() {
        return app.port();
    }

    /** {@code http://host:port}. */
    URI uri() {
        String h = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + h + ":" + port());
    }

    WorkQueue workQueue() {
        return work;
    }

    int openStreams() {
        return live.openStreams();
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            work.close();
        }
    }

    private void authorise(Context ctx) {
        if (token == null) {
            return;
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : ctx.path().equals("/v1/stream") ? ctx.queryParam("token") : null;
        // Constant-time comparison: the time to refuse says nothing about how much of the token matched.
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"ser4j\"");
            throw new HttpProblem(HttpProblem.UNAUTHORIZED, given == null
                    ? "this server needs a bearer token: send 'Authorization: Bearer TOKEN'"
                    : "the bearer token is wrong");
        }
    }

    private static final Set<String> PREDICT_PARAMS = Set.of("per_channel", "labels");

    private void predict(Context ctx) throws Exception {
        StreamQuery.checkNames(ctx.queryParamMap(), PREDICT_PARAMS);
        String perChannel = ctx.queryParam("per_channel");
        if (perChannel != null && !perChannel.equals("true") && !perChannel.equals("false")) {
            throw new HttpProblem(HttpProblem.BAD_REQUEST, "per_channel must be true or false, got " + perChannel);
        }
        io.github.ser4j.core.EmotionClassifier scoring = model;
        String labels = ctx.queryParam("labels");
        if (labels != null) { // as predict --labels: probabilities renormalised over the subset
            try {
                scoring = model.restrictedTo(LabelSubset.parse(labels));
            } catch (IllegalArgumentException e) {
                throw new HttpProblem(HttpProblem.BAD_REQUEST, "labels: " + Main.oneLine(e.getMessage()));
            }
        }
        io.github.ser4j.core.EmotionClassifier classifier = scoring;
        try (WorkQueue.Slot slot = work.admit()) {
            byte[] audio = uploads.audio(ctx);
            if ("true".equals(perChannel)) { // as predict --per-channel --json: one record per channel, in an array
                List<Map<String, Object>> records = work.run(
                        () -> ResultRecords.channelPredictions(null, decodeChannels(audio), classifier));
                json(ctx, records);
                return;
            }
            Prediction p = work.run(() -> classifier.predict(decode(audio)));
            json(ctx, ResultRecords.prediction(null, p));
        }
    }

    private void timeline(Context ctx) throws Exception {
        StreamQuery.checkNames(ctx.queryParamMap(), StreamQuery.SETTINGS);
        StreamSettings requested = StreamQuery.settings(ctx::queryParam);
        try (WorkQueue.Slot slot = work.admit()) {
            byte[] audio = uploads.audio(ctx);
            Map<String, Object> body = work.run(() -> {
                AudioClip clip = decode(audio);
                EmotionStream stream = EmotionStream.open(model, clip.sampleRateHz(), requested);
                List<TimedPrediction> events = new ArrayList<>(stream.accept(clip.samples()));
                events.addAll(stream.finish());
                List<Object> out = new ArrayList<>();
                events.forEach(e -> out.add(ResultRecords.event(null, e)));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("duration", Math.round(clip.durationSeconds() * 1e4) / 1e4);
                m.put("events", out);
                return m;
            });
            json(ctx, body);
        }
    }

    /** Decodes an upload; ser4j's own message becomes the error, 415 for a format it does not read. */
    static AudioClip decode(byte[] audio) {
        return decoded(() -> AudioClip.read(new ByteArrayInputStream(audio)));
    }

    /** Decodes an upload into one clip per channel (0 = left), with {@link #decode}'s errors. */
    static List<AudioClip> decodeChannels(byte[] audio) {
        return decoded(() -> AudioClip.readChannels(new ByteArrayInputStream(audio), "upload"));
    }

    /** What decoding an upload throws, as the HTTP problem the client gets. */
    private interface Decoding<T> {
        T run() throws IOException;
    }

    private static <T> T decoded(Decoding<T> decoding) {
        try {
            return decoding.run();
        } catch (UnsupportedAudioException e) {
            String m = e.getMessage();
            boolean format = m != null && (m.contains("is not decoded by ser4j") || m.contains("is not supported"));
            throw new HttpProblem(format ? HttpProblem.UNSUPPORTED_MEDIA_TYPE : HttpProblem.BAD_REQUEST, Main.oneLine(m));
        } catch (IOException e) {
            throw new HttpProblem(HttpProblem.BAD_REQUEST, Main.oneLine(e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(HttpProblem.BAD_REQUEST, Main.oneLine(e.getMessage()));
        }
    }

    private static void json(Context ctx, Object body) {
        ctx.status(200).contentType(JSON).result(Json.write(body));
    }

    private static void error(Context ctx, int status, String message) {
        String body = Json.write(Map.of("error", message == null || message.isBlank() ? "HTTP " + status : message));
        ctx.status(status).contentType(JSON);
        if (status == HttpProblem.UNAVAILABLE) {
            ctx.header("Retry-After", "1");
        }
        if (ctx.header("Sec-WebSocket-Version") != null) {
            // A refused WebSocket upgrade: Javalin does not write a result there, so write it here.
            try {
                ctx.res().getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.debug("client gone before the refusal of its upgrade was written", e);
            }
            return;
        }
        ctx.result(body);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EmotionServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the page resource " + name + " is missing from this build");
            }
            return in.readAllBytes();
        }
    }

    /** {@code GET /v1/model}: labels, the feature extractor, the model card's figures and versions. */
    private static Map<String, Object> modelInfo(SmoEmotionClassifier model, String source) {
        ModelProvenance p = model.provenance();
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        for (Emotion e : model.labels()) {
            labels.add(e.word());
        }
        m.put("labels", labels);
        Map<String, Object> fx = new LinkedHashMap<>();
        fx.put("id", model.featureExtractorId());
        fx.put("dimension", model.featureExtractor().dimension());
        fx.put("sample_rate", (double) model.featureExtractor().sampleRateHz());
        m.put("feature_extractor", fx);
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("source", source);
        mm.put("kernel", p.parameters().kernel());
        mm.put("C", p.parameters().c());
        mm.put("gamma", p.parameters().gamma());
        mm.put("temperature", p.temperature());
        mm.put("created_at", p.createdAt().toString());
        m.put("model", mm);
        m.put("speaker_adaptation", speakerAdaptation(model));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("corpus", p.data().corpus());
        data.put("clips", p.data().clips());
        data.put("speakers", p.data().speakers().size());
        m.put("training_data", data);
        EvaluationReport cv = p.crossValidation();
        if (cv != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("protocol", cv.protocol());
            c.put("clips", cv.n());
            c.put("accuracy", cv.accuracy());
            c.put("macro_f1", cv.macroF1());
            m.put("cross_validation", c);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ser4j", Versions.SER4J);
        v.put("model_trained_with_ser4j", p.ser4jVersion());
        v.put("model_trained_with_weka", p.wekaVersion());
        m.put("versions", v);
        return m;
    }

    private static boolean speakerAdaptation(SmoEmotionClassifier model) {
        try {
            model.newSpeakerSession();
            return true;
        } catch (UnsupportedOperationException | UncheckedIOException | IllegalStateException e) {
            return false;
        }
    }
}
