package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.SpeakerProfile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.SMO;
import weka.core.Instances;

/**
 * ser4j's evaluator against Weka's {@code SMO.distributionForInstance}, on real features: the previous shipped
 * adapted model ({@code robust} preset) and the older default model ({@code full} preset, 1,003 support vectors)
 * as trained (the old-format files, kept as test resources, hold the Weka SMOs), and polynomial models trained
 * on the same rows. The shipped models' Weka SMOs are not kept: {@code train} checks every final model against
 * its SMO on all the SMO's training rows before it returns it (largest difference 0 for both shipped models). The rows are every RAVDESS training row the Weka model keeps (standardised features of
 * actors 01-20), midpoints of random pairs of them (off the training set), and the committed clips' features.
 */
class WekaParityTest {

    static final double TOLERANCE = 1e-9;
    static final String LEGACY = "/io/github/ser4j/models/legacy/";
    static final String[] CLIPS = {"03-01-03-02-01-01-02.wav", "03-01-04-02-01-01-02.wav", "03-01-05-02-01-01-02.wav",
        "03-01-06-02-01-01-02.wav"};

    static LegacyModelFile.Legacy legacy(String resource) throws Exception {
        try (InputStream in = WekaParityTest.class.getResourceAsStream(LEGACY + resource)) {
            return LegacyModelFile.read(in.readAllBytes(), resource);
        }
    }

    /** Training rows, midpoints of random pairs of them, and the committed clips as this model standardises them. */
    static List<double[]> rows(LegacyModelFile.Legacy m, int midpoints) throws Exception {
        List<double[]> train = WekaSvm.trainingRows(m.smo());
        List<double[]> rows = new ArrayList<>(train);
        Random rnd = new Random(12);
        for (int i = 0; i < midpoints; i++) {
            double[] a = train.get(rnd.nextInt(train.size()));
            double[] b = train.get(rnd.nextInt(train.size()));
            double[] c = new double[a.length];
            for (int j = 0; j < c.length; j++) {
                c[j] = (a[j] + b[j]) / 2;
            }
            rows.add(c);
        }
        FeatureExtractor ex = ExtractorResolver.DEFAULT.byId(m.provenance().extractorId());
        SpeakerNormalization sn = m.provenance().speakerNormalization();
        for (String clip : CLIPS) {
            double[] f = SmoEmotionClassifier.features(AudioClip.read(Path.of("src/test/resources/clips", clip)), ex);
            rows.add(m.standardizer().apply(sn == null ? f : sn.apply(f, SpeakerProfile.empty(ex.id(), f.length))));
        }
        return rows;
    }

    /** The largest difference of any class probability between Weka and the exported model (read back from its file). */
    static double worstDifference(SMO smo, ModelProvenance provenance, Standardizer st, List<double[]> rows) throws Exception {
        SupportVectorMachine svm = ModelFile.parse(ModelFile.encode(provenance, st, WekaSvm.export(smo)), "m").svm();
        Instances header = WekaSvm.header(svm.dimension(), provenance.labels());
        double worst = 0;
        for (double[] row : rows) {
            double[] weka = WekaSvm.distribution(smo, header, row);
            double[] ours = svm.distribution(row);
            assertEquals(weka.length, ours.length);
            for (int c = 0; c < weka.length; c++) {
                worst = Math.max(worst, Math.abs(weka[c] - ours[c]));
            }
        }
        return worst;
    }

    @Test
    void previousDefaultModelEqualsWeka() throws Exception {
        LegacyModelFile.Legacy m = legacy("previous-default-v2.ser4j");
        List<double[]> rows = rows(m, 800);
        assertTrue(rows.size() >= 2000, rows.size() + " rows");
        double worst = worstDifference(m.smo(), m.provenance(), m.standardizer(), rows);
        assertTrue(worst <= TOLERANCE, "largest difference " + worst);
    }

    @Test
    void previousAdaptedModelEqualsWeka() throws Exception {
        LegacyModelFile.Legacy m = legacy("ravdess-adapted-v3.ser4j");
        List<double[]> rows = rows(m, 800);
        double worst = worstDifference(m.smo(), m.provenance(), m.standardizer(), rows);
        assertTrue(worst <= TOLERANCE, "largest difference " + worst);
    }

