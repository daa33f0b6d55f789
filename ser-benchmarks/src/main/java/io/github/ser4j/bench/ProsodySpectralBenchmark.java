package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.features.FeatureExtractors;
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
 * Time per clip of the MFCC-statistics, prosodic, spectral-shape and composite extractors on real
 * speech (the RAVDESS clip in this jar's resources, looped to {@link #seconds}). Real-time factor =
 * seconds of audio / time per clip; the targets are 1000x for {@code full} and 5000x for {@code mfcc}
 * (3 ms and 0.6 ms for 3 s).
 *
 * <p>Run: {@code java -jar ser-benchmarks/target/benchmarks.jar ProsodySpectral -f 1 -wi 3 -i 5 -prof gc}.
 *
 * <p>Thread-safety: JMH state, one instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProsodySpectralBenchmark {


    /** Clip length in seconds. */
    @Param({"3", "30"})
    public int seconds;

    private AudioClip clip;
    private FeatureExtractor mfcc;
    private FeatureExtractor prosody;
    private FeatureExtractor spectral;
    private FeatureExtractor mfccProsodySpectral;
    private FeatureExtractor full;

    /**
     * Loads the speech clip, loops it to the requested length, builds the extractors.
     *
     * @throws IOException if the resource is missing
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        clip = SpeechClips.looped(seconds);
        mfcc = FeatureExtractors.mfcc();
        prosody = FeatureExtractors.prosody();
        spectral = FeatureExtractors.spectral();
        mfccProsodySpectral = FeatureExtractors.mfccProsodySpectral();
        full = FeatureExtractors.full();
        if (full.sampleRateHz() != clip.sampleRateHz()) {
            throw new IllegalStateException("benchmark clip must be at " + full.sampleRateHz() + " Hz");
        }
    }

    /**
     * MFCC, delta and delta-delta statistics.
     *
     * @return the features (consumed by JMH)
     */
    @Benchmark
    public double[] mfccDeltas() {
        return mfcc.extract(clip);
    }

    /**
     * Prosody: F0, voicing, HNR, jitter, shimmer, level.
     *
     * @return the features (consumed by JMH)
     */
    @Benchmark
    public double[] prosody() {
        return prosody.extract(clip);
    }

    /**
     * Spectral shape.
     *
     * @return the features (consumed by JMH)
     */
    @Benchmark
    public double[] spectralShape() {
        return spectral.extract(clip);
    }

    /**
     * MFCC statistics + prosody + spectral shape (one shared STFT).
     *
     * @return the features (consumed by JMH)
     */
    @Benchmark
    public double[] mfccProsodySpectral() {
        return mfccProsodySpectral.extract(clip);
    }

    /**
     * The full vector: seed + MFCC statistics + prosody + spectral shape.
     *
     * @return the features (consumed by JMH)
     */
    @Benchmark
    public double[] full() {
        return full.extract(clip);
    }
}
