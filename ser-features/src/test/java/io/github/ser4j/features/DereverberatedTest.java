package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DereverberatedTest {

    private static final int RATE = 16_000;

    @Test
    void withTheFilterDisabledTheStftRoundTripReturnsTheInput() {
        Random r = new Random(1);
        for (int n : new int[] {4_000, 16_001, 70_000}) { // one block, and several blocks with a remainder
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (0.3 * r.nextGaussian());
            }
            AudioClip clip = AudioClip.of(x, RATE);
            for (Dereverberated off : new Dereverberated[] {Dereverberated.of(FeatureExtractors.mfcc(), 3, 0, 1),
                    Dereverberated.of(FeatureExtractors.mfcc(), 3, 5, 0), Dereverberated.subtracting(FeatureExtractors.mfcc(), 4, 0)}) {
                float[] y = off.process(clip);
                assertEquals(n, y.length);
                for (int i = 0; i < n; i++) {
                    assertEquals(x[i], y[i], 2 * Math.ulp(x[i]) + 1e-9f, "sample " + i + " of " + n);
                }
            }
        }
    }

    /** The robustness harness's room impulse response ({@code Condition}, reverb@RT60): direct path 1, then from 1 ms Gaussian noise of sd 0.05 decaying 60 dB over RT60. */
    static float[] reverberated(float[] x, double rt60, long seed) {
        int len = (int) Math.round(rt60 * RATE);
        double[] h = new double[len];
        h[0] = 1;
        Random r = new Random(seed);
        for (int i = RATE / 1000; i < len; i++) {
            h[i] = 0.05 * r.nextGaussian() * Math.exp(-6.907755 * i / (double) RATE / rt60);
        }
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i] == 0) {
                continue;
            }
            for (int j = 0; j < len && i + j < y.length; j++) {
                y[i + j] += (float) (x[i] * h[j]);
            }
        }
        return y;
    }

    /** Signal-to-reverberation ratio of {@code y} against the dry {@code x} after the best scalar fit, in dB, over {@code [from, to)}. */
    static double srr(float[] x, float[] y, int from, int to) {
        double xy = 0;
        double xx = 0;
        for (int i = from; i < to; i++) {
            xy += (double) x[i] * y[i];
            xx += (double) x[i] * x[i];
        }
        double g = xy / xx;
        double s = 0;
        double e = 0;
        for (int i = from; i < to; i++) {
            double d = y[i] - g * x[i];
            s += g * x[i] * g * x[i];
            e += d * d;
        }
        return 10 * Math.log10(s / e);
    }

    static double energy(float[] x, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += (double) x[i] * x[i];
        }
        return e;
    }

    /** The fixture's speech, then 1 s of digital silence for the tail to ring into. */
    static float[] speechThenSilence() throws Exception {
        float[] s = MfccStatisticsTest.speech().resampledTo(RATE).samples();
        float[] x = new float[s.length + RATE];
        System.arraycopy(s, 0, x, 0, s.length);
        return x;
    }

    @Test
    void onSpeechReverberatedByTheHarnessRoomTheTailDecaysFasterAndTheDirectToReverberantRatioRises() throws Exception {
        float[] dry = speechThenSilence();
        int n = dry.length - RATE;
        // measured (2026-12-02): defaults +0.46/+0.31/+0.15 dB SRR, tail -0.6/-0.3/-0.2 dB;
        // delay 2, 10 taps, 3 iterations +1.3/+0.8/+0.4 dB SRR, tail -2.3/-2.0/-1.8 dB (RT60 0.3/0.6/1.0 s)
        double[] rt60 = {0.3, 0.6, 1.0};
        double[][] minGainDb = {{0.3, 0.2, 0.1}, {1.0, 0.5, 0.3}};
        double[] maxTailDb = {-0.1, -1.5};
        Dereverberated[] settings = {Dereverberated.of(FeatureExtractors.mfcc()), Dereverberated.of(FeatureExtractors.mfcc(), 2, 10, 3)};
        for (int s = 0; s < settings.length; s++) {
            for (int r = 0; r < rt60.length; r++) {
                float[] wet = reverberated(dry, rt60[r], 7);
                float[] out = settings[s].process(AudioClip.of(wet, RATE));
                String what = settings[s].id() + " at RT60 " + rt60[r];
                double gain = srr(dry, out, 0, n) - srr(dry, wet, 0, n);
                assertTrue(gain >= minGainDb[s][r], what + ": SRR rose by " + gain + " dB");
                // the 50-300 ms after the utterance's end hold the tail alone
                double tail = 10 * Math.log10(energy(out, n + 800, n + 4800) / energy(wet, n + 800, n + 4800));
                assertTrue(tail <= maxTailDb[s], what + ": tail energy changed by " + tail + " dB");
            }
        }
    }

    @Test
    void aDryClipChangesByLittle() throws Exception {
        float[] dry = speechThenSilence();
        float[] out = Dereverberated.of(FeatureExtractors.mfcc()).process(AudioClip.of(dry, RATE));
        // measured 22.4 dB: what the filter takes out of a dry clip is under 1% of its energy
        assertTrue(srr(dry, out, 0, dry.length) >= 20, "dry clip: " + srr(dry, out, 0, dry.length) + " dB");
    }

    @Test
    void silenceStaysSilentAndItsFeaturesFinite() {
        AudioClip silence = AudioClip.of(new float[2 * RATE], RATE);
        Dereverberated d = Dereverberated.of(FeatureExtractors.speechSpan());
        assertArrayEquals(new float[2 * RATE], d.process(silence), 0f);
        for (double v : d.extract(silence)) {
            assertTrue(Double.isFinite(v), "silence feature " + v);
        }
        float[] tone = new float[RATE];
        tone[100] = 1e-30f; // one denormal-scale sample in silence
        for (float v : d.process(AudioClip.of(tone, RATE))) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        FeatureExtractor mfcc = FeatureExtractors.mfcc();
        assertEquals("inner extractor must not be null",
                assertThrows(IllegalArgumentException.class, () -> Dereverberated.of(null)).getMessage());
        assertEquals("delay must be between 1 and 20, got 0",
                assertThrows(IllegalArgumentException.class, () -> Dereverberated.of(mfcc, 0, 5, 1)).getMessage());
        assertEquals("taps must be between 0 and 20, got -1",
                assertThrows(IllegalArgumentException.class, () -> Dereverberated.of(mfcc, 3, -1, 1)).getMessage());
        assertEquals("iterations must be between 0 and 20, got 21",
                assertThrows(IllegalArgumentException.class, () -> Dereverberated.of(mfcc, 3, 5, 21)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dereverberated.of(null).extract(null));
    }

    @Test
    void theIdNamesTheSettingsAndResolvesBackToTheSameFeatures() throws Exception {
        AudioClip speech = MfccStatisticsTest.speech();
        FeatureExtractor inner = FeatureExtractors.mfccProsodySpectral();
        Dereverberated d = Dereverberated.of(inner, 2, 10, 3);
        assertEquals("dereverb/1(wpe,frame=512,delay=2,taps=10,iterations=3)[" + inner.id() + "]", d.id());
        FeatureExtractor back = FeatureExtractors.byId(d.id());
        assertEquals(d.id(), back.id());
        double[] features = d.extract(speech);
        assertArrayEquals(features, back.extract(speech), 0.0);
        assertEquals(inner.featureNames(), d.featureNames());
        // the features are the inner extractor's of the processed clip
        assertArrayEquals(inner.extract(AudioClip.of(d.process(speech.resampledTo(RATE)), RATE)), features, 0.0);
        FeatureExtractor preset = FeatureExtractors.byName("speech-span-dereverb");
        assertEquals(preset.id(), FeatureExtractors.byId(preset.id()).id());
        for (String bad : new String[] {"dereverb/1(wpe,frame=512,delay=0,taps=5,iterations=1)[" + inner.id() + "]",
                "dereverb/1(wpe,frame=256,delay=3,taps=5,iterations=1)[" + inner.id() + "]",
                "dereverb/1(wpe,frame=512,delay=3,taps=5,iterations=1)[no-such/1]"}) {
            assertThrows(IllegalArgumentException.class, () -> FeatureExtractors.byId(bad), bad);
        }
    }

    @Test
    void spectralSubtractionCutsTheTailHarderAndChangesADryClipMore() throws Exception {
        float[] dry = speechThenSilence();
        int n = dry.length - RATE;
        Dereverberated d = Dereverberated.subtracting(FeatureExtractors.mfcc(), 4, 0.5);
        // measured (2026-12-02): tail -7.4/-3.9/-2.8 dB, SRR +0.9/+1.3/+1.3 dB at RT60 0.3/0.6/1.0 s
        for (double rt : new double[] {0.3, 0.6, 1.0}) {
            float[] wet = reverberated(dry, rt, 7);
            float[] out = d.process(AudioClip.of(wet, RATE));
            double tail = 10 * Math.log10(energy(out, n + 800, n + 4800) / energy(wet, n + 800, n + 4800));
            assertTrue(tail <= -2, "RT60 " + rt + ": tail " + tail + " dB");
            double gain = srr(dry, out, 0, n) - srr(dry, wet, 0, n);
            assertTrue(gain >= 0.5, "RT60 " + rt + ": SRR rose by " + gain + " dB");
        }
        // the fixed decay also takes from a dry clip's sustained sounds: measured SRR 15.7 dB, energy -0.8 dB
        float[] out = d.process(AudioClip.of(dry, RATE));
        assertTrue(srr(dry, out, 0, dry.length) >= 13, "dry SRR " + srr(dry, out, 0, dry.length));
        assertEquals(0, 10 * Math.log10(energy(out, 0, n) / energy(dry, 0, n)), 1.5, "dry energy change");
        assertEquals("dereverb/1(lebart,frame=512,delay=4,rt60=0.5)[" + FeatureExtractors.mfcc().id() + "]", d.id());
        assertEquals(d.id(), FeatureExtractors.byId(d.id()).id());
        assertEquals("rt60 must be between 0 and 3.0 s, got NaN",
                assertThrows(IllegalArgumentException.class, () -> Dereverberated.subtracting(FeatureExtractors.mfcc(), 4, Double.NaN)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dereverberated.subtracting(FeatureExtractors.mfcc(), 4, 3.5));
        assertThrows(IllegalArgumentException.class, () -> Dereverberated.subtracting(FeatureExtractors.mfcc(), 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> FeatureExtractors.byId(
                "dereverb/1(lebart,frame=512,delay=4,rt60=4.0)[" + FeatureExtractors.mfcc().id() + "]"));
    }
}