    /** Polynomial (exponent 2) and linear (exponent 1: Weka keeps a weight vector per pair) models on real rows. */
    @Test
    void polynomialAndLinearModelsEqualWeka() throws Exception {
        LegacyModelFile.Legacy m = legacy("previous-default-v2.ser4j");
        List<double[]> all = WekaSvm.trainingRows(m.smo());
        Instances header = WekaSvm.header(all.get(0).length, m.provenance().labels());
        // labels: the shipped model's own predictions, so the classes are learnable from these real rows
        int n = 480;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = all.get(i * all.size() / n);
            y[i] = WekaSvm.argmax(WekaSvm.distribution(m.smo(), header, x[i]));
        }
        List<Emotion> labels = m.provenance().labels();
        List<double[]> rows = rows(m, 300);
        for (double exponent : new double[] {2, 1}) {
            SMO poly = WekaSvm.train(x, y, labels, new SvmParameters(SvmParameters.Kernel.POLY, 1, 0, exponent));
            assertEquals(exponent == 1, WekaSvm.trainingRows(poly).isEmpty(), "a linear SMO drops its rows");
            double worst = worstDifference(poly, m.provenance(), m.standardizer(), rows);
            assertTrue(worst <= TOLERANCE, "exponent " + exponent + ": largest difference " + worst);
        }
    }

    @Test
    void twoClassModelEqualsWeka() throws Exception {
        LegacyModelFile.Legacy m = legacy("previous-default-v2.ser4j");
        List<double[]> all = WekaSvm.trainingRows(m.smo());
        int n = 200;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = all.get(i * all.size() / n);
            y[i] = x[i][0] > 0 ? 1 : 0;
        }
        List<Emotion> labels = List.of(Emotion.CALM, Emotion.ANGRY);
        SMO smo = WekaSvm.train(x, y, labels, new SvmParameters(SvmParameters.Kernel.RBF, 4, 0.002, 0));
        ModelProvenance p = m.provenance();
        ModelProvenance two = new ModelProvenance(p.ser4jVersion(), p.wekaVersion(), p.extractorId(), p.featureNames(),
                labels, p.data(), p.trainer(), p.parameters(), null, p.createdAt());
        double worst = worstDifference(smo, two, m.standardizer(), all.subList(0, 600));
        assertTrue(worst <= TOLERANCE, "largest difference " + worst);
    }

    @Test
    void convertCommandWritesTheShippedFormatAndKeepsTheProvenance(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path old = tmp.resolve("old.ser4j");
        try (InputStream in = WekaParityTest.class.getResourceAsStream(LEGACY + "ravdess-adapted-v3.ser4j")) {
            Files.copy(in, old);
        }
        Path out = tmp.resolve("new.ser4j");
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
        int status = Main.run(new String[] {"convert", old.toString(), out.toString()}, new java.io.PrintStream(o),
                new java.io.PrintStream(e), ExtractorResolver.DEFAULT);
        assertEquals(0, status, e.toString());
        assertTrue(o.toString().contains("converted to format 4"), o.toString());
        assertTrue(o.toString().contains("largest difference from Weka on 1200 training rows"), o.toString());
        SmoEmotionClassifier back = SmoEmotionClassifier.load(out);
        LegacyModelFile.Legacy m = legacy("ravdess-adapted-v3.ser4j");
        assertEquals(Json.write(m.provenance().toJson()), Json.write(back.provenance().toJson()));
        assertEquals(m.standardizer(), ModelFile.parse(Files.readAllBytes(out), "x").standardizer());
        // converting a current file is refused with its version named
        status = Main.run(new String[] {"convert", out.toString(), tmp.resolve("again.ser4j").toString()},
                new java.io.PrintStream(o), new java.io.PrintStream(e), ExtractorResolver.DEFAULT);
        assertEquals(1, status);
        assertTrue(e.toString().contains("has model format version 4, not the old format 2 or 3"), e.toString());
        assertEquals(2, Main.run(new String[] {"convert", old.toString()}, new java.io.PrintStream(o),
                new java.io.PrintStream(e), ExtractorResolver.DEFAULT));
    }
}
