package io.github.ser4j.models;

import static io.github.ser4j.models.ServeTesting.client;
import static io.github.ser4j.models.ServeTesting.clip;
import static io.github.ser4j.models.ServeTesting.error;
import static io.github.ser4j.models.ServeTesting.json;
import static io.github.ser4j.models.ServeTesting.post;
import static io.github.ser4j.models.ServeTesting.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.Prediction;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every HTTP endpoint, error, limit and timeout of {@code ser4j serve}, through java.net.http over 127.0.0.1. */
@Timeout(120)
class EmotionServerTest {

    static EmotionServer server;
    static URI base;
    static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        server = ServeTesting.start(ServeTesting.settings(2, 2));
        base = server.uri();
        http = client();
        assertTrue(base.getHost().equals("127.0.0.1"), "loopback by default: " + base);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Whatever a test did, the server answers the next request and every work slot came back. */
    @AfterEach
    void stillServing() throws Exception {
        HttpResponse<String> r = send(http, HttpRequest.newBuilder(base.resolve("/health")));
        assertEquals(200, r.statusCode());
        long until = System.nanoTime() + 10_000_000_000L;
        while (server.workQueue().freeSlots() != server.workQueue().capacity() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(server.workQueue().capacity(), server.workQueue().freeSlots(), "a request kept its slot");
    }

    @Test
    void healthAndPage() throws Exception {
        HttpResponse<String> r = send(http, HttpRequest.newBuilder(base.resolve("/health")));
        assertEquals("{\"status\":\"ok\"}", r.body());
        HttpResponse<String> page = send(http, HttpRequest.newBuilder(base.resolve("/")));
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("/v1/stream") && page.body().contains("/v1/predict")
                && page.body().contains("audioWorklet"), "the page streams and uploads");
    }

    @Test
    void modelDescribesTheShippedModel() throws Exception {
        Map<?, ?> m = json(send(http, HttpRequest.newBuilder(base.resolve("/v1/model"))));
        SmoEmotionClassifier model = ServeTesting.model();
        List<String> words = Arrays.stream(Emotion.values()).map(Emotion::word).toList();
        assertEquals(words, m.get("labels"));
        assertEquals(model.featureExtractorId(), ((Map<?, ?>) m.get("feature_extractor")).get("id"));
        assertEquals((double) model.featureExtractor().dimension(), ((Map<?, ?>) m.get("feature_extractor")).get("dimension"));
        Map<?, ?> cv = (Map<?, ?>) m.get("cross_validation");
        assertEquals(model.provenance().crossValidation().accuracy(), cv.get("accuracy"));
        assertEquals(model.provenance().crossValidation().protocol(), cv.get("protocol"));
        assertTrue(((String) cv.get("protocol")).startsWith("speaker-grouped 5-fold"), cv.toString());
        assertEquals(true, m.get("speaker_adaptation"));
        assertEquals(model.provenance().wekaVersion(), ((Map<?, ?>) m.get("versions")).get("model_trained_with_weka"));
        assertEquals(20.0, ((Map<?, ?>) m.get("training_data")).get("speakers"));
    }

    @Test
    void predictRawBodyMatchesTheLibraryAndTheCli() throws Exception {
        HttpResponse<String> r = send(http, post(base, "/v1/predict", "audio/wav", clip()));
        assertEquals(200, r.statusCode(), r.body());
        Prediction expected = ServeTesting.model().predict(ServeTesting.CLIP);
        Map<?, ?> got = json(r);
        assertEquals(expected.emotion().word(), got.get("emotion"));
        assertEquals(expected.confidence(), got.get("confidence"));
        Map<?, ?> probs = (Map<?, ?>) got.get("probabilities");
        for (Emotion e : Emotion.values()) {
            assertEquals(expected.probabilityOf(e), (Double) probs.get(e.word()), 0.0, e.word());
        }
        // The same field names and values as `predict --json`, less the path.
        Map<?, ?> cli = (Map<?, ?>) Json.parse(ServeTesting.cli("predict", "--json", ServeTesting.CLIP.toString()).get(0));
        Map<Object, Object> cliLessPath = new java.util.LinkedHashMap<>(cli);
        cliLessPath.remove("path");
        assertEquals(cliLessPath, got);
        assertEquals(List.copyOf(cliLessPath.keySet()), List.copyOf(got.keySet()));
        // application/octet-stream and no content type at all are raw bodies too.
        assertEquals(r.body(), send(http, post(base, "/v1/predict", "application/octet-stream", clip())).body());
    }

