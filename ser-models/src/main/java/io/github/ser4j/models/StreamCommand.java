package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.AudioReader;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.StreamSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ser4j stream}: plays an audio file (or the default microphone) through an
 * {@link EmotionStream} (one per channel with {@code --per-channel}: {@link ChannelStreams}) and prints the
 * timeline of predictions.
 *
 * <p>Thread-safety: one instance per run; each run owns its stream.
 */
@Command(name = "stream", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Live emotion timeline of a file or the microphone.",
        customSynopsis = {"ser4j stream FILE [--window S] [--hop S] [--min-segment S] [--smooth S] [--per-channel] [--json] [--realtime] [--model FILE]",
            "ser4j stream --mic [--seconds N] [same options]"},
        description = {
            "Plays FILE through the live emotion stream in 20 ms chunks (as fast as possible; --realtime paces it "
                    + "like a live source) and prints one line per prediction: window start and end in seconds, "
                    + "emotion, confidence, and 'end' on the last prediction of each speech segment (with --json one "
                    + "JSON object per prediction). Silence prints nothing. The file is read a block at a time, so it may "
                    + "be of any length.",
            "--per-channel plays each channel through a stream of its own: every line gets the channel (0 = left) "
                    + "and channels; lines come in the order they are emitted as the file plays (the same 20 ms chunk: "
                    + "channel 0 first). A mono file (and --mic) is channel 0 of 1.",
            "--mic listens on the default input device (16 kHz mono) for N seconds (default: until interrupted); "
                    + "exit status 2 if there is no input device. For long recordings see timeline."})
final class StreamCommand extends CliCommand {

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

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "the audio file")
    List<Path> files = List.of();

    @Option(names = "--mic", description = "listen on the default input device instead of a file")
    boolean mic;

    @Option(names = "--seconds", paramLabel = "N", converter = CliConverters.Seconds.class,
            description = "with --mic: stop after N seconds")
    Double seconds;

    @Mixin
    StreamOptions streamOptions;

    @Mixin
    PerChannelOption channels;

    @Option(names = "--json", description = "one JSON object per prediction")
    boolean json;

    @Option(names = "--realtime", description = "pace the file like a live source")
    boolean realtime;

    @Mixin
    ModelOption model;

    @Override
    public Integer call() throws IOException {
        if (mic ? !files.isEmpty() : files.size() != 1) {
            throw usage(mic ? "--mic takes no file" : "give exactly one audio file (or --mic)");
        }
        if (!mic && seconds != null) {
            throw usage("--seconds applies to --mic only");
        }
        StreamSettings settings = streamOptions.settings(this);
        double maxSeconds = seconds == null ? Double.POSITIVE_INFINITY : seconds;
        if (!(maxSeconds > 0)) {
            throw usage("--seconds must be positive, got " + seconds);
        }
        if (mic) {
            TimelinePrinter printer = new TimelinePrinter(out(), json, channels.perChannel ? 1 : 0);
            AudioFormat format = new AudioFormat(MIC_RATE, 16, 1, true, false);
            TargetDataLine line;
            try {
                line = microphone().open(format);
            } catch (LineUnavailableException | RuntimeException e) {
                err().println("ser4j stream: no microphone: " + Main.oneLine(e.getMessage()));
                return 2;
            }
            EmotionClassifier m = model.loadUnpaired(resolver());
            EmotionStream stream = EmotionStream.open(m, MIC_RATE, settings);
            printer.header();
            try {
                stream.listen(line, maxSeconds, printer);
            } finally {
                line.close();
            }
            printer.footer();
            return 0;
        }

        // the file read a block at a time, as timeline reads it (no whole-clip limit)
        try (AudioReader in = AudioClip.open(files.get(0))) {
            EmotionClassifier m = model.loadUnpaired(resolver());
            ChannelStreams streams = new ChannelStreams(in, m, settings, channels.perChannel);
            TimelinePrinter printer = new TimelinePrinter(out(), json, channels.perChannel ? streams.streams() : 0);
            long startNanos = System.nanoTime();
            printer.header();
            for (List<ChannelStreams.Event> events; (events = streams.next()) != null;) {
                events.forEach(e -> printer.print(e.channel(), e.event()));
                if (realtime) {
                    pace(startNanos, streams.secondsPlayed());
                }
            }
            printer.footer();
        }
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
}
