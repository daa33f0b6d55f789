package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.StreamSettings;
import io.github.ser4j.core.TimedPrediction;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;

/**
 * {@code ser4j stream}: plays an audio file (or the default microphone) through an
 * {@link EmotionStream} and prints the timeline of predictions.
 *
 * <p>Thread-safety: stateless; each run owns its stream.
 */
final class StreamCommand {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: ser4j stream FILE [--window S] [--hop S] [--min-segment S] [--smooth S] [--json] [--realtime]",
            "                    [--model FILE]",
            "       ser4j stream --mic [--seconds N] [same options]",
            "  Plays FILE through the live emotion stream in 20 ms chunks (as fast as possible; --realtime",
            "  paces it like a live source) and prints one line per prediction: window start and end in",
            "  seconds, emotion, confidence, and 'end' on the last prediction of each speech segment",
            "  (with --json one JSON object per prediction). Silence prints nothing.",
            "  --mic listens on the default input device (16 kHz mono) for N seconds (default: until",
            "  interrupted); exit status 2 if there is no input device.",
            "  Defaults: --window " + StreamSettings.DEFAULT_WINDOW_SECONDS + " --hop " + StreamSettings.DEFAULT_HOP_SECONDS
                    + " --min-segment " + StreamSettings.DEFAULT_MIN_SEGMENT_SECONDS
                    + " --smooth 0 (off; else a time constant in seconds).");

    /** Opens the default capture line; a seam so tests need no sound card. */
    interface Microphone {
        TargetDataLine open(AudioFormat format) throws LineUnavailableException;
    }

    static final Microphone DEFAULT_MICROPHONE = format -> {
        TargetDataLine line;
        try {
            line = AudioSystem.getTargetDataLine(format);
        } catch (IllegalArgumentException | SecurityException e) {
            throw new LineUnavailableException("no audio input device supports " + format + " ("
                    + e.getMessage() + ")");
        }
        line.open(format);
        return line;
    };

    private static final float MIC_RATE = 16_000f;
    private static final double CHUNK_SECONDS = 0.02;

    private StreamCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, ExtractorResolver resolver, Microphone mic) {
        try {
            return stream(args, out, err, resolver, mic);
        } catch (Main.UsageException e) {
            err.println("ser4j stream: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            err.println("ser4j stream: " + Main.oneLine(e.getMessage()));
            return 1;
        } catch (RuntimeException e) {
            err.println("ser4j stream: internal error: " + Main.oneLine(String.valueOf(e)));
            return 1;
        }
    }

    private static int stream(String[] args, PrintStream out, PrintStream err, ExtractorResolver resolver,
            Microphone mic) throws Main.UsageException, IOException {
        Set<String> valued = Set.of("--window", "--hop", "--min-segment", "--smooth", "--seconds", "--model");
        Set<String> flagNames = Set.of("--json", "--realtime", "--mic");
        Main.Options o = Main.Options.parse(args, valued, flagNames, true);
        Map<String, String> values = o.values();
        Set<String> flags = o.flags();
        List<String> files = o.positional();
        boolean useMic = flags.contains("--mic");
        if (useMic ? !files.isEmpty() : files.size() != 1) {
            throw new Main.UsageException(useMic ? "--mic takes no file" : "give exactly one audio file (or --mic)");
        }
        if (!useMic && values.containsKey("--seconds")) {
            throw new Main.UsageException("--seconds applies to --mic only");
        }
        StreamSettings settings;
        try {
            StreamSettings d = StreamSettings.defaults();
            double window = seconds(values, "--window", d.windowSeconds());
            double minSegment = seconds(values, "--min-segment", Math.min(d.minSegmentSeconds(), window));
            settings = new StreamSettings(window, seconds(values, "--hop", Math.min(d.hopSeconds(), window)),
                    minSegment, seconds(values, "--smooth", 0), d.vadMarginDb(), d.hangoverSeconds());
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        double maxSeconds = seconds(values, "--seconds", Double.POSITIVE_INFINITY);
        if (!(maxSeconds > 0)) {
            throw new Main.UsageException("--seconds must be positive, got " + values.get("--seconds"));
        }
        boolean json = flags.contains("--json");
        Printer printer = new Printer(out, json);

        if (useMic) {
            AudioFormat format = new AudioFormat(MIC_RATE, 16, 1, true, false);
            TargetDataLine line;
            try {
                line = mic.open(format);
            } catch (LineUnavailableException | RuntimeException e) {
                err.println("ser4j stream: no microphone: " + Main.oneLine(e.getMessage()));
                return 2;
            }
            EmotionClassifier model = model(values, resolver);
            EmotionStream stream = EmotionStream.open(model, MIC_RATE, settings);
            printer.header();
            try {
                stream.listen(line, maxSeconds, printer);
            } finally {
                line.close();
            }
            printer.footer();
            return 0;
        }

        AudioClip clip = AudioClip.read(Path.of(files.get(0)));
        EmotionClassifier model = model(values, resolver);
        EmotionStream stream = EmotionStream.open(model, clip.sampleRateHz(), settings);
        float[] samples = clip.samples();
        int chunk = Math.max(1, (int) Math.round(CHUNK_SECONDS * clip.sampleRateHz()));
        boolean realtime = flags.contains("--realtime");
        long startNanos = System.nanoTime();
        float[] buf = new float[chunk];
        printer.header();
        for (int at = 0; at < samples.length; at += chunk) {
            int n = Math.min(chunk, samples.length - at);
            System.arraycopy(samples, at, buf, 0, n);
            stream.accept(buf, 0, n).forEach(printer);
            if (realtime) {
                pace(startNanos, (at + n) / (double) clip.sampleRateHz());
            }
        }
        stream.finish().forEach(printer);
        printer.footer();
        return 0;
    }

    private static void pace(long startNanos, double seconds) {
        long wait = startNanos + (long) (seconds * 1e9) - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static double seconds(Map<String, String> values, String name, double def) throws Main.UsageException {
        String v = values.get(name);
        if (v == null) {
            return def;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new Main.UsageException(name + " must be a number of seconds, got '" + v + "'");
        }
    }

    private static EmotionClassifier model(Map<String, String> values, ExtractorResolver resolver) throws IOException {
        String file = values.get("--model");
        return file == null
                ? Ser4jClassifierProvider.loadResource(Ser4jClassifierProvider.DEFAULT_MODEL_RESOURCE, resolver)
                : ModelFile.read(Path.of(file), resolver);
    }

    /** Prints events as a text table or JSON lines, flushing each so a live view updates. */
    private static final class Printer implements Consumer<TimedPrediction> {
        private final PrintStream out;
        private final boolean json;
        private int events;

        Printer(PrintStream out, boolean json) {
            this.out = out;
            this.json = json;
        }

        void header() {
            if (!json) {
                out.println("start_s\tend_s\temotion\tconfidence\tsegment");
            }
        }

        @Override
        public void accept(TimedPrediction e) {
            events++;
            if (json) {
                out.println(Json.write(PredictionJson.event(e)));
            } else {
                out.println(String.format(Locale.ROOT, "%.2f\t%.2f\t%s\t%.4f\t%s", e.startSeconds(), e.endSeconds(),
                        e.prediction().emotion().word(), e.prediction().probability(), e.segmentEnd() ? "end" : ""));
            }
            out.flush();
        }

        void footer() {
            if (!json && events == 0) {
                out.println("(no speech detected)");
            }
        }
    }
}
