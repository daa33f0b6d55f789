package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.Prediction;
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
 * The whole user-facing path, {@code EmotionClassifier.load().predict(clip)}: feature extraction with
 * the shipped model's extractor, standardisation and the calibrated SMO, on one thread. The clip is
 * real speech (a RAVDESS recording) looped to the requested length.
 *
 * <p>Thread-safety: JMH confines each state instance to its benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PredictionBenchmark {


    /** Clip length in seconds. */
    @Param({"3", "30"})
    public int seconds;

    /** {@code shipped} for the pretrained model, or a model file (compare before and after in one run: -p model=shipped,FILE). */
    @Param({"shipped"})
    public String model;

    private AudioClip clip;
    private EmotionClassifier classifier;

    /**
     * Loads the shipped model and the speech clip, looped to the requested length.
     *
     * @throws IOException if the clip resource is missing
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        clip = SpeechClips.looped(seconds);
        classifier = model.equals("shipped") ? EmotionClassifier.load() : EmotionClassifier.load(java.nio.file.Path.of(model));
    }

    /**
     * Extraction plus classification of one clip.
     *
     * @return the prediction (consumed by JMH)
     */
    @Benchmark
    public Prediction predict() {
        return classifier.predict(clip);
    }
}
