package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.SpeakerProfile;
import io.github.ser4j.core.SpeakerSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeakerAdaptationTest {

    static final List<Emotion> TWO = List.of(Emotion.NEUTRAL, Emotion.HAPPY);

    @TempDir
    static Path tmp;

    /** Synthetic speakers whose own offsets (sd 3) hide a class shift of ±0.5 in feature 0. */
    record Synthetic(double[][] x, int[] y, String[] speakers) {
    }

    static Synthetic offsetSpeakers(int nSpeakers, int perSpeaker, long seed) {
        Random rnd = new Random(seed);
        int n = nSpeakers * perSpeaker;
        double[][] x = new double[n][];
        int[] y = new int[n];
        String[] sp = new String[n];
        for (int s = 0; s < nSpeakers; s++) {
            double off0 = 3 * rnd.nextGaussian();
            double off1 = 3 * rnd.nextGaussian();
            double scale = 0.5 + rnd.nextDouble(); // speakers also differ in how widely they vary
            for (int i = 0; i < perSpeaker; i++) {
                int r = s * perSpeaker + i;
                y[r] = i % 2;
                x[r] = new double[] {off0 + scale * ((y[r] == 1 ? 0.5 : -0.5) + 0.15 * rnd.nextGaussian()),
                    off1 + scale * 0.3 * rnd.nextGaussian()};
                sp[r] = "s" + s;
            }
        }
        return new Synthetic(x, y, sp);
    }

    static TrainerOptions grouped() {
        return TrainerOptions.defaults().withGrids(List.of(4.0), List.of(0.5), List.of(1.0)).withFolds(5, true, 3)
                .withThreads(2);
    }

    static SmoEmotionClassifier adaptedOn(Synthetic s, SpeakerAdaptation a) {
        int[] all = new int[s.x().length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return SmoTrainer.fit(s.x(), s.y(), s.speakers(), all, TWO, new SvmParameters(SvmParameters.Kernel.RBF, 4, 0.5, 1),
                SmoTrainer.matrixExtractor(2), null, grouped().withAdaptation(a), null);
    }

    @Test
    void perSpeakerNormalisationRecoversAClassHiddenBySpeakerOffsets() {
        Synthetic s = offsetSpeakers(10, 20, 5);
        double unadapted = SmoTrainer.search(s.x(), s.y(), s.speakers(), TWO, grouped(), null).accuracy();
        double transductive = SmoTrainer.search(s.x(), s.y(), s.speakers(), TWO,
                grouped().withAdaptation(new SpeakerAdaptation(0, 0, 0, false)), null).accuracy();
        double online = SmoTrainer.search(s.x(), s.y(), s.speakers(), TWO,
                grouped().withAdaptation(new SpeakerAdaptation(2, 2, 0, true)), null).accuracy();
        assertTrue(unadapted < 0.75, "offsets should hide the class from the unadapted model: " + unadapted);
        assertTrue(transductive > 0.95, "transductive " + transductive);
        assertTrue(online > unadapted + 0.15, "online " + online + " vs unadapted " + unadapted);
        assertTrue(online <= transductive, "online " + online + " vs transductive " + transductive);
    }

    @Test
    void sessionStatisticsMatchATwoPassComputationOverClipFeatures() throws Exception {
        Path dir = tmp.resolve("tones");
        TestAudio.writeRavdess(dir, new Emotion[] {Emotion.CALM, Emotion.ANGRY, Emotion.SURPRISED}, 4, 2);
        Dataset data = Dataset.read(dir);
        ToneExtractor fx = new ToneExtractor();
        SmoEmotionClassifier m = SmoTrainer.train(data, fx, grouped().withFolds(2, true, 1)
                .withAdaptation(SpeakerAdaptation.defaults()), null).classifier();
        assertTrue(m.isSpeakerAdapted());
        SpeakerSession session = m.newSpeakerSession();
        assertEquals(0, session.clipsObserved());
        assertEquals(0.0, session.speakerWeight());
        List<double[]> seen = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            float[] samples = TestAudio.tone(Emotion.values()[i % 8], 8000, 0.4, 100 + i);
            for (int j = 0; j < samples.length; j++) {
                samples[j] *= 0.3f + 0.05f * i; // loudness drifts, so log RMS varies
            }
            AudioClip clip = AudioClip.of(samples, 8000);
            // predict() would call a tone no speech and learn nothing: feed the session its features
            double[] f = SmoEmotionClassifier.features(clip, fx);
            Prediction p = session.predictFeatures(f);
            session.observeFeatures(f);
            assertEquals(m.labels().size(), p.probabilities().size(), "a distribution over the labels (tones at 8 kHz "
                    + "may be out of the model's domain, so without an emotion)");
            seen.add(fx.extract(clip.quantizedToPcm16())); // what the session hears: 16-bit levels, like training
        }
        SpeakerProfile prof = session.profile();
        assertEquals(9, prof.count());
        assertEquals(9, session.clipsObserved());
        double k = SpeakerAdaptation.defaults().meanShrinkage();
        assertEquals(9 / (k + 9), session.speakerWeight(), 1e-12);
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            for (double[] v : seen) {
                mean += v[j];
            }
            mean /= seen.size();
            double ss = 0;
            for (double[] v : seen) {
                ss += (v[j] - mean) * (v[j] - mean);
            }
            assertEquals(mean, prof.mean()[j], 1e-12 * (1 + Math.abs(mean)), "mean of feature " + j);
            assertEquals(ss / seen.size(), prof.variance()[j], 1e-10 * (1 + ss), "variance of feature " + j);
        }
    }

    @Test
    void welfordStaysAccurateOnALargeOffset() {
        SpeakerProfile p = SpeakerProfile.empty("x", 1);
        double[] v = {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16};
        for (double d : v) {
            p = p.plus(new double[] {d});
        }
        // two-pass: mean 1e9 + 10, deviations -6, -3, 3, 6: variance 90 / 4
        assertEquals(1e9 + 10, p.mean()[0], 0);
        assertEquals(22.5, p.variance()[0], 1e-6);
    }

    /** Wraps a real session and checks, at every prediction, which clips its statistics hold. */
    static class OrderCheckingSession implements SpeakerSession {
        final SpeakerSession inner;
        final List<double[]> observed = new ArrayList<>();
        final List<double[]> predicted = new ArrayList<>();

        OrderCheckingSession(SpeakerSession inner) {
            this.inner = inner;
        }

        @Override
        public Prediction predict(AudioClip clip) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Prediction predictFeatures(double[] features) {
            for (double[] o : observed) {
                assertNotSame(o, features);
            }
            // the statistics in use are those of exactly the clips observed so far
            SpeakerProfile expected = SpeakerProfile.empty(inner.profile().featureExtractorId(), features.length);
            for (double[] o : observed) {
                expected = expected.plus(o);
            }
            assertEquals(expected, inner.profile());
            predicted.add(features);
            return inner.predictFeatures(features);
        }

        private static void assertNotSame(double[] a, double[] b) {
            assertFalse(a == b, "a clip was predicted with statistics that include it");
        }

        @Override
        public void observeFeatures(double[] features) {
            observed.add(features);
            inner.observeFeatures(features);
        }

        @Override
        public FeatureExtractor featureExtractor() {
            return inner.featureExtractor();
        }

        @Override
        public SpeakerProfile profile() {
            return inner.profile();
        }
    }

    @Test
    void onlineProtocolNeverUsesAClipsOwnOrLaterStatistics() {
        Synthetic s = offsetSpeakers(6, 12, 9);
        SmoEmotionClassifier m = adaptedOn(s, new SpeakerAdaptation(2, 2, 0, true));
        int[] rows = {12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23};
        OrderCheckingSession online = new OrderCheckingSession(m.newSpeakerSession());
        int[] pred = SmoTrainer.predictSpeaker(online, s.x(), rows, true, new Random(4), TWO);
        assertEquals(rows.length, pred.length);
        assertEquals(rows.length, online.predicted.size());
        assertEquals(rows.length, online.observed.size());
        for (int i = 0; i < rows.length; i++) {
            assertSame(online.predicted.get(i), online.observed.get(i), "each clip is observed right after its prediction");
        }
        List<double[]> inOrder = new ArrayList<>();
        for (int r : rows) {
            inOrder.add(s.x()[r]);
        }
        assertNotEquals(inOrder, online.predicted, "the online order is shuffled");
        // each prediction equals that of a fresh session fed the clips before it
        for (int i = 0; i < rows.length; i++) {
            int row = -1;
            for (int r : rows) {
                if (s.x()[r] == online.predicted.get(i)) {
                    row = r;
                }
            }
            SpeakerSession fresh = m.newSpeakerSession();
            for (int j = 0; j < i; j++) {
                fresh.observeFeatures(online.predicted.get(j));
            }
            int expected = SmoTrainer.answer(fresh.predictFeatures(s.x()[row]), TWO);
            int at = java.util.Arrays.stream(rows).boxed().toList().indexOf(row);
            assertEquals(expected, pred[at]);
        }

        OrderCheckingSession transductive = new OrderCheckingSession(m.newSpeakerSession()) {
            @Override
            public Prediction predictFeatures(double[] features) {
                assertEquals(rows.length, observed.size(), "transductive: all the speaker's clips first");
                return inner.predictFeatures(features);
            }
        };
        SmoTrainer.predictSpeaker(transductive, s.x(), rows, false, new Random(4), TWO);
    }

    @Test
    void profilesSaveAndRestore() {
        Synthetic s = offsetSpeakers(6, 12, 11);
        SmoEmotionClassifier m = adaptedOn(s, new SpeakerAdaptation(2, 3, 0, false));
        SpeakerSession a = m.newSpeakerSession();
        for (int r = 0; r < 7; r++) {
            a.observeFeatures(s.x()[r]);
        }
        byte[] saved = a.profile().toBytes();
        SpeakerProfile back = SpeakerProfile.fromBytes(saved);
        assertEquals(a.profile(), back);
        SpeakerSession b = m.newSpeakerSession(back);
        assertEquals(7, b.clipsObserved());
        for (int r = 7; r < 12; r++) {
            assertEquals(a.predictFeatures(s.x()[r]).probabilities(), b.predictFeatures(s.x()[r]).probabilities());
        }
        // sessions are independent
        b.observeFeatures(s.x()[8]);
        assertEquals(7, a.clipsObserved());
        assertEquals(8, b.clipsObserved());
        assertEquals(SpeakerProfile.empty("e", 3), SpeakerProfile.fromBytes(SpeakerProfile.empty("e", 3).toBytes()));
    }

    @Test
    void badProfilesAreRefusedClearly() {
        Synthetic s = offsetSpeakers(6, 12, 11);
        SmoEmotionClassifier m = adaptedOn(s, SpeakerAdaptation.defaults());
        byte[] good = SpeakerProfile.empty("matrix/2", 2).plus(new double[] {1, 2}).toBytes();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpeakerProfile.fromBytes(
                java.util.Arrays.copyOf(good, good.length - 3))).getMessage().contains("truncated"));
        byte[] flipped = good.clone();
        flipped[flipped.length - 12] ^= 1;
        assertEquals("saved speaker profile is corrupt (checksum mismatch)",
                assertThrows(IllegalArgumentException.class, () -> SpeakerProfile.fromBytes(flipped)).getMessage());
        assertEquals("not a saved ser4j speaker profile (wrong magic bytes)",
                assertThrows(IllegalArgumentException.class, () -> SpeakerProfile.fromBytes(new byte[20])).getMessage());
        byte[] v9 = good.clone();
        v9[11] = 9;
        assertEquals("saved speaker profile has format version 9; this ser4j reads version 1",
                assertThrows(IllegalArgumentException.class, () -> SpeakerProfile.fromBytes(v9)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpeakerProfile.fromBytes(null));

        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> m.newSpeakerSession(SpeakerProfile.empty("full/1", 2)));
        assertEquals("the speaker profile was made with feature extractor 'full/1' (2 features) but this model uses "
                + "'matrix/2' (2 features)", other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.newSpeakerSession(null));
        SpeakerSession session = m.newSpeakerSession();
        assertEquals("expected 2 features, got 3",
                assertThrows(IllegalArgumentException.class, () -> session.observeFeatures(new double[3])).getMessage());
        assertEquals("feature 1 is NaN; features must be finite", assertThrows(IllegalArgumentException.class,
                () -> session.predictFeatures(new double[] {0, Double.NaN})).getMessage());
        assertEquals(0, session.clipsObserved(), "a refused vector leaves the statistics alone");
    }

    @Test
    void adaptedModelFileRoundTripsAndOldFilesLoadUnadapted() throws Exception {
        Path dir = tmp.resolve("tones2");
        TestAudio.writeRavdess(dir, new Emotion[] {Emotion.CALM, Emotion.ANGRY}, 3, 2);
        SmoEmotionClassifier m = SmoTrainer.train(Dataset.read(dir), new ToneExtractor(),
                grouped().withFolds(3, true, 1).withAdaptation(new SpeakerAdaptation(3, 5, 1, true)), null).classifier();
        Path f = tmp.resolve("adapted.ser4j");
        m.save(f);
        // version 4 (as every current file), which a ser4j that predates speaker adaptation refuses
        assertEquals(ModelFile.VERSION, java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(f)).getInt(8));
        SmoEmotionClassifier back = ModelFile.read(f, new TestResolver());
        assertTrue(back.isSpeakerAdapted());
        assertEquals(m.provenance().speakerNormalization(), back.provenance().speakerNormalization());
        assertEquals(new SpeakerAdaptation(3, 5, 1, true), back.provenance().trainer().adaptation());
        assertTrue(back.provenance().crossValidation().protocol().contains("online speaker adaptation"),
                back.provenance().crossValidation().protocol());
        double[] v = {0.1, 1.2, -0.5};
        SpeakerSession a = m.newSpeakerSession();
        SpeakerSession b = back.newSpeakerSession();
        a.observeFeatures(v);
        b.observeFeatures(v);
        double[] w = {0.12, 1.1, -0.6};
        assertEquals(a.predictFeatures(w).probabilities(), b.predictFeatures(w).probabilities());

        SmoEmotionClassifier shipped = Ser4jClassifierProvider.loadResource(
                Ser4jClassifierProvider.DEFAULT_MODEL_RESOURCE, ExtractorResolver.DEFAULT);
        assertFalse(shipped.isSpeakerAdapted());
        assertNull(shipped.provenance().speakerNormalization());
        assertNull(shipped.provenance().trainer().adaptation());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, shipped::newSpeakerSession);
        assertTrue(e.getMessage().contains("train --per-speaker"), e.getMessage());
    }

    @Test
    void concurrentUpdatesOfOneSessionLoseNoClip() throws Exception {
        Synthetic s = offsetSpeakers(6, 12, 13);
        SmoEmotionClassifier m = adaptedOn(s, SpeakerAdaptation.defaults());
        SpeakerSession session = m.newSpeakerSession();
        int threads = 4;
        int each = 50;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    session.predictFeatures(s.x()[(offset * each + i) % s.x().length]);
                    session.observeFeatures(s.x()[(offset * each + i) % s.x().length]);
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(threads * each, session.clipsObserved());
        double mean = 0;
        for (int i = 0; i < threads * each; i++) {
            mean += s.x()[i % s.x().length][0];
        }
        mean /= threads * each;
        assertEquals(mean, session.profile().mean()[0], 1e-9);
    }

    @Test
    void shrinkageMovesFromThePriorsToTheSpeaker() {
        SpeakerNormalization sn = new SpeakerNormalization(2, 2, new double[] {10}, new double[] {4});
        SpeakerProfile none = SpeakerProfile.empty("x", 1);
        assertArrayEquals(new double[] {(14 - 10) / 2.0}, sn.apply(new double[] {14}, none), 1e-12);
        SpeakerProfile two = none.plus(new double[] {19}).plus(new double[] {21}); // mean 20, variance 1
        // mean (2·10 + 2·20) / 4 = 15; variance (2·4 + 2·1) / 4 = 2.5
        assertArrayEquals(new double[] {(20 - 15) / Math.sqrt(2.5)}, sn.apply(new double[] {20}, two), 1e-12);
        assertEquals(0.5, sn.speakerWeight(2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new SpeakerAdaptation(-1, 0, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new SpeakerAdaptation(1, 1, 9, false));
    }
}