    @Test
    void predictMultipartPartFileOrAudioFile() throws Exception {
        String raw = send(http, post(base, "/v1/predict", "audio/wav", clip())).body();
        for (String part : List.of("file", "audio_file")) {
            byte[] body = ServeTesting.multipart("XyZ123", part, "clip.wav", clip());
            HttpResponse<String> r = send(http, post(base, "/v1/predict", "multipart/form-data; boundary=XyZ123", body));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(raw, r.body(), part);
        }
        byte[] other = ServeTesting.multipart("XyZ123", "upload", "clip.wav", clip());
        HttpResponse<String> r = send(http, post(base, "/v1/predict", "multipart/form-data; boundary=XyZ123", other));
        assertEquals(400, r.statusCode());
        assertTrue(error(r).contains("no part named 'file'"), r.body());
        HttpResponse<String> noBoundary = send(http, post(base, "/v1/predict", "multipart/form-data", other));
        assertEquals(400, noBoundary.statusCode());
        assertTrue(error(noBoundary).contains("boundary"), noBoundary.body());
        byte[] broken = Arrays.copyOf(ServeTesting.multipart("XyZ123", "file", "clip.wav", clip()), 4000);
        HttpResponse<String> cut = send(http, post(base, "/v1/predict", "multipart/form-data; boundary=XyZ123", broken));
        assertEquals(400, cut.statusCode(), cut.body());
        assertTrue(error(cut).startsWith("malformed multipart/form-data body"), cut.body());
    }

