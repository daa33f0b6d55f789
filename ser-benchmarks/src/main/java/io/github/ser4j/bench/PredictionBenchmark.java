package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.SpeechEvidence;
import io.github.ser4j.features.SpeechDetector;
import io.github.ser4j.models.Research;
import java.io.IOException;
import java.nio.file.Path;
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
 * the shipped model's extractor, standardisation and the calibrated SVM, on one thread; and the classifier
 * part alone ({@code classify}: {@code predictFeatures} of the clip's features). The clip is real speech (a
 * RAVDESS recording) looped to the requested length.
 *
 * <p>{@code engine} compares, in one run, ser4j's own evaluator of the exported SVM ({@code ser4j}, what
 * {@code load()} uses) with Weka's {@code SMO.distributionForInstance} on the same model ({@code weka}, the
 * Weka SMO read from the model's old-format file, {@value #LEGACY_MODEL} by default, or the system property
 * {@code ser4j.legacyModel}; run from the repository's root).
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

    /**
     * The previous default model (the {@code full} preset) in the old format: Weka's SMO for the {@code weka}
     * engine, and the {@code previous} model of the {@code ser4j} engine (converted in memory).
     */
    static final String LEGACY_MODEL = "ser-models/src/test/resources/io/github/ser4j/models/legacy/previous-default-v2.ser4j";

    /** Clip length in seconds. */
    @Param({"3", "30"})
    public int seconds;

    /**
     * {@code previous} for {@link #LEGACY_MODEL} (the engines compare on it: the {@code weka} engine needs the
     * old-format file of its model), {@code shipped} for the pretrained model, or a model file (compare
     * models in one run: {@code -p engine=ser4j -p model=shipped,previous}).
     */
    @Param({"previous"})
    public String model;

    /** {@code ser4j}: the exported SVM and ser4j's evaluator; {@code weka}: Weka's SMO on the same model. */
    @Param({"ser4j", "weka"})
    public String engine;

    private AudioClip clip;
    private double[] features;
    private EmotionClassifier classifier;

    /**
     * Loads the shipped model and the speech clip, looped to the requested length.
     *
     * @throws IOException if the clip resource or the old-format model is missing
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        clip = SpeechClips.looped(seconds);
        Path legacy = Path.of(System.getProperty("ser4j.legacyModel", LEGACY_MODEL));
        EmotionClassifier base = switch (model) {
            case "shipped" -> EmotionClassifier.load();
            case "previous" -> Research.legacyModel(legacy);
            default -> EmotionClassifier.load(Path.of(model));
        };
        classifier = switch (engine) {
            case "ser4j" -> base;
            case "weka" -> Research.wekaReference(base, legacy);
            default -> throw new IllegalArgumentException("engine must be ser4j or weka, got " + engine);
        };
        features = base.featureExtractor().extract(clip.resampledTo(base.featureExtractor().sampleRateHz())
                .quantizedToPcm16());
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

    /**
     * {@code predict} as it ran before the detector listened to the extractor's input: the speech detector
     * on the whole clip, then a separate extraction (for a front end such as {@code speech-span}, a second
     * pitch track, of the span). The same prediction; kept to compare both in one run.
     *
     * @return the prediction (consumed by JMH)
     */
    @Benchmark
    public Prediction predictDetectorOnWholeClip() {
        FeatureExtractor fx = classifier.featureExtractor();
        AudioClip heard = clip.resampledToPcm16(fx.sampleRateHz());
        SpeechEvidence speech = SpeechDetector.analyse(heard);
        return speech.speech() ? classifier.predictFeatures(fx.extract(heard)).withSpeech(speech) : Prediction.noSpeech(speech);
    }

    /**
     * Classification alone: standardisation and the calibrated SVM on the clip's features.
     *
     * @return the prediction (consumed by JMH)
     */
    @Benchmark
    public Prediction classify() {
        return classifier.predictFeatures(features);
    }
}
