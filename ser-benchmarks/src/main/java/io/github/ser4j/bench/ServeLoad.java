package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.models.Research;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded loopback load test of {@code ser4j serve}: N concurrent clients posting a 3 s speech clip to
 * {@code /v1/predict} for a fixed time at each N (1, 2, 8, 64 by default), then 16 live WebSocket streams
 * sending speech in real time. Prints requests/s, p50/p99 latency, 503s (expected past the work queue)
 * and other errors, the event latency of the streams, the heap after the run, and the load average.
 *
 * <pre>
 * java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.ServeLoad [URL] [--seconds S] [--threads N]
 * </pre>
 *
 * <p>Without a URL the server runs in this process (pretrained model, default limits, {@code --threads}
 * workers, default: processors), so the heap reported is the one that served the load (client included).
 * With a URL (which must be on 127.0.0.1) the client loads an already running server; heap is then not
 * reported. Every loop stops by itself: each level runs {@code --seconds} (default 10), the streams 20 s.
 *
 * <p>Thread-safety: a command-line program.
 */
public final class ServeLoad {

    private static final int[] CLIENTS = {1, 2, 8, 64};
    private static final int STREAMS = 16;
    private static final double STREAM_SECONDS = 20;
    private static final int RATE = 16_000;
    private static final int CHUNK = RATE / 50;

    private ServeLoad() {
    }