    @Test
    void multipartUploadsNeverTouchTheDisk() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> before = multipartFiles(tmp);
        byte[] big = new byte[1_500_000]; // a large part (zeros: valid multipart, not audio)
        Arrays.fill(big, (byte) 1);
        HttpResponse<String> r = send(http, post(base, "/v1/predict", "multipart/form-data; boundary=b0undary",
                ServeTesting.multipart("b0undary", "file", "big.wav", big)));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(error(r).contains("not audio"), r.body());
        assertEquals(before, multipartFiles(tmp), "Jetty wrote a multipart part to the temp directory");
    }

    private static Set<Path> multipartFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("MultiPart")).collect(Collectors.toSet());
        }
    }

    @Test
    void timelineMatchesStreamJson() throws Exception {
        HttpResponse<String> r = send(http, post(base, "/v1/timeline", "audio/wav", clip()));
        assertEquals(200, r.statusCode(), r.body());
        Map<?, ?> body = json(r);
        List<Object> cli = new ArrayList<>();
        for (String line : ServeTesting.cli("stream", "--json", ServeTesting.CLIP.toString())) {
            cli.add(Json.parse(line));
        }
        assertEquals(4, cli.size());
        assertEquals(cli, body.get("events"));
        assertEquals(3.9039, (Double) body.get("duration"), 1e-3);
        HttpResponse<String> smoothed = send(http, post(base, "/v1/timeline?window=2&hop=0.5&smooth=1", "audio/wav", clip()));
        assertEquals(200, smoothed.statusCode(), smoothed.body());
        assertTrue(!smoothed.body().equals(r.body()));
        HttpResponse<String> bad = send(http, post(base, "/v1/timeline?hop=fast", "audio/wav", clip()));
        assertEquals(400, bad.statusCode());
        assertEquals("hop must be a number of seconds, got 'fast'", error(bad));
    }

    @Test
    void badAudioGetsSer4jsMessage() throws Exception {
        HttpResponse<String> garbage = send(http, post(base, "/v1/predict", "audio/wav",
                "this is not a recording".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, garbage.statusCode());
        assertEquals("stream: not audio: unrecognised content starting with bytes 74 68 69 73 20 69 73 20", error(garbage));
        HttpResponse<String> truncated = send(http, post(base, "/v1/predict", "audio/wav", Arrays.copyOf(clip(), 60)));
        assertEquals(400, truncated.statusCode());
        assertTrue(error(truncated).startsWith("stream: "), truncated.body());
        HttpResponse<String> empty = send(http, post(base, "/v1/predict", "audio/wav", new byte[0]));
        assertEquals(400, empty.statusCode());
        assertEquals("stream: empty file, no audio data", error(empty));
        byte[] tooShort = Arrays.copyOf(clip(), 44 + 2 * 1600); // 0.1 s, under AudioClip.MIN_DURATION_SECONDS
        HttpResponse<String> shortClip = send(http, post(base, "/v1/predict", "audio/wav", tooShort));
        assertEquals(400, shortClip.statusCode(), shortClip.body());
    }

    @Test
    void formatsSer4jDoesNotReadGet415() throws Exception {
        byte[] caf = Arrays.copyOf("caff\0\1\0\0".getBytes(StandardCharsets.ISO_8859_1), 4096);
        HttpResponse<String> r = send(http, post(base, "/v1/predict", "audio/x-caf", caf));
        assertEquals(415, r.statusCode());
        assertTrue(error(r).contains("Core Audio Format (CAF) is not decoded by ser4j"), r.body());
        HttpResponse<String> text = send(http, post(base, "/v1/predict", "text/plain", clip()));
        assertEquals(415, text.statusCode());
        assertTrue(error(text).startsWith("Content-Type text/plain is not accepted"), text.body());
    }

    @Test
    void notFoundAndWrongMethodAreJson() throws Exception {
        HttpResponse<String> nf = send(http, HttpRequest.newBuilder(base.resolve("/v2/predict")));
        assertEquals(404, nf.statusCode());
        error(nf);
        HttpResponse<String> wrong = send(http, HttpRequest.newBuilder(base.resolve("/v1/predict")).GET());
        assertEquals(405, wrong.statusCode());
        error(wrong);
        HttpResponse<String> del = send(http, HttpRequest.newBuilder(base.resolve("/health")).DELETE());
        assertEquals(405, del.statusCode());
        HttpResponse<String> ws = send(http, HttpRequest.newBuilder(base.resolve("/v1/stream")));
        assertEquals(426, ws.statusCode());
        assertTrue(error(ws).contains("WebSocket"));
    }

    @Test
    void labelsRestrictThePredictionAndPerChannelGivesOneRecordPerChannel() throws Exception {
        Path call = BatchPredictTest.stereo(Files.createTempDirectory("ser4j-serve").resolve("call.wav"),
                io.github.ser4j.core.AudioClip.read(BatchPredictTest.CLIPS.resolve("03-01-05-02-01-01-02.wav")).samples(),
                io.github.ser4j.core.AudioClip.read(BatchPredictTest.CLIPS.resolve("03-01-04-02-01-01-02.wav")).samples());
        HttpResponse<String> pc = send(http, post(base, "/v1/predict?per_channel=true", "audio/wav", Files.readAllBytes(call)));
        assertEquals(200, pc.statusCode(), pc.body());
        List<?> records = (List<?>) Json.parse(pc.body());
        List<io.github.ser4j.core.AudioClip> channels = io.github.ser4j.core.AudioClip.readChannels(call);
        assertEquals(2, records.size(), pc.body());
        for (int c = 0; c < 2; c++) {
            Map<?, ?> r = (Map<?, ?>) records.get(c);
            assertEquals(c, ((Number) r.get("channel")).intValue());
            assertEquals(2, ((Number) r.get("channels")).intValue());
            Prediction expected = ServeTesting.model().predict(channels.get(c));
            assertEquals(expected.emotion().word(), r.get("emotion"), pc.body());
            assertEquals(expected.confidence(), ((Number) r.get("confidence")).doubleValue(), 1e-12);
        }
        Files.delete(call);
        Files.delete(call.getParent());
        HttpResponse<String> badPc = send(http, post(base, "/v1/predict?per_channel=yes", "audio/wav", clip()));
        assertEquals(400, badPc.statusCode());
        assertEquals("per_channel must be true or false, got yes", error(badPc));
        HttpResponse<String> labels = send(http, post(base, "/v1/predict?labels=angry,happy", "audio/wav", clip()));
        assertEquals(200, labels.statusCode(), labels.body());
        Map<?, ?> four = json(labels);
        assertEquals(List.of("happy", "angry"), List.copyOf(((Map<?, ?>) four.get("probabilities")).keySet()));
        Prediction expected = ServeTesting.model().restrictedTo(java.util.EnumSet.of(Emotion.ANGRY, Emotion.HAPPY))
                .predict(io.github.ser4j.core.AudioClip.read(new java.io.ByteArrayInputStream(clip())));
        assertEquals(expected.emotion().word(), four.get("emotion"));
        assertEquals(expected.confidence(), ((Number) four.get("confidence")).doubleValue(), 1e-12);
        HttpResponse<String> bad = send(http, post(base, "/v1/predict?labels=angry,joy", "audio/wav", clip()));
        assertEquals(400, bad.statusCode());
        assertTrue(error(bad).startsWith("labels: ") && error(bad).contains("joy"), bad.body());
        HttpResponse<String> typo = send(http, post(base, "/v1/predict?lables=angry", "audio/wav", clip()));
        assertEquals(400, typo.statusCode());
        assertEquals("unknown query parameter lables; allowed: labels, per_channel", error(typo));
    }

    @Test
    void declaredBodyOverTheLimitIs413BeforeReading() throws Exception {
        long gigabyte = 1L << 30;
        CountingZeros source = new CountingZeros(gigabyte);
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/v1/predict")).header("Content-Type", "audio/wav")
                .timeout(ServeTesting.TIMEOUT)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> source), gigabyte))
                .build();
        sendsAtMostAFraction(req, source);
        // A raw connection sees the answer itself, sent before any of the body was read.
        try (ServeTesting.RawConnection c = new ServeTesting.RawConnection(base)) {
            c.head("/v1/predict", "audio/wav", gigabyte);
            assertEquals(413, c.status());
            assertTrue(c.rest().contains("larger than the limit"));
        }
    }

    @Test
    void endlessChunkedBodyIs413WhileReading() throws Exception {
        CountingZeros source = new CountingZeros(1L << 30); // 1 GB, generated as it is sent, never held
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/v1/predict")).header("Content-Type", "audio/wav")
                .timeout(ServeTesting.TIMEOUT).POST(HttpRequest.BodyPublishers.ofInputStream(() -> source)).build();
        sendsAtMostAFraction(req, source);
        // And over a raw connection, chunked, the 413 arrives while the client is still sending.
        try (ServeTesting.RawConnection c = new ServeTesting.RawConnection(base)) {
            c.out.write(("POST /v1/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: audio/wav\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                while (sent < 1L << 30 && c.in.available() == 0) {
                    c.out.write(size);
                    c.out.write(chunk);
                    c.out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                }
            } catch (IOException closedUnderUs) {
                // the server answered and closed; read the answer below
            }
            assertTrue(sent < 256L << 20, "sent " + sent);
            assertEquals(413, c.status());
        }
    }

    @Test
    void slowClientsGet408AndFreeTheirThread() throws Exception {
        // Stalls: headers and a few bytes, then nothing; the idle timeout (2 s here) ends it.
        long t0 = System.nanoTime();
        try (ServeTesting.RawConnection c = new ServeTesting.RawConnection(base)) {
            c.head("/v1/predict", "audio/wav", 100_000);
            c.out.write(new byte[10]);
            c.out.flush();
            int status = c.status();
            assertTrue(status == 408 || status == -1, "status " + status);
        }
        double stalled = (System.nanoTime() - t0) / 1e9;
        assertTrue(stalled >= 1.5 && stalled < 8, stalled + " s");
        // Trickles: one byte every 0.5 s never trips the idle timeout, but the request timeout (4 s) ends it.
        t0 = System.nanoTime();
        try (ServeTesting.RawConnection c = new ServeTesting.RawConnection(base)) {
            c.head("/v1/predict", "audio/wav", 100_000);
            int status = -1;
            for (int i = 0; i < 40; i++) {
                try {
                    c.out.write(0);
                    c.out.flush();
                } catch (IOException closed) {
                    break;
                }
                if (c.in.available() > 0) {
                    break;
                }
                Thread.sleep(500);
            }
            status = c.status();
            assertEquals(408, status);
            assertTrue(c.rest().contains("did not arrive within 4 s"));
        }
        double trickled = (System.nanoTime() - t0) / 1e9;
        assertTrue(trickled >= 3.5 && trickled < 8, trickled + " s");
    }

    @Test
    void clientVanishingMidUploadCostsNothing() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (ServeTesting.RawConnection c = new ServeTesting.RawConnection(base)) {
                c.head("/v1/predict", "audio/wav", clip().length);
                c.out.write(clip(), 0, clip().length / 2);
                c.out.flush();
                Thread.sleep(100);
            }
        }
        // @AfterEach checks the server still answers and every slot came back.
    }

    /**
     * Sends a 1 GB body and checks the answer is 413 (or the connection closed under a client still
     * sending; the raw-socket half of each test reads the 413 itself), that the client got to send only a
     * small part of the body, and that it took seconds, not the time 1 GB takes.
     */
    private static void sendsAtMostAFraction(HttpRequest req, CountingZeros source) throws InterruptedException {
        long t0 = System.nanoTime();
        int status;
        String body = "";
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            status = r.statusCode();
            body = r.body();
        } catch (IOException e) {
            status = -1;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(status == 413 || status == -1, "status " + status + " " + body);
        if (status == 413) {
            assertTrue(body.contains("larger than the limit of 2097152 bytes"), body);
        }
        assertTrue(source.read.get() < 256L << 20, "the client got to send " + source.read.get() + " bytes");
        assertTrue(seconds < 20, seconds + " s");
    }

    /** An endless source of zero bytes that counts what was taken from it. */
    static final class CountingZeros extends InputStream {
        final AtomicLong read = new AtomicLong();
        private final long limit;

        CountingZeros(long limit) {
            this.limit = limit;
        }

        @Override
        public int read() {
            return read(new byte[1], 0, 1) < 0 ? -1 : 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long left = limit - read.get();
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 0);
            read.addAndGet(n);
            return n;
        }
    }
}
