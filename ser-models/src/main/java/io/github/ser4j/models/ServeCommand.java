package io.github.ser4j.models;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ser4j serve}: the emotion API and the live page over HTTP and WebSocket ({@link EmotionServer}).
 * Listens on loopback unless {@code --host} says otherwise, until the process is stopped.
 *
 * <p>Thread-safety: one instance per command-line run.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = Main.Version.class,
        description = {"Serves the emotion API and a live page: GET / (the page), GET /health, GET /v1/model, "
                + "POST /v1/predict, POST /v1/timeline, WebSocket /v1/stream. Uploads stay in memory and are "
                + "never stored. Runs until stopped (Ctrl-C)."},
        footer = {"Example: java -jar ser4j.jar serve, then open http://127.0.0.1:8080/"})
final class ServeCommand implements Callable<Integer> {

    /** The largest token file read: a token is a line, not a document. */
    static final int MAX_TOKEN_FILE_BYTES = 4096;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerSettings.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ServerSettings.DEFAULT_PORT,
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file from 'ser4j train' (default: the pretrained model).")
    Path model;

    @Option(names = "--threads", paramLabel = "N", description = "Prediction worker threads (default: the number of processors).")
    Integer threads;

    @Option(names = "--queue", paramLabel = "N",
            description = "Requests that may wait for a worker; past workers + queue the answer is 503 (default: 4 per worker).")
    Integer queue;

    @Option(names = "--max-body-mb", paramLabel = "MB", defaultValue = "" + ServerSettings.DEFAULT_MAX_BODY_MB,
            description = "Largest upload, checked while it is read; larger gets 413 (default: ${DEFAULT-VALUE}).")
    int maxBodyMb;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Require 'Authorization: Bearer TOKEN' on /v1/ (TOKEN is the file's first line).")
    Path tokenFile;

    @Option(names = "--idle-timeout", paramLabel = "S", defaultValue = "" + ServerSettings.DEFAULT_IDLE_TIMEOUT_S,
            description = "Seconds a connection may send nothing before it is closed (default: ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(names = "--request-timeout", paramLabel = "S", defaultValue = "" + ServerSettings.DEFAULT_REQUEST_TIMEOUT_S,
            description = "Seconds an upload may take to arrive in full; slower gets 408 (default: ${DEFAULT-VALUE}).")
    int requestTimeoutSeconds;

    @Option(names = "--max-streams", paramLabel = "N", defaultValue = "" + ServerSettings.DEFAULT_MAX_STREAMS,
            description = "Live WebSocket streams open at once (default: ${DEFAULT-VALUE}).")
    int maxStreams;

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** The settings the options describe (the token read from its file). */
    ServerSettings settings() throws IOException {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        try {
            return new ServerSettings(host, port, t, queue == null ? ServerSettings.defaultQueue(t) : queue,
                    (long) maxBodyMb << 20, tokenFile == null ? null : readToken(tokenFile),
                    Duration.ofSeconds(idleTimeoutSeconds), Duration.ofSeconds(requestTimeoutSeconds), maxStreams);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static String readToken(Path file) throws IOException {
        if (Files.size(file) > MAX_TOKEN_FILE_BYTES) {
            throw new IOException(file + ": a token file holds one line; this one is over " + MAX_TOKEN_FILE_BYTES + " bytes");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        String first = text.lines().findFirst().orElse("").strip();
        if (first.isEmpty()) {
            throw new IOException(file + ": the token file is empty");
        }
        return first;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ServerSettings s;
        try {
            s = settings();
        } catch (IOException e) {
            err.println("ser4j serve: " + Main.oneLine(e.getMessage()));
            return 1;
        }
        try {
            SmoEmotionClassifier m = model == null ? Ser4jClassifierProvider.loadPaired(ExtractorResolver.DEFAULT)
                    : ModelFile.read(model, ExtractorResolver.DEFAULT);
            String source = model == null ? "pretrained " + Ser4jClassifierProvider.DEFAULT_MODEL_RESOURCE : model.toString();
            EmotionServer server = EmotionServer.start(m, source, s);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "ser4j-serve-shutdown"));
            err.println("ser4j serve: listening on " + server.uri() + "/ (" + s.threads() + " workers, queue "
                    + s.queue() + ", max body " + maxBodyMb + " MB, " + (s.token() == null ? "no token" : "bearer token required")
                    + ")");
            if (!isLoopback(s.host())) {
                err.println("ser4j serve: warning: listening beyond this machine (" + s.host() + ")"
                        + (s.token() == null ? " without a token; consider --token-file" : ""));
            }
            err.flush();
            stopped.await();
            return 0;
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            err.println("ser4j serve: " + Main.oneLine(e.getMessage()));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