    /**
     * Runs the load test.
     *
     * @param args {@code [URL] [--seconds S] [--threads N]}
     * @throws Exception if the server cannot be started or reached
     */
    public static void main(String[] args) throws Exception {
        URI url = null;
        double seconds = 10;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> url = URI.create(args[i]);
            }
        }
        if (url != null && !url.getHost().equals("127.0.0.1") && !url.getHost().equals("localhost")) {
            throw new IllegalArgumentException("load is sent to loopback only, got " + url);
        }
        if (!(seconds > 0 && seconds <= 120)) {
            throw new IllegalArgumentException("--seconds must be in (0, 120], got " + seconds);
        }
        float[] speech = speech();
        byte[] wav = wav(java.util.Arrays.copyOf(speech, 3 * RATE));
        System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
        Research.Server own = url == null ? Research.startServer(threads) : null;
        try {
            URI base = url == null ? own.uri() : url;
            if (own != null) {
                System.out.printf(Locale.ROOT, "in-process server %s: %d workers, %d request slots%n", base, threads,
                        own.capacity());
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            post(http, base, wav, 2, 3); // warm-up, not reported
            System.out.println("clients  requests/s  p50_ms  p99_ms  ok  503  other_errors");
            for (int n : CLIENTS) {
                Level l = post(http, base, wav, n, seconds);
                System.out.printf(Locale.ROOT, "%7d  %10.1f  %6.0f  %6.0f  %d  %d  %d%n", n, l.ok / l.seconds,
                        l.percentile(0.5), l.percentile(0.99), l.ok, l.busy, l.errors);
                l.kinds.stream().limit(3).forEach(k -> System.out.println("         error: " + k));
            }
            streams(http, base, speech);
            if (own != null) {
                for (int i = 0; i < 3; i++) {
                    System.gc();
                    Thread.sleep(200);
                }
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.printf(Locale.ROOT, "heap used after the run and a GC: %.1f MB (max %.0f MB)%n", used / 1e6,
                        Runtime.getRuntime().maxMemory() / 1e6);
            }
        } finally {
            if (own != null) {
                own.close();
            }
        }
        System.out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
    }

    /** One level's results. */
    private static final class Level {
        final List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        final java.util.Set<String> kinds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        long ok;
        long busy;
        long errors;
        double seconds;

        double percentile(double q) {
            List<Double> s;
            synchronized (latencies) {
                s = new ArrayList<>(latencies);
            }
            if (s.isEmpty()) {
                return Double.NaN;
            }
            Collections.sort(s);
            return s.get(Math.min(s.size() - 1, (int) Math.ceil(q * s.size()) - 1));
        }
    }

    private static Level post(HttpClient http, URI base, byte[] wav, int clients, double seconds) throws Exception {
        Level l = new Level();
        AtomicLong ok = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/v1/predict")).header("Content-Type", "audio/wav")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build();
        List<Thread> ts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200 && r.body().startsWith("{\"emotion\"")) {
                            ok.incrementAndGet();
                            l.latencies.add((System.nanoTime() - t0) / 1e6);
                        } else if (r.statusCode() == 503) {
                            busy.incrementAndGet();
                            Thread.sleep(50); // a polite client backs off (the server says Retry-After: 1)
                        } else {
                            errors.incrementAndGet();
                            l.kinds.add(r.statusCode() + " " + r.body());
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        l.kinds.add(String.valueOf(e));
                    }
                }
            });
            t.start();
            ts.add(t);
        }
        for (Thread t : ts) {
            t.join();
        }
        l.seconds = (System.nanoTime() - start) / 1e9;
        l.ok = ok.get();
        l.busy = busy.get();
        l.errors = errors.get();
        return l;
    }

    private static final Pattern END = Pattern.compile("\"end_s\":([0-9.]+).*\"segment_end\":(true|false)");

    /** STREAMS live streams, each sending speech and a second of silence in a loop, paced in real time. */
    private static void streams(HttpClient http, URI base, float[] speech) throws Exception {
        float[] loop = java.util.Arrays.copyOf(speech, speech.length + RATE);
        byte[] pcm = new byte[2 * loop.length];
        ByteBuffer b = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : loop) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        int chunks = (int) (STREAM_SECONDS * 50);
        ConcurrentLinkedQueue<Double> hop = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Double> last = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(STREAMS);
        URI ws = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/v1/stream?rate=" + RATE);
        List<Thread> ts = new ArrayList<>();
        for (int s = 0; s < STREAMS; s++) {
            int offset = s * 7 * CHUNK; // streams start at different points of the loop
            Thread t = new Thread(() -> {
                long[] sentAt = new long[chunks];
                CompletableFuture<Void> closed = new CompletableFuture<>();
                WebSocket.Listener listener = new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean lastPart) {
                        text.append(data);
                        if (lastPart) {
                            long now = System.nanoTime();
                            Matcher m = END.matcher(text);
                            if (m.find()) {
                                int sample = (int) Math.round(Double.parseDouble(m.group(1)) * RATE);
                                int chunk = Math.max(0, Math.min(chunks - 1, (sample - 1) / CHUNK));
                                if (sentAt[chunk] != 0) {
                                    (m.group(2).equals("true") ? last : hop).add((now - sentAt[chunk]) / 1e6);
                                }
                            } else {
                                failures.incrementAndGet();
                            }
                            text.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        closed.complete(null);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket w, Throwable error) {
                        failures.incrementAndGet();
                        closed.complete(null);
                    }
                };
                try {
                    WebSocket w = http.newWebSocketBuilder().buildAsync(ws, listener).get(10, TimeUnit.SECONDS);
                    long t0 = System.nanoTime();
                    for (int c = 0; c < chunks; c++) {
                        long due = t0 + (long) (c * 20e6);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        int at = (offset + c * 2 * CHUNK) % pcm.length;
                        ByteBuffer chunk = ByteBuffer.allocate(2 * CHUNK);
                        for (int k = 0; k < 2 * CHUNK; k++) {
                            chunk.put(pcm[(at + k) % pcm.length]);
                        }
                        chunk.flip();
                        sentAt[c] = System.nanoTime();
                        w.sendBinary(chunk, true).get(10, TimeUnit.SECONDS);
                    }
                    w.sendBinary(ByteBuffer.allocate(0), true).get(10, TimeUnit.SECONDS);
                    closed.get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
            t.start();
            ts.add(t);
        }
        done.await((long) STREAM_SECONDS + 60, TimeUnit.SECONDS);
        for (Thread t : ts) {
            t.join(1000);
        }
        List<Double> h = new ArrayList<>(hop);
        Collections.sort(h);
        List<Double> e = new ArrayList<>(last);
        Collections.sort(e);
        System.out.printf(Locale.ROOT, "%d live streams x %.0f s in real time: %d window events, latency from the "
                + "chunk holding the window's last sample: p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d segment-end events "
                + "(they wait for %.1f s of quiet by design): p50 %.0f ms; failures %d%n", STREAMS, STREAM_SECONDS,
                h.size(), q(h, 0.5), q(h, 0.99), h.isEmpty() ? Double.NaN : h.get(h.size() - 1), e.size(), 0.4,
                q(e, 0.5), failures.get());
    }

    private static double q(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static float[] speech() throws Exception {
        try (InputStream in = ServeLoad.class.getResourceAsStream("/bench/speech_03-01-05-02-01-01-01.wav")) {
            return AudioClip.read(in).resampledTo(RATE).samples();
        }
    }

    private static byte[] wav(float[] s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * s.length).put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(2 * RATE).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * s.length);
        out.writeBytes(h.array());
        ByteBuffer d = ByteBuffer.allocate(2 * s.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : s) {
            d.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        out.writeBytes(d.array());
        return out.toByteArray();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
