package io.github.ser4j.models;

import static io.github.ser4j.models.ServeTesting.clip;
import static io.github.ser4j.models.ServeTesting.error;
import static io.github.ser4j.models.ServeTesting.post;
import static io.github.ser4j.models.ServeTesting.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The work queue's 503, the bearer token, and the command's options. */
@Timeout(120)
class ServeLimitsTest {

    @TempDir
    Path tmp;

    @Test
    void fullWorkQueueAnswers503AtOnceThenRecovers() throws Exception {
        try (EmotionServer server = ServeTesting.start(ServeTesting.settings(1, 0))) {
            URI base = server.uri();
            HttpClient http = ServeTesting.client();
            // The only slot is held by a client still uploading.
            try (ServeTesting.RawConnection c = new ServeTesting.RawConnection(base)) {
                c.head("/v1/predict", "audio/wav", clip().length);
                c.out.write(clip(), 0, 1000);
                c.out.flush();
                long until = System.nanoTime() + 5_000_000_000L;
                while (server.workQueue().freeSlots() > 0 && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                long t0 = System.nanoTime();
                HttpResponse<String> busy = send(http, post(base, "/v1/predict", "audio/wav", clip()));
                assertEquals(503, busy.statusCode());
                assertTrue(error(busy).startsWith("the server is busy: all 1 request slots"), busy.body());
                assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null));
                assertTrue((System.nanoTime() - t0) / 1e9 < 1.5, "503 is immediate, not queued");
                c.out.write(clip(), 1000, clip().length - 1000);
                c.out.flush();
                assertEquals(200, c.status());
            }
            assertEquals(200, send(http, post(base, "/v1/predict", "audio/wav", clip())).statusCode());
        }
    }

    @Test
    void bearerTokenGuardsTheApiButNotThePage() throws Exception {
        try (EmotionServer server = ServeTesting.start(ServeTesting.settings(1, 1).withToken("s3cret-token"))) {
            URI base = server.uri();
            HttpClient http = ServeTesting.client();
            HttpResponse<String> none = send(http, HttpRequest.newBuilder(base.resolve("/v1/model")));
            assertEquals(401, none.statusCode());
            assertTrue(error(none).contains("needs a bearer token"));
            assertEquals("Bearer realm=\"ser4j\"", none.headers().firstValue("WWW-Authenticate").orElse(null));
            HttpResponse<String> noUpload = send(http, post(base, "/v1/predict", "audio/wav", clip()));
            assertEquals(401, noUpload.statusCode());
            // Wrong by one letter's case, then right, on one keep-alive connection: Jetty's header cache once
            // answered the second with the first's value.
            HttpResponse<String> wrong = send(http, HttpRequest.newBuilder(base.resolve("/v1/model"))
                    .header("Authorization", "Bearer s3cret-tokeN"));
            assertEquals(401, wrong.statusCode());
            assertEquals("the bearer token is wrong", error(wrong));
            HttpResponse<String> right = send(http, HttpRequest.newBuilder(base.resolve("/v1/model"))
                    .header("Authorization", "Bearer s3cret-token"));
            assertEquals(200, right.statusCode(), right.body() + " " + right.headers().map());
            assertEquals(200, send(http, post(base, "/v1/predict", "audio/wav", clip())
                    .header("Authorization", "bearer s3cret-token")).statusCode());
            assertEquals(200, send(http, HttpRequest.newBuilder(base.resolve("/health"))).statusCode());
            assertEquals(200, send(http, HttpRequest.newBuilder(base.resolve("/"))).statusCode());
            URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/v1/stream");
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> http.newWebSocketBuilder().buildAsync(ws, new LiveStreamSocketTest.Listener()).get(10, TimeUnit.SECONDS));
            assertEquals(401, assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode());
            LiveStreamSocketTest.Listener l = new LiveStreamSocketTest.Listener();
            http.newWebSocketBuilder().header("Authorization", "Bearer s3cret-token").buildAsync(ws, l)
                    .get(10, TimeUnit.SECONDS).sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
            http.newWebSocketBuilder().buildAsync(URI.create(ws + "?token=s3cret-token"), new LiveStreamSocketTest.Listener())
                    .get(10, TimeUnit.SECONDS).sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
        }
    }

    record Run(int status, String out, String err) {
    }

    static Run serve(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), ExtractorResolver.DEFAULT);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void commandHelpAndBadOptions() throws Exception {
        Run help = serve("--help");
        assertEquals(0, help.status());
        for (String o : new String[] {"--host", "--port", "--model", "--threads", "--queue", "--max-body-mb", "--token-file",
                "--idle-timeout", "--request-timeout", "--max-streams"}) {
            assertTrue(help.out().contains(o), o);
        }
        assertTrue(help.out().contains("default: 127.0.0.1"), help.out());
        Run version = serve("--version");
        assertEquals(0, version.status());
        assertEquals("ser4j " + Versions.SER4J, version.out().lines().findFirst().orElseThrow());
        Run threads = serve("--threads", "0");
        assertEquals(2, threads.status());
        assertTrue(threads.err().contains("threads must be 1 to 256, got 0"), threads.err());
        Run port = serve("--port", "http");
        assertEquals(2, port.status());
        Path empty = Files.writeString(tmp.resolve("token"), "\n  \n");
        Run token = serve("--token-file", empty.toString(), "--port", "0");
        assertEquals(1, token.status());
        assertTrue(token.err().contains("the token file is empty"), token.err());
        Run missing = serve("--token-file", tmp.resolve("nope").toString());
        assertEquals(1, missing.status());
        Run badModel = serve("--model", Files.writeString(tmp.resolve("m.ser4j"), "not a model").toString(), "--port", "0");
        assertEquals(1, badModel.status());
        assertTrue(badModel.err().startsWith("ser4j serve: "), badModel.err());
    }

    @Test
    void tokenFileFirstLineIsTheToken() throws Exception {
        Path f = Files.writeString(tmp.resolve("token"), "  abc123  \nignored\n");
        assertEquals("abc123", ServeCommand.readToken(f));
        Files.write(f, new byte[ServeCommand.MAX_TOKEN_FILE_BYTES + 1]);
        assertTrue(assertThrows(java.io.IOException.class, () -> ServeCommand.readToken(f)).getMessage().contains("one line"));
    }
}
