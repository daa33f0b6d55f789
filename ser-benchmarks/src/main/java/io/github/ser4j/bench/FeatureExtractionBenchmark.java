package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.features.SeedFeatures;
import java.io.IOException;
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
 * Time per clip of the feature extractors on real speech (a RAVDESS clip from this jar's resources,
 * looped to {@link #seconds}). Real-time factor = seconds of audio / time per clip.
 *
 * <p>Run: {@code java -jar ser-benchmarks/target/benchmarks.jar FeatureExtraction -f 1 -wi 3 -i 5}
 * (add {@code -prof gc} for bytes per clip; compare 3 s with 30 s to see per-frame allocation).
 *
 * <p>Thread-safety: JMH state, one instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FeatureExtractionBenchmark {


    /** Clip length in seconds. */
    @Param({"3", "30"})
    public int seconds;

    private AudioClip clip;
    private SeedFeatures seed;

    /**
     * Loads the speech clip, loops it to the requested length, builds the extractors.
     *
     * @throws IOException if the resource is missing
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        clip = SpeechClips.looped(seconds);
        seed = SeedFeatures.create();
        if (seed.sampleRateHz() != clip.sampleRateHz()) {
            throw new IllegalStateException("benchmark clip must be at " + seed.sampleRateHz() + " Hz");
        }
    }

    /**
     * The 164-value librosa-compatible seed vector.
     *
     * @return the features (consumed by JMH)
     */
    @Benchmark
    public double[] seedLibrosa() {
        return seed.extract(clip);
    }
}
