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
import java.util.Random;
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
    void theFinalModelIsCheckedAgainstWekaOnItsTrainingRows() throws Exception {
        List<String> lines = new ArrayList<>();
        TrainingResult r = SmoTrainer.train(data, new ToneExtractor(), small(2), s -> {
            synchronized (lines) {
                lines.add(s);
            }
        });
        String check = lines.stream().filter(l -> l.startsWith("exported SVM equals Weka on ")).findFirst()
                .orElseThrow(() -> new AssertionError(lines.toString()));
        int rows = Integer.parseInt(check.substring("exported SVM equals Weka on ".length()).split(" ")[0]);
        assertTrue(rows > 0 && rows <= 60, check);
        assertTrue(check.matches(".*largest difference [0-9.e+-]+\\)"), check);
        assertEquals(r.classifier().labels().size(), r.classifier().svm().classes(), check);
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

    @Test
    void augmentedCopiesOfTestClipsNeverTrainAFold() {
        // Random features and labels: nothing to learn, so only a leak (a test clip's copy in training,
        // here an exact duplicate) could predict the test clips well.
        int n = 100;
        Random rnd = new Random(3);
        double[][] x = new double[2 * n][];
        int[] y = new int[2 * n];
        String[] speakers = new String[2 * n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            y[i] = rnd.nextInt(4);
            speakers[i] = "S" + (i % 5);
            x[i + n] = x[i].clone();
            y[i + n] = y[i];
            speakers[i + n] = speakers[i] + "#copy1";
        }
        List<Emotion> labels = List.of(FOUR);
        TrainerOptions o = TrainerOptions.defaults().withGrids(List.of(1000.0), List.of(100.0), List.of(1.0))
                .withFolds(5, false, 1).withThreads(2);
        FeatureExtractorStub fx = new FeatureExtractorStub();
        EvaluationReport honest = SmoTrainer.search(x, y, speakers, labels, o, fx.get(), n, null);
        assertEquals(n, honest.n());
        assertTrue(honest.accuracy() < 0.45, "copies of test clips leaked into training: " + honest.accuracy());
        // the control: the same rows treated as independent clips, so a clip's duplicate lands in other folds
        EvaluationReport leaky = SmoTrainer.search(x, y, speakers, labels, o, fx.get(), 2 * n, null);
        assertTrue(leaky.accuracy() > 0.7, "the leak control should memorise: " + leaky.accuracy());
        int[] fold = SmoTrainer.folds(java.util.Arrays.copyOf(y, n), java.util.Arrays.copyOf(speakers, n), 4, o);
        for (int f = 0; f < 5; f++) {
            int[] rows = SmoTrainer.trainingRows(Folds.rowsWhere(fold, f, false), n, 2 * n);
            assertEquals(2 * Folds.rowsWhere(fold, f, false).length, rows.length);
            for (int r : rows) {
                assertTrue(fold[r % n] != f, "row " + r + " is a copy of a test clip of fold " + f);
            }
        }
    }

    @Test
    void augmentedTrainingStoresTheSpecAndKeepsTheClipCount() throws Exception {
        TrainerOptions o = small(2).withGrids(List.of(10.0), List.of(0.1), List.of(1.0)).withFolds(5, true, 1)
                .withAugmentation(Augmentation.parse("copies=2,white=10:20,telephone,babble=5:10"));
        TrainingResult r = SmoTrainer.train(data, new ToneExtractor(), o, null);
        assertEquals(60, r.crossValidation().n());
        assertTrue(r.crossValidation().accuracy() > 0.8, r.crossValidation().toText());
        Path file = tmp.resolve("aug.ser4j");
        r.classifier().save(file);
        SmoEmotionClassifier back = ModelFile.read(file, new TestResolver());
        assertEquals("copies=2,white=10:20,telephone,babble=5:10", back.provenance().trainer().augmentation().spec());
        assertEquals(o, TrainerOptions.fromJson((java.util.Map<?, ?>) Json.parse(Json.write(o.toJson()))));
    }

    @Test
    void aFeatureAMillionSdOutDoesNotDecideTheSquashedModelsPrediction() throws Exception {
        // 40 standard-normal features, the class in the sign pattern of the first two; gamma 1/(8d) as shipped
        int d = 40;
        Random rnd = new Random(5);
        double[][] x = new double[240][d];
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = rnd.nextGaussian();
            }
            y[i] = (x[i][0] > 0 ? 1 : 0) + (x[i][1] > 0 ? 2 : 0);
            x[i][0] += x[i][0] > 0 ? 1 : -1;
            x[i][1] += x[i][1] > 0 ? 1 : -1;
        }
        List<Emotion> labels = List.of(FOUR);
        SvmParameters p = new SvmParameters(SvmParameters.Kernel.RBF, 16, 1.0 / (8 * d), 1);
        TrainerOptions o = small(1);
        SmoEmotionClassifier plain = SmoTrainer.fit(x, y, labels, p, SmoTrainer.matrixExtractor(d), null, o, null);
        SmoEmotionClassifier squashed = SmoTrainer.fit(x, y, labels, p, SmoTrainer.matrixExtractor(d), data.summary(),
                o.withSquash(5), null);
        int rightClean = 0;
        int rightPushed = 0;
        java.util.Set<Emotion> plainSaid = java.util.EnumSet.noneOf(Emotion.class);
        for (int i = 0; i < 200; i++) {
            double[] f = new double[d];
            for (int j = 0; j < d; j++) {
                f[j] = rnd.nextGaussian();
            }
            int truth = (f[0] > 0 ? 1 : 0) + (f[1] > 0 ? 2 : 0);
            f[0] += f[0] > 0 ? 1 : -1;
            f[1] += f[1] > 0 ? 1 : -1;
            rightClean += squashed.predictFeatures(f).emotion() == FOUR[truth] ? 1 : 0;
            f[7] = 1e6; // a feature of no meaning, a million standard deviations out
            Prediction pushed = squashed.predictFeatures(f);
            assertTrue(pushed.outOfDomain() && !pushed.hasEmotion(), "so far out, predict gives no emotion");
            // but the model's distribution, which scoring counts, still follows the other features
            rightPushed += Research.answer(pushed) == FOUR[truth] ? 1 : 0;
            plainSaid.add(Research.answer(plain.predictFeatures(f)));
        }
        assertTrue(rightClean > 150, rightClean + " of 200");
        assertTrue(rightPushed >= rightClean - 10, "pushed " + rightPushed + " vs clean " + rightClean + " of 200");
        // the control: unsquashed, the kernel sees only that feature and every clip gets one answer
        assertEquals(1, plainSaid.size(), plainSaid.toString());
        Path file = tmp.resolve("squash.ser4j");
        squashed.save(file);
        SmoEmotionClassifier back = ModelFile.read(file, new TestResolver(SmoTrainer.matrixExtractor(d)));
        assertEquals(5.0, back.provenance().trainer().squash());
        double[] f = x[0].clone();
        f[3] = 1e9;
        assertArrayEquals(squashed.distribution(f), back.distribution(f));
    }

    /** A matrix extractor for searches on hand-made rows. */
    static final class FeatureExtractorStub {
        io.github.ser4j.core.FeatureExtractor get() {
            return SmoTrainer.matrixExtractor(3);
        }
    }
}
