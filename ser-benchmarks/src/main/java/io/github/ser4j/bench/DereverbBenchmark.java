package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.features.Dereverberated;
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
 * Cost of the {@link Dereverberated} front end on real speech (a RAVDESS clip from this jar's resources,
 * looped to {@link #seconds}): the front end alone (over an inner extractor that reads one sample), for
 * the settings of {@link #settings} ({@code 3:0:1} is the STFT round trip
 * alone), and the whole {@code speech-span} and {@code speech-span-dereverb} extraction in the same run.
 *
 * <p>Run: {@code java -jar ser-benchmarks/target/benchmarks.jar Dereverb -f 1 -wi 3 -i 5}
 *
 * <p>Thread-safety: JMH state, one instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DereverbBenchmark {

    /** Clip length in seconds. */
    @Param({"3"})
    public int seconds;

    /**
     * WPE's delay, taps and iterations, or {@code L:delay:rt60} for the spectral subtraction, colon-separated
     * (JMH splits -p values at commas).
     */
    @Param({"3:0:1", "3:5:1", "2:10:3", "L:4:0.5"})
    public String settings;

    private AudioClip clip;
    private FeatureExtractor frontEnd;
    private FeatureExtractor speechSpan;
    private FeatureExtractor speechSpanDereverb;

    /** An inner extractor that costs nothing: what is measured is the front end. */
    private static final class OneSample implements FeatureExtractor {
        @Override
        public String id() {
            return "one-sample/1";
        }

        @Override
        public List<String> featureNames() {
            return List.of("first");
        }

        @Override
        public float sampleRateHz() {
            return 16_000f;
        }

        @Override
        public double[] extract(AudioClip c) {
            return new double[] {c.sample(0)};
        }
    }

    /**
     * Loads the speech clip, loops it to the requested length, builds the extractors.
     *
     * @throws IOException if the resource is missing
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        clip = SpeechClips.looped(seconds);
        String[] s = settings.split(":");
        frontEnd = s[0].equals("L") ? Dereverberated.subtracting(new OneSample(), Integer.parseInt(s[1]), Double.parseDouble(s[2]))
                : Dereverberated.of(new OneSample(), Integer.parseInt(s[0]), Integer.parseInt(s[1]), Integer.parseInt(s[2]));
        speechSpan = FeatureExtractors.byName("speech-span");
        speechSpanDereverb = FeatureExtractors.byName("speech-span-dereverb");
    }

    /**
     * The front end alone.
     *
     * @return its output (consumed by JMH)
     */
    @Benchmark
    public double[] frontEnd() {
        return frontEnd.extract(clip);
    }

    /**
     * The shipped feature set, for comparison.
     *
     * @return the features (consumed by JMH)
     */
    @Benchmark
    public double[] speechSpan() {
        return speechSpan.extract(clip);
    }

    /**
     * The shipped feature set after the preset's dereverberation.
     *
     * @return the features (consumed by JMH)
     */
    @Benchmark
    public double[] speechSpanDereverb() {
        return speechSpanDereverb.extract(clip);
    }
}
