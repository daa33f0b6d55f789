package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.StreamSettings;
import io.github.ser4j.core.TimedPrediction;
import io.github.ser4j.models.Research;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.util.stream.Stream;

/**
 * How often does the live stream agree with the offline prediction of a whole utterance? Each RAVDESS
 * clip of the chosen actors is streamed alone (1 s of digital silence before and after, 20 ms chunks,
 * shipped model, default settings or another minimum segment) and compared with
 * {@code classifier.predict(clip)}: the majority label of all its events (ties broken by summed
 * probability) and the label of the last event.
 *
 * <pre>
 *   java -cp ser-benchmarks/target/benchmarks.jar io.github.ser4j.bench.StreamAgreement DATA_DIR [ACTORS_REGEX] [MIN_SEGMENT_S]
 * </pre>
 * ACTORS_REGEX matches the two-digit actor number (default {@code 0[1-4]}).
 *
 * <p>Thread-safety: a command-line entry point, run once per process.
 */
@Command(name = "StreamAgreement", mixinStandardHelpOptions = true,
        description = "How often the live stream's events agree with the offline prediction of each whole RAVDESS clip.")
public final class StreamAgreement implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATA_DIR", description = "RAVDESS speech folder")
    Path dir;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ACTORS_REGEX", defaultValue = "0[1-4]",
            description = "matches the two-digit actor number (default ${DEFAULT-VALUE})")
    String actors;

    @Parameters(index = "2", arity = "0..1", paramLabel = "MIN_SEGMENT_S",
            description = "minimum segment in seconds (default: the stream's default)")
    Double minSegment;

    private StreamAgreement() {
    }

    /**
     * Runs the comparison.
     *
     * @param args DATA_DIR, optional ACTORS_REGEX and MIN_SEGMENT_S
     */
    public static void main(String[] args) {
        BenchCli.exit(new StreamAgreement(), args);
    }

    @Override
    public Integer call() throws Exception {
        StreamSettings settings = minSegment != null
                ? StreamSettings.defaults().withMinSegment(minSegment)
                : StreamSettings.defaults();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("03-01-\\d\\d-\\d\\d-\\d\\d-\\d\\d-(" + actors + ")\\.wav"))
                    .sorted().toList();
        }
        EmotionClassifier classifier = EmotionClassifier.load();
        int n = 0;
        int majorityAgrees = 0;
        int lastAgrees = 0;
        int silent = 0;
        StreamSettings used = null;
        for (Path file : files) {
            AudioClip clip = AudioClip.read(file);
            Emotion offline = Research.answer(classifier.predict(clip));
            float rate = clip.sampleRateHz();
            int pad = Math.round(rate);
            float[] x = new float[pad + clip.length() + pad];
            System.arraycopy(clip.samples(), 0, x, pad, clip.length());
            EmotionStream stream = EmotionStream.open(classifier, rate, settings);
            used = stream.settings();
            List<TimedPrediction> events = new ArrayList<>();
            int chunk = Math.round(0.02f * rate);
            for (int at = 0; at < x.length; at += chunk) {
                events.addAll(stream.accept(x, at, Math.min(chunk, x.length - at)));
            }
            events.addAll(stream.finish());
            n++;
            if (events.isEmpty()) {
                silent++;
                continue;
            }
            majorityAgrees += TimedPrediction.majority(events) == offline ? 1 : 0;
            lastAgrees += events.get(events.size() - 1).prediction().emotion() == offline ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%d clips (actors %s), %s%n", n, actors, used);
        System.out.printf(Locale.ROOT, "majority of events = offline prediction: %d (%.1f%%)%n", majorityAgrees,
                100.0 * majorityAgrees / n);
        System.out.printf(Locale.ROOT, "last event = offline prediction:        %d (%.1f%%)%n", lastAgrees,
                100.0 * lastAgrees / n);
        System.out.printf(Locale.ROOT, "clips with no event:                    %d%n", silent);
        return 0;
    }
}
