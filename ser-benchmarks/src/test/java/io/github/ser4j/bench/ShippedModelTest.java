package io.github.ser4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.features.FeatureExtractors;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user's one line, {@code EmotionClassifier.load().predict(samples)}, from a module that sees
 * ser-models only as a built jar: the model is found through ServiceLoader and read from the jar.
 */
class ShippedModelTest {

    /** Demo clips shipped in the repository (seen in training: a pipeline check, not an evaluation). */
    private static final Path HAPPY = Path.of("../ser-models/src/test/resources/clips/03-01-03-02-01-01-02.wav");
    private static final Path FEARFUL = Path.of("../ser-models/src/test/resources/clips/03-01-06-02-01-01-02.wav");

    private static EmotionClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = EmotionClassifier.load();
    }

    @Test
    void predictsFromPlainSamples() throws Exception {
        float[] samples = AudioClip.read(HAPPY).samples(); // 16 kHz mono
        Prediction p = classifier.predict(samples);
        assertEquals(List.of(Emotion.values()), classifier.labels());
        assertEquals(8, p.probabilities().size());
        double sum = p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(1.0, sum, 1e-6);
        // A clip the model was trained on: a broken feature, standardisation or label order shows here.
        assertEquals(Emotion.HAPPY, p.emotion(), p.toString());
        assertEquals(Emotion.FEARFUL, classifier.predict(FEARFUL).emotion());
    }

    @Test
    void usesTheExtractorItWasTrainedWith() {
        String id = classifier.featureExtractorId();
        assertEquals(FeatureExtractors.byId(id).id(), id);
    }

    @Test
    void otherRatesAreResampledToTheModelRate() throws Exception {
        // Each demo clip taken up to 44.1 and 48 kHz and back. The resampler leaves the band near 8 kHz
        // far emptier than the 16-bit training recordings; the library rounds model input to 16-bit
        // levels so the model hears the floor it was trained with. Measured on these clips: total
        // probability shift from the native prediction 0.007-0.165 with the rounding, 0.10-0.92
        // without (features of the float clip). Asserted: the native label, a total shift under 0.25
        // per clip, and under half the unrounded shift overall.
        double rounded = 0;
        double unrounded = 0;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(FEARFUL.getParent())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".wav")).sorted().toList()) {
                AudioClip clip = AudioClip.read(file);
                Prediction native16k = classifier.predict(clip);
                for (float rate : new float[] {44_100f, 48_000f}) {
                    AudioClip other = clip.resampledTo(rate);
                    Prediction heard = classifier.predict(other);
                    Prediction raw = classifier.predictFeatures(classifier.featureExtractor().extract(other));
                    assertEquals(native16k.emotion(), heard.emotion(), file + " at " + rate);
                    double shift = totalShift(native16k, heard);
                    assertTrue(shift < 0.25, file + " at " + rate + ": total shift " + shift);
                    rounded += shift;
                    unrounded += totalShift(native16k, raw);
                }
            }
        }
        assertTrue(rounded < 0.5 * unrounded, "rounded " + rounded + " vs unrounded " + unrounded);
    }

    private static double totalShift(Prediction a, Prediction b) {
        double sum = 0;
        for (Emotion e : classifier.labels()) {
            sum += Math.abs(a.probabilityOf(e) - b.probabilityOf(e));
        }
        return sum;
    }

    @Test
    void sharedByManyThreadsGivesTheSerialResults() throws Exception {
        AudioClip happy = AudioClip.read(HAPPY);
        AudioClip fearful = AudioClip.read(FEARFUL);
        Prediction h = classifier.predict(happy);
        Prediction f = classifier.predict(fearful);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                boolean even = i % 2 == 0;
                results.add(pool.submit(() -> even ? classifier.predict(happy).equals(h) : classifier.predict(fearful).equals(f)));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
