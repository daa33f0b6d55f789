package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The live stream over a real WebSocket client (java.net.http) on 127.0.0.1: events, and each fault's answer. */
@Timeout(120)
class LiveStreamSocketTest {

    static EmotionServer server;
    static URI ws;
    static HttpClient http;
    static byte[] pcm;

    @BeforeAll
    static void start() throws Exception {
        server = ServeTesting.start(ServeTesting.settings(2, 2));
        ws = URI.create("ws://127.0.0.1:" + server.port());
        http = ServeTesting.client();
        float[] s = AudioClip.read(ServeTesting.CLIP).samples();
        ByteBuffer b = ByteBuffer.allocate(2 * s.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : s) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        pcm = b.array();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Collects text messages and the close code. */
    static final class Listener implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
            closed.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            closed.completeExceptionally(error);
        }

        List<Map<?, ?>> all() {
            List<Map<?, ?>> out = new ArrayList<>();
            messages.forEach(m -> out.add((Map<?, ?>) Json.parse(m)));
            return out;
        }
    }

    static WebSocket connect(String query, Listener l) throws Exception {
        return http.newWebSocketBuilder().buildAsync(ws.resolve("/v1/stream" + query), l).get(10, TimeUnit.SECONDS);
    }

    /** Sends the clip in 20 ms binary messages, then the empty message that ends the stream. */
    static void sendClip(WebSocket w) throws Exception {
        for (int at = 0; at < pcm.length; at += 640) {
            w.sendBinary(ByteBuffer.wrap(pcm, at, Math.min(640, pcm.length - at)), true).get(10, TimeUnit.SECONDS);
        }
        w.sendBinary(ByteBuffer.allocate(0), true).get(10, TimeUnit.SECONDS);
    }

    @Test
    void streamsTheEventsOfStreamJson() throws Exception {
        Listener l = new Listener();
        sendClip(connect("?rate=16000", l));
        assertEquals(1000, l.closed.get(20, TimeUnit.SECONDS));
        List<Object> cli = new ArrayList<>();
        for (String line : ServeTesting.cli("stream", "--json", ServeTesting.CLIP.toString())) {
            cli.add(Json.parse(line));
        }
        assertEquals(cli, new ArrayList<Object>(l.all()));
        assertTrue((Boolean) l.all().get(l.all().size() - 1).get("segment_end"));
    }

    @Test
    void speakerSessionPerConnection() throws Exception {
        Listener l = new Listener();
        sendClip(connect("?rate=16000&adapt=true", l));
        assertEquals(1000, l.closed.get(20, TimeUnit.SECONDS));
        List<Map<?, ?>> events = l.all();
        assertEquals(4, events.size());
        Listener plain = new Listener();
        sendClip(connect("", plain));
        assertEquals(1000, plain.closed.get(20, TimeUnit.SECONDS));
        assertTrue(!events.equals(plain.all()), "the speaker session predicts with the adapted model");
    }

    @Test
    void textMessageIsAnErrorAndClose1003() throws Exception {
        Listener l = new Listener();
        connect("", l).sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertEquals(1003, l.closed.get(20, TimeUnit.SECONDS));
        assertTrue(((String) l.all().get(0).get("error")).startsWith("text messages are not audio"));
        assertStillStreaming();
    }

    @Test
    void oddSizedMessageIsAnErrorAndClose1007() throws Exception {
        Listener l = new Listener();
        connect("", l).sendBinary(ByteBuffer.wrap(new byte[641]), true).get(10, TimeUnit.SECONDS);
        assertEquals(1007, l.closed.get(20, TimeUnit.SECONDS));
        assertEquals("a binary message must hold whole 16-bit little-endian samples; got 641 bytes",
                l.all().get(0).get("error"));
        assertStillStreaming();
    }

    @Test
    void oversizedMessageIsClosed1009() throws Exception {
        Listener l = new Listener();
        WebSocket w = connect("", l);
        w.sendBinary(ByteBuffer.wrap(new byte[LiveStreamSocket.MAX_MESSAGE_BYTES + 2]), true);
        assertEquals(1009, l.closed.get(20, TimeUnit.SECONDS));
        assertStillStreaming();
    }

    @Test
    void garbageAudioIsStillOnlyAudio() throws Exception {
        // Random bytes are loud noise: the stream takes them as audio and says what it hears; no crash.
        Listener l = new Listener();
        WebSocket w = connect("", l);
        java.util.Random r = new java.util.Random(3);
        byte[] noise = new byte[640];
        for (int i = 0; i < 200; i++) {
            r.nextBytes(noise);
            w.sendBinary(ByteBuffer.wrap(noise), true).get(10, TimeUnit.SECONDS);
        }
        w.sendBinary(ByteBuffer.allocate(0), true).get(10, TimeUnit.SECONDS);
        assertEquals(1000, l.closed.get(20, TimeUnit.SECONDS));
        l.all().forEach(m -> assertTrue(m.containsKey("emotion"), m.toString()));
    }

    @Test
    void badParametersAreRefusedAtTheUpgrade() throws Exception {
        for (String q : List.of("?rate=44100.5", "?rate=abc", "?rate=500", "?adapt=yes", "?window=-1", "?rat=16000")) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> connect(q, new Listener()));
            WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class, e.getCause(), q);
            assertEquals(400, h.getResponse().statusCode(), q);
        }
        // java.net.http drops a refused handshake's body: read it over a raw connection.
        try (ServeTesting.RawConnection c = new ServeTesting.RawConnection(ws)) {
            c.out.write(("GET /v1/stream?rate=44100.5 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            c.out.flush();
            assertEquals(400, c.status());
            String rest = c.rest();
            assertTrue(!rest.contains("Set-Cookie"), "no session cookie: " + rest);
            assertTrue(rest.contains("{\"error\":\"rate must be a whole number of Hz, got '44100.5'\"}"));
        }
    }

    @Test
    void clientVanishingMidStreamFreesItsStream() throws Exception {
        for (int i = 0; i < 3; i++) {
            Listener l = new Listener();
            WebSocket w = connect("", l);
            w.sendBinary(ByteBuffer.wrap(pcm, 0, 32_000), true).get(10, TimeUnit.SECONDS);
            w.abort();
        }
        long until = System.nanoTime() + 10_000_000_000L;
        while (server.openStreams() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(0, server.openStreams());
        assertStillStreaming();
    }

    @Test
    void silentConnectionIsClosedAtTheIdleTimeout() throws Exception {
        Listener l = new Listener();
        connect("", l);
        long t0 = System.nanoTime();
        int code = l.closed.get(20, TimeUnit.SECONDS);
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(1001, code);
        assertTrue(s > 1.5 && s < 10, s + " s");
    }

    @Test
    void streamsPastTheLimitAreTold1013() throws Exception {
        List<WebSocket> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(connect("", new Listener()));
        }
        long until = System.nanoTime() + 10_000_000_000L;
        while (server.openStreams() < 4 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        Listener l = new Listener();
        connect("", l);
        assertEquals(1013, l.closed.get(20, TimeUnit.SECONDS));
        assertTrue(((String) l.all().get(0).get("error")).contains("4 live streams open, its limit"));
        held.forEach(WebSocket::abort);
        until = System.nanoTime() + 10_000_000_000L;
        while (server.openStreams() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertStillStreaming();
    }

    private static void assertStillStreaming() throws Exception {
        Listener l = new Listener();
        sendClip(connect("", l));
        assertEquals(1000, l.closed.get(20, TimeUnit.SECONDS));
        assertEquals(4, l.all().size());
    }
}
