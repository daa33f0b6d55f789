package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class SeedFeaturesTest {

    private static final String SPEECH = "speech_03-01-05-02-01-01-01";

    @Test
    void doublingTheSignalMovesOnlyMfccC0BySixDbTimesSqrtNMels() throws IOException {
        AudioClip clip = LibrosaParityTest.clip(SPEECH);
        float[] x = clip.samples();
        float[] doubled = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            doubled[i] = 2 * x[i];
        }
        LibrosaFeatures lf = SeedFeatures.atRate(clip.sampleRateHz()).librosa();
        int frames = lf.stft().frameCount(x.length);
        double[] mel = new double[frames * LibrosaFeatures.N_MELS];
        lf.melspectrogram(lf.stft().power(clip), mel);
        double[] a = new double[frames * LibrosaFeatures.N_MFCC];
        lf.mfcc(lf.stft().power(clip), a);
        double[] b = new double[frames * LibrosaFeatures.N_MFCC];
        lf.mfcc(lf.stft().power(AudioClip.of(doubled, clip.sampleRateHz())), b);

        double expected = 10 * Math.log10(4) * Math.sqrt(LibrosaFeatures.N_MELS); // 6.0206 dB * sqrt(128)
        int checked = 0;
        for (int t = 0; t < frames; t++) {
            boolean aboveAmin = true;
            for (int m = 0; m < LibrosaFeatures.N_MELS; m++) {
                aboveAmin &= mel[t * LibrosaFeatures.N_MELS + m] > 1e-10;
            }
            if (!aboveAmin) {
                continue; // the amin floor does not scale
            }
            checked++;
            int o = t * LibrosaFeatures.N_MFCC;
            assertEquals(expected, b[o] - a[o], 1e-9, "c0 shift in frame " + t);
            for (int j = 1; j < LibrosaFeatures.N_MFCC; j++) {
                assertEquals(a[o + j], b[o + j], 1e-9, "c" + j + " in frame " + t);
            }
        }
        assertTrue(checked > frames / 2, "too few frames above the amin floor: " + checked + " of " + frames);
    }

    @Test
    void silenceGivesTheDocumentedFiniteFloor() {
        SeedFeatures seed = SeedFeatures.create();
        double[] v = seed.extract(AudioClip.of(new float[16_000], 16_000f));
        assertEquals(164, v.length);
        List<String> names = seed.featureNames();
        for (int i = 0; i < v.length; i++) {
            assertTrue(Double.isFinite(v[i]), names.get(i));
            String name = names.get(i);
            double expected = name.startsWith("mfcc1_") && !name.equals("mfcc1_std") ? -100 * Math.sqrt(128) : 0.0;
            assertEquals(expected, v[i], 1e-9, name);
        }
    }

    @Test
    void namesAreUniqueInTheSeedOrderAndTheIdNamesEverySetting() {
        SeedFeatures seed = SeedFeatures.create();
        List<String> names = seed.featureNames();
        assertEquals(164, names.size());
        assertEquals(164, seed.dimension());
        assertEquals(164, new HashSet<>(names).size());
        assertEquals("mfcc1_mean", names.get(0));
        assertEquals("chroma1_mean", names.get(20));
        assertEquals("contrast7_mean", names.get(38));
        assertEquals("zcr_mean", names.get(39));
        assertEquals("rms_mean", names.get(40));
        assertEquals("mfcc1_std", names.get(41));
        assertEquals("chroma3_std", names.get(41 + 22));
        assertEquals("contrast7_max", names.get(82 + 38));
        assertEquals("zcr_min", names.get(123 + 39));
        assertEquals("rms_min", names.get(163));
        assertEquals("seed-librosa/1(sr=16000,n_fft=2048,hop=512,n_mfcc=20)", seed.id());
        assertEquals("seed-librosa/1(sr=22050,n_fft=2048,hop=512,n_mfcc=20)", SeedFeatures.atRate(22050).id());
        assertEquals(16_000f, seed.sampleRateHz());
    }

    @Test
    void resamplesClipsAtOtherRates() throws IOException {
        AudioClip clip22 = LibrosaParityTest.clip("twotone_22k");
        SeedFeatures seed = SeedFeatures.create();
        assertArrayEquals(seed.extract(clip22.resampledTo(16_000f)), seed.extract(clip22), 0.0);
    }

    @Test
    void concurrentCallsGiveTheSameResultsAsSequentialOnes() throws Exception {
        SeedFeatures seed = SeedFeatures.create();
        AudioClip[] clips = {LibrosaParityTest.clip(SPEECH), LibrosaParityTest.clip("noise_16k"),
            LibrosaParityTest.clip("speech_03-01-04-02-02-02-14"), LibrosaParityTest.clip("chirp_16k")};
        double[][] expected = new double[clips.length][];
        for (int i = 0; i < clips.length; i++) {
            expected[i] = seed.extract(clips[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (AudioClip c : clips) {
                    results.add(pool.submit(() -> seed.extract(c)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(expected[i % clips.length], results.get(i).get(), 0.0, "result " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void longClipsDoNotStayPinnedInTheThreadWorkspace() {
        // 150 s at 16 kHz: per-frame buffers (4689 frames x 128 mel bands, 4.8 MB) exceed the retention limit
        float[] x = new float[150 * 16_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.1 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        for (io.github.ser4j.core.FeatureExtractor e : List.of(SeedFeatures.create(), FeatureExtractors.full())) {
            double[] v = e.extract(AudioClip.of(x, 16_000f));
            assertTrue(java.util.Arrays.stream(v).allMatch(Double::isFinite));
            long largest = Workspace.current().largestBufferBytes();
            assertTrue(largest <= Workspace.SMALL_BYTES, e.id() + ": a buffer of " + largest + " bytes is still retained");
        }
    }

    @Test
    void shortestAndLoudClipsGiveFiniteValues() {
        java.util.Random rnd = new java.util.Random(11);
        float[] shortest = new float[4_000]; // 0.25 s, the AudioClip minimum: 8 frames, all padded
        for (int i = 0; i < shortest.length; i++) {
            shortest[i] = (float) rnd.nextGaussian() * 0.1f;
        }
        float[] loud = new float[16_000];
        for (int i = 0; i < loud.length; i++) {
            loud[i] = (float) (1000 * Math.sin(2 * Math.PI * 300 * i / 16_000.0)); // far outside [-1, 1]
        }
        SeedFeatures seed = SeedFeatures.create();
        for (float[] x : new float[][] {shortest, loud}) {
            double[] v = seed.extract(AudioClip.of(x, 16_000f));
            for (int i = 0; i < v.length; i++) {
                assertTrue(Double.isFinite(v[i]), seed.featureNames().get(i) + " = " + v[i]);
            }
        }
    }

    @Test
    void rejectsBadInputWithClearMessages() {
        SeedFeatures seed = SeedFeatures.create();
        assertEquals("clip must not be null",
                assertThrows(IllegalArgumentException.class, () -> seed.extract(null)).getMessage());
        float[] loud = new float[16_000];
        java.util.Arrays.fill(loud, 1e30f);
        String msg = assertThrows(IllegalArgumentException.class,
                () -> seed.extract(AudioClip.of(loud, 16_000f))).getMessage();
        assertTrue(msg.startsWith("clip amplitude is too large"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> SeedFeatures.atRate(8000)).getMessage();
        assertTrue(msg.contains("above 12800 Hz") && msg.contains("8000"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> SeedFeatures.atRate(Float.NaN)).getMessage();
        assertTrue(msg.startsWith("sampleRateHz must be between"), msg);
    }
}
