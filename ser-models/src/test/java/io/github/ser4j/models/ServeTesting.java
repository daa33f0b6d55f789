package io.github.ser4j.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Shared by the server tests: the model, servers on 127.0.0.1:0, a java.net.http client and raw sockets. */
final class ServeTesting {

    static final Path CLIP = Path.of("src/test/resources/clips/03-01-05-02-01-01-02.wav");
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static SmoEmotionClassifier model;

    private ServeTesting() {
    }

    static synchronized SmoEmotionClassifier model() throws IOException {
        if (model == null) {
            model = Ser4jClassifierProvider.loadPaired(ExtractorResolver.DEFAULT);
        }
        return model;
    }

    /** Loopback, any free port, small limits so the limit tests are quick. */
    static ServerSettings settings(int threads, int queue) {
        return ServerSettings.defaults(threads).withPort(0).withLimits(queue, 2L << 20, Duration.ofSeconds(2),
                Duration.ofSeconds(4), 4);
    }

    static EmotionServer start(ServerSettings s) throws IOException {
        return EmotionServer.start(model(), "test", s);
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    static HttpResponse<String> send(HttpClient c, HttpRequest.Builder b) throws IOException, InterruptedException {
        return c.send(b.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder post(URI base, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return contentType == null ? b : b.header("Content-Type", contentType);
    }

    /** A multipart/form-data body with one file part. */
    static byte[] multipart(String boundary, String part, String fileName, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: audio/wav\r\n\r\n";
        b.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(data);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** {"error": message} of a response, checking it is JSON with that one field. */
    static String error(HttpResponse<String> r) {
        Object parsed = Json.parse(r.body());
        Map<?, ?> m = (Map<?, ?>) parsed;
        if (m.size() != 1 || !(m.get("error") instanceof String s)) {
            throw new AssertionError("not an error body: " + r.body());
        }
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            throw new AssertionError("error without JSON content type: " + r.headers());
        }
        return s;
    }

    static Map<?, ?> json(HttpResponse<String> r) {
        return (Map<?, ?>) Json.parse(r.body());
    }

    /** Runs the command line, returning status and stdout lines. */
    static List<String> cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), ExtractorResolver.DEFAULT);
        if (status != 0) {
            throw new AssertionError("ser4j " + String.join(" ", args) + " exited " + status);
        }
        return List.of(out.toString(StandardCharsets.UTF_8).split("\\R"));
    }

    static byte[] clip() throws IOException {
        return Files.readAllBytes(CLIP);
    }

    /** A raw HTTP/1.1 connection, for what java.net.http cannot do: stall, trickle, vanish mid-body. */
    static final class RawConnection implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        RawConnection(URI base) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5000);
            socket.setSoTimeout(20_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        void head(String path, String contentType, long contentLength) throws IOException {
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** The status line's code, or -1 if the server closed the connection without one. */
        int status() throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            String s = line.toString();
            return s.startsWith("HTTP/1.1 ") ? Integer.parseInt(s.substring(9, 12)) : -1;
        }

        /** Everything the server sends until it closes or 20 s pass. */
        String rest() throws IOException {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
