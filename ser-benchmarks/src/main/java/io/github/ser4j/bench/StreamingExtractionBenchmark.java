package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.FeatureStream;
import io.github.ser4j.features.FeatureExtractors;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one hop of a live feature stream: append 0.48 s of real speech, then extract the features of
 * the last 3 s ({@code extractLast(window)}, the window rounded to the stream's
 * {@link FeatureStream#alignmentSamples() grid}: 3.04 s for {@code full}, 3.0 s for {@code mfcc}).
 * {@code incremental} is the extractor's own stream (kept spectra); {@code reextracting} is the
 * {@link FeatureExtractor#openStream} default, reached through a wrapper that does not override it,
 * which extracts the whole window on every hop.
 *
 * <p>{@link #ranSeconds} is how long the stream has run when each iteration starts (it is reset and
 * re-fed before every iteration; during an iteration it grows by one hop per operation): equal
 * scores at 10 s and 600 s show that the per-hop cost does not grow with the stream's age.
 *
 * <p>Run: {@code java -jar ser-benchmarks/target/benchmarks.jar StreamingExtraction -f 1 -wi 3 -i 5}.
 *
 * <p>Thread-safety: JMH state, one instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StreamingExtractionBenchmark {

    private static final double WINDOW_SECONDS = 3.0;
    private static final double HOP_SECONDS = 0.48;

    /** Feature preset ({@link FeatureExtractors#byName}). */
    @Param({"full", "mfcc"})
    public String preset;

    /** {@code incremental}: the extractor's stream; {@code reextracting}: the interface default. */
    @Param({"incremental", "reextracting"})
    public String stream;

    /** Seconds of audio the stream has consumed when an iteration starts. */
    @Param({"10", "600"})
    public int ranSeconds;

    private float[] source;
    private int position;
    private int window;
    private int hop;
    private FeatureExtractor extractor;
    private FeatureStream live;

    /**
     * Loads the speech clip, opens the stream, fixes window and hop on the incremental stream's grid.
     *
     * @throws IOException if the resource is missing
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        FeatureExtractor e = FeatureExtractors.byName(preset);
        extractor = stream.equals("incremental") ? e : new Reextracting(e);
        int rate = Math.round(e.sampleRateHz());
        int align = e.openStream(rate).alignmentSamples();
        window = (int) Math.round(WINDOW_SECONDS * rate / align) * align;
        hop = (int) Math.round(HOP_SECONDS * rate / align) * align;
        AudioClip clip = SpeechClips.looped(30);
        if (clip.sampleRateHz() != e.sampleRateHz()) {
            throw new IllegalStateException("benchmark clip must be at " + e.sampleRateHz() + " Hz");
        }
        float[] all = clip.samples();
        source = java.util.Arrays.copyOf(all, all.length / hop * hop); // whole hops, so chunks never wrap
        live = extractor.openStream(window);
    }

    /** Resets the stream and feeds it {@link #ranSeconds} of speech, extracting on the last hops as a live caller would. */
    @Setup(Level.Iteration)
    public void run() {
        live.reset();
        position = 0;
        long target = Math.round(ranSeconds * (double) extractor.sampleRateHz());
        while (live.samplesAppended() + hop <= target) {
            live.append(source, position, hop);
            position = (position + hop) % source.length;
            if (live.samplesAppended() >= window && target - live.samplesAppended() < 2L * window) {
                live.extractLast(window);
            }
        }
    }

    /**
     * One hop: append it, extract the window that ends with it.
     *
     * @return the features (consumed by JMH)
     */
    @Benchmark
    public double[] hop() {
        live.append(source, position, hop);
        position = (position + hop) % source.length;
        return live.extractLast(window);
    }

    /** Delegates everything but {@link #openStream}, so the stream is the re-extracting default. */
    private static final class Reextracting implements FeatureExtractor {
        private final FeatureExtractor e;

        Reextracting(FeatureExtractor e) {
            this.e = e;
        }

        @Override
        public String id() {
            return e.id();
        }

        @Override
        public List<String> featureNames() {
            return e.featureNames();
        }

        @Override
        public float sampleRateHz() {
            return e.sampleRateHz();
        }

        @Override
        public double[] extract(AudioClip clip) {
            return e.extract(clip);
        }
    }
}
