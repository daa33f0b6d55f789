package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.Prediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmoTrainerTest {

    static final Emotion[] FOUR = {Emotion.NEUTRAL, Emotion.HAPPY, Emotion.ANGRY, Emotion.SURPRISED};

    @TempDir
    static Path tmp;
    static Dataset data;

    @BeforeAll
    static void writeData() throws Exception {
        TestAudio.writeRavdess(tmp.resolve("ravdess"), FOUR, 5, 3);
        data = Dataset.read(tmp.resolve("ravdess"));
    }

    static TrainerOptions small(int threads) {
        return TrainerOptions.defaults().withGrids(List.of(1.0, 10.0), List.of(0.01, 0.1), List.of(1.0))
                .withFolds(3, false, 7).withThreads(threads);
    }

    @Test
    void separableTonesAreLearnedAndProbabilitiesSumToOne() throws Exception {
        TrainingResult r = SmoTrainer.train(data, new ToneExtractor(), small(2), null);
        EvaluationReport cv = r.crossValidation();
        assertEquals(60, cv.n());
        assertEquals(4, cv.grid().size());
        assertTrue(cv.accuracy() > 0.9, "CV accuracy on separable tones: " + cv.toText());
        assertEquals(List.of(FOUR), r.classifier().labels());
        for (Emotion e : FOUR) {
            AudioClip tone = AudioClip.of(TestAudio.tone(e, 16000, 0.4, 999 + e.ordinal()), 16000);
            // predict() would call a tone no speech; the model itself is what is tested here
            Prediction p = r.classifier().predictFeatures(SmoEmotionClassifier.features(tone, new ToneExtractor()));
            assertEquals(e, p.emotion(), p.toString());
            double sum = p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum();
            assertEquals(1.0, sum, 1e-9);
            assertEquals(4, p.probabilities().size());
        }
    }

    @Test
    void resultsDoNotDependOnThreadCount() throws Exception {
        EvaluationReport one = SmoTrainer.crossValidate(data, new ToneExtractor(), small(1), null);
        EvaluationReport two = SmoTrainer.crossValidate(data, new ToneExtractor(), small(2), null);
        assertEquals(one.toJson(), two.toJson());
    }

    @Test
    void groupedSearchKeepsSpeakersApartAndReportsProgress() throws Exception {
        List<String> lines = new ArrayList<>();
        EvaluationReport r = SmoTrainer.crossValidate(data, new ToneExtractor(),
                small(2).withFolds(5, true, 1), s -> {
                    synchronized (lines) {
                        lines.add(s);
                    }
                });
        assertEquals("speaker-grouped 5-fold", r.protocol());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("cv fits: 20/20")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("features: 60/60")), lines.toString());
    }

    @Test
    void tooManyGroupedFoldsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                SmoTrainer.crossValidate(data, new ToneExtractor(), small(1).withFolds(6, true, 1), null));
        assertEquals("cannot make 6 speaker-grouped folds from 5 speakers", e.getMessage());
    }

    @Test
    void polyKernelTrains() throws Exception {
        TrainerOptions o = small(2).withKernel(SvmParameters.Kernel.POLY).withGrids(List.of(1.0), List.of(), List.of(1.0, 2.0));
        EvaluationReport r = SmoTrainer.crossValidate(data, new ToneExtractor(), o, null);
        assertEquals(SvmParameters.Kernel.POLY, r.chosen().kernel());
        assertTrue(r.accuracy() > 0.8, r.toText());
    }

    @Test
    void savedModelLoadsBackWithIdenticalPredictionsAndProvenance() throws Exception {
        TrainingResult r = SmoTrainer.train(data, new ToneExtractor(), small(2), null);
        Path file = tmp.resolve("m.ser4j");
        r.classifier().save(file);
        SmoEmotionClassifier back = ModelFile.read(file, new TestResolver());
        assertEquals(r.classifier().provenance(), back.provenance());
        assertEquals(data.summary(), back.provenance().data().withClipHashes(List.of()));
        assertEquals(60, back.provenance().data().clipHashes().size(), "one content hash per training clip");
        assertEquals(r.crossValidation().toJson(), back.provenance().crossValidation().toJson());
        for (Emotion e : FOUR) {
            double[] f = new ToneExtractor().extract(AudioClip.of(TestAudio.tone(e, 8000, 0.5, 5), 8000));
            assertArrayEquals(r.classifier().distribution(f), back.distribution(f));
        }
    }

    @Test
    void defaultGammaGridScalesWithTheDimension() {
        assertEquals(List.of(0.000313, 0.000625, 0.00125, 0.0025, 0.005), TrainerOptions.defaultsFor(200).gammaGrid());
        assertEquals(List.of(0.000127, 0.000253, 0.000506, 0.00101, 0.00202), TrainerOptions.defaultsFor(494).gammaGrid());
        assertEquals(TrainerOptions.defaults().cGrid(), TrainerOptions.defaultsFor(200).cGrid());
        assertThrows(IllegalArgumentException.class, () -> TrainerOptions.defaultsFor(0));
    }

    @Test
    void optionsSurviveTheirJsonForm() {
        TrainerOptions o = small(3).withMetric(TrainerOptions.Metric.MACRO_F1).withFolds(4, true, 9);
        assertEquals(o, TrainerOptions.fromJson((java.util.Map<?, ?>) Json.parse(Json.write(o.toJson()))));
    }
}
