package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.SpeakerSession;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemperatureScalingTest {

    @TempDir
    static Path tmp;

    static double[] softmax(double[] z, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp((z[i] - max) / t);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Logits with spread sd; labels drawn from softmax(z / t0); distributions softmax(z) (what a model reports). */
    record Synthetic(double[][] p, int[] y) {
    }

    static Synthetic synthetic(int n, int k, double sd, double t0, long seed) {
        Random rnd = new Random(seed);
        double[][] p = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double[] z = new double[k];
            for (int j = 0; j < k; j++) {
                z[j] = sd * rnd.nextGaussian();
            }
            double[] truth = softmax(z, t0);
            double u = rnd.nextDouble();
            int c = 0;
            for (double acc = truth[0]; acc < u && c < k - 1; acc += truth[++c]) {
                // walk the cumulative distribution
            }
            y[i] = c;
            p[i] = softmax(z, 1);
        }
        return new Synthetic(p, y);
    }

    @Test
    void scalingIsSoftmaxOfLogitsOverTAndSumsToOne() {
        double[] z = {1.5, -0.3, 4.0, 0.0, 2.2};
        double[] p = softmax(z, 1);
        for (double t : new double[] {0.3, 1, 2.5, 40}) {
            double[] q = TemperatureScaling.scale(p, t);
            assertArrayEquals(softmax(z, t), q, 1e-12, "T = " + t);
            assertEquals(1.0, java.util.Arrays.stream(q).sum(), 1e-12);
        }
    }

    @Test
    void scalingNeverChangesTheArgmaxEvenForNearTies() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 20_000; trial++) {
            double[] p = new double[8];
            double sum = 0;
            for (int j = 0; j < p.length; j++) {
                p[j] = trial % 3 == 0 ? Math.pow(rnd.nextDouble(), 8) : rnd.nextDouble();
                sum += p[j];
            }
            for (int j = 0; j < p.length; j++) {
                p[j] /= sum;
            }
            int a = WekaSvm.argmax(p);
            if (trial % 5 == 0 && a > 0) { // a neighbour one ulp below the top, ahead of it in label order
                p[a - 1] = Math.nextDown(p[a]);
            }
            double t = Math.exp(rnd.nextDouble() * Math.log(200)) / 2; // 0.5 .. 100
            double[] q = TemperatureScaling.scale(p, t);
            assertEquals(a, WekaSvm.argmax(q), "trial " + trial + " T = " + t);
            assertEquals(1.0, java.util.Arrays.stream(q).sum(), 1e-12);
            // and the prediction the API builds agrees
            Map<Emotion, Double> m = new java.util.EnumMap<>(Emotion.class);
            for (int j = 0; j < q.length; j++) {
                m.put(Emotion.values()[j], q[j]);
            }
            assertEquals(Emotion.values()[a], Prediction.of(m).emotion());
        }
    }

    @Test
    void zerosStayZeroAndBadTemperaturesAreRefused() {
        double[] q = TemperatureScaling.scale(new double[] {0.7, 0, 0.3}, 3);
        assertEquals(0.0, q[1]);
        assertEquals(1.0, q[0] + q[2], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> TemperatureScaling.scale(new double[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> TemperatureScaling.scale(new double[] {1}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> TemperatureScaling.fit(new double[0][], new int[0]));
    }

    @Test
    void fitRecoversAKnownTemperature() {
        for (double t0 : new double[] {0.5, 3.0, 8.0}) {
            Synthetic s = synthetic(20_000, 8, 3, t0, 42 + (long) t0);
            double t = TemperatureScaling.fit(s.p(), s.y());
            assertEquals(t0, t, 0.06 * t0, "fitted " + t + " for T0 = " + t0);
        }
    }

    @Test
    void fittedTemperatureLowersHeldOutNll() {
        Synthetic train = synthetic(3_000, 8, 4, 4.0, 1);
        Synthetic test = synthetic(3_000, 8, 4, 4.0, 2);
        double t = TemperatureScaling.fit(train.p(), train.y());
        double before = TemperatureScaling.nll(test.p(), test.y(), 1);
        double after = TemperatureScaling.nll(test.p(), test.y(), t);
        assertTrue(after < before - 0.3, "held-out NLL " + before + " -> " + after + " at T = " + t);
        // the fit is the minimum: nearby temperatures do no better on the data it was fitted on
        double atT = TemperatureScaling.nll(train.p(), train.y(), t);
        assertTrue(atT <= TemperatureScaling.nll(train.p(), train.y(), t * 1.05));
        assertTrue(atT <= TemperatureScaling.nll(train.p(), train.y(), t / 1.05));
        // the scores of the report agree with the scaling's own NLL
        double[][] scaled = new double[test.p().length][];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = TemperatureScaling.scale(test.p()[i], t);
        }
        assertEquals(after, EvaluationReport.ProbabilityScores.of(scaled, test.y()).nll(), 1e-12);
    }

    @Test
    void scoresMatchAHandWorkedExample() {
        double[][] p = {
            {0.9, 0.05, 0.05}, // truth 0: right, confidence 0.9 -> bin (13/15, 14/15]
            {0.92, 0.04, 0.04}, // truth 1: wrong, 0.92 -> the same bin
            {0.3, 0.5, 0.2}, // truth 1: right, 0.5 -> bin (7/15, 8/15]
            {0.45, 0.35, 0.2}, // truth 2: wrong, 0.45 -> bin (6/15, 7/15]
        };
        int[] truth = {0, 1, 1, 2};
        EvaluationReport.ProbabilityScores s = EvaluationReport.ProbabilityScores.of(p, truth);
        assertEquals((0.9 + 0.92 + 0.5 + 0.45) / 4, s.meanConfidence(), 1e-12);
        // bins: 2/4·|0.5 − 0.91| + 1/4·|1 − 0.5| + 1/4·|0 − 0.45| = 0.205 + 0.125 + 0.1125
        assertEquals(0.4425, s.ece(), 1e-12);
        assertEquals(-(Math.log(0.9) + Math.log(0.04) + Math.log(0.5) + Math.log(0.2)) / 4, s.nll(), 1e-12);
        // (0.015 + 1.7696 + 0.38 + 0.965) / 4
        assertEquals(0.7824, s.brier(), 1e-12);
    }

    @Test
    void perfectlyCalibratedSyntheticDataHasSmallEce() {
        Synthetic s = synthetic(50_000, 8, 2, 1.0, 9); // labels drawn from the reported distribution itself
        EvaluationReport.ProbabilityScores sc = EvaluationReport.ProbabilityScores.of(s.p(), s.y());
        assertTrue(sc.ece() < 0.01, "ECE " + sc.ece());
        double[][] sharp = new double[s.p().length][];
        for (int i = 0; i < sharp.length; i++) {
            sharp[i] = TemperatureScaling.scale(s.p()[i], 0.3);
        }
        assertTrue(EvaluationReport.ProbabilityScores.of(sharp, s.y()).ece() > 0.1);
    }

    @Test
    void reportJsonRoundTripsTheCalibrationAndOldReportsReadWithout() {
        EvaluationReport base = EvaluationReport.score("held-out", EvaluationReportTest.L, EvaluationReportTest.TRUTH,
                EvaluationReportTest.PRED, null, null, null);
        EvaluationReport.ProbabilityScores a = new EvaluationReport.ProbabilityScores(0.99, 0.4, 2.5, 0.8);
        EvaluationReport.ProbabilityScores b = new EvaluationReport.ProbabilityScores(0.6, 0.03, 1.2, 0.55);
        EvaluationReport r = base.withCalibration(new EvaluationReport.Calibration(3.25, a, b, b));
        Map<?, ?> m = (Map<?, ?>) Json.parse(r.toJson());
        assertEquals(r, EvaluationReport.fromJsonMap(m));
        assertEquals(3.25, ((Map<?, ?>) m.get("calibration")).get("temperature"));
        assertTrue(r.toText().contains("temperature T = 3.2500"), r.toText());
        assertTrue(r.toText().matches("(?s).*uncalibrated \\(T = 1\\) +0\\.9900 +0\\.4000 +2\\.5000 +0\\.8000.*"), r.toText());
        // a report written before calibration existed
        Map<?, ?> old = (Map<?, ?>) Json.parse(base.toJson());
        assertNull(old.get("calibration"));
        assertNull(EvaluationReport.fromJsonMap(old).calibration());
        // the accuracy gate reads the first "accuracy" key; calibration must add none
        assertEquals(1, r.toJson().split("\"accuracy\":", -1).length - 1);
    }

    /** Rebuilds a model file with the given change to its top-level JSON. */
    static byte[] withJson(byte[] file, java.util.function.Consumer<Map<String, Object>> change) {
        return ModelFiles.withJson(file, change);
    }

    @Test
    void modelFileRoundTripsTheTemperatureAndOlderFilesLoadWithOne() throws Exception {
        // noisy, overlapping tones so the CV is imperfect and the fitted temperature is informative
        TestAudio.writeRavdess(tmp.resolve("data"), SmoTrainerTest.FOUR, 5, 3);
        TrainerOptions o = TrainerOptions.defaults().withGrids(List.of(64.0), List.of(1.0), List.of(1.0))
                .withFolds(3, false, 2).withThreads(2);
        TrainingResult r = SmoTrainer.train(Dataset.read(tmp.resolve("data")), new ToneExtractor(), o, null);
        SmoEmotionClassifier model = r.classifier();
        EvaluationReport.Calibration c = r.crossValidation().calibration();
        assertNotNull(c);
        assertNotNull(c.crossFitted());
        double t = model.provenance().temperature();
        assertEquals(c.temperature(), t);
        assertTrue(t >= TemperatureScaling.MIN_TEMPERATURE && t <= TemperatureScaling.MAX_TEMPERATURE, "T " + t);
        assertNotEquals(1.0, t);
        assertTrue(model.toString().contains("temperature "), model.toString());
        // the fit is the minimum of the out-of-fold NLL, so scaling never makes it worse in-sample
        assertTrue(c.calibrated().nll() <= c.uncalibrated().nll(), r.crossValidation().toText());

        Path f = tmp.resolve("m.ser4j");
        model.save(f);
        byte[] good = Files.readAllBytes(f);
        SmoEmotionClassifier back = ModelFile.decode(good, "model file m", new TestResolver());
        assertEquals(t, back.provenance().temperature());
        assertEquals(model.provenance(), back.provenance());

        SmoEmotionClassifier old = ModelFile.decode(withJson(good, j -> assertNotNull(j.remove("temperature"))),
                "model file old", new TestResolver());
        assertEquals(1.0, old.provenance().temperature());
        for (Emotion e : SmoTrainerTest.FOUR) {
            double[] x = new ToneExtractor().extract(AudioClip.of(TestAudio.tone(e, 16000, 0.4, 77 + e.ordinal()), 16000));
            double[] raw = old.distribution(x);
            double[] scaled = back.distribution(x);
            assertArrayEquals(TemperatureScaling.scale(raw, t), scaled, 1e-12);
            assertEquals(WekaSvm.argmax(raw), WekaSvm.argmax(scaled));
            assertEquals(back.predictFeatures(x).confidence(), scaled[WekaSvm.argmax(scaled)], 1e-15);
        }

        // held-out scoring: the scaled model's "uncalibrated" scores are those of the file without T
        Dataset data = Dataset.read(tmp.resolve("data"));
        EvaluationReport.Calibration scaledEval = Evaluator.evaluate(back, data, 2, null).calibration();
        EvaluationReport.Calibration rawEval = Evaluator.evaluate(old, data, 2, null).calibration();
        assertEquals(t, scaledEval.temperature());
        assertEquals(1.0, rawEval.temperature());
        assertNull(scaledEval.crossFitted());
        assertEquals(rawEval.calibrated().nll(), scaledEval.uncalibrated().nll(), 1e-9);
        assertEquals(rawEval.calibrated().brier(), scaledEval.uncalibrated().brier(), 1e-9);
        assertEquals(rawEval.calibrated().meanConfidence(), scaledEval.uncalibrated().meanConfidence(), 1e-9);

        byte[] bad = withJson(good, j -> j.put("temperature", -2.0));
        java.io.IOException ex = assertThrows(java.io.IOException.class,
                () -> ModelFile.decode(bad, "model file bad", new TestResolver()));
        assertTrue(ex.getMessage().contains("temperature"), ex.getMessage());
    }

    @Test
    void sessionsApplyTheTemperatureOfTheAdaptedModel() throws Exception {
        SpeakerAdaptationTest.Synthetic s = SpeakerAdaptationTest.offsetSpeakers(10, 20, 5);
        TrainerOptions o = SpeakerAdaptationTest.grouped().withAdaptation(new SpeakerAdaptation(2, 2, 0, true));
        EvaluationReport cv = SmoTrainer.search(s.x(), s.y(), s.speakers(), SpeakerAdaptationTest.TWO, o, null);
        assertTrue(cv.protocol().contains("online"), cv.protocol());
        int[] all = new int[s.x().length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        SmoEmotionClassifier model = SmoTrainer.fit(s.x(), s.y(), s.speakers(), all, SpeakerAdaptationTest.TWO,
                cv.chosen(), SmoTrainer.matrixExtractor(2), null, o, cv);
        SmoEmotionClassifier plain = SmoTrainer.fit(s.x(), s.y(), s.speakers(), all, SpeakerAdaptationTest.TWO,
                cv.chosen(), SmoTrainer.matrixExtractor(2), null, o, null);
        double t = model.provenance().temperature();
        assertEquals(cv.calibration().temperature(), t);
        assertEquals(1.0, plain.provenance().temperature());
        SpeakerSession a = model.newSpeakerSession();
        SpeakerSession b = plain.newSpeakerSession();
        for (int i = 0; i < 6; i++) {
            double[] x = s.x()[i];
            double[] pa = SmoTrainer.toArray(a.predictFeatures(x), SpeakerAdaptationTest.TWO);
            double[] pb = SmoTrainer.toArray(b.predictFeatures(x), SpeakerAdaptationTest.TWO);
            assertArrayEquals(TemperatureScaling.scale(pb, t), pa, 1e-9, "clip " + i);
            a.observeFeatures(x);
            b.observeFeatures(x);
        }
    }
}
