package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpeechTrimmedTest {

    private static final int RATE = 16_000;

    /** A voiced vowel-like burst: harmonics of a gliding F0 under a raised-cosine envelope. */
    private static float[] burst(int n, float amplitude) {
        float[] x = new float[n];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double f0 = 140 + 40 * Math.sin(2 * Math.PI * i / n);
            phase += 2 * Math.PI * f0 / RATE;
            double env = 0.5 - 0.5 * Math.cos(2 * Math.PI * Math.min(1.0, 8.0 * Math.min(i, n - i) / n));
            double v = 0;
            for (int h = 1; h <= 12; h++) {
                v += Math.sin(h * phase) / h;
            }
            x[i] = (float) (amplitude * env * v / 3);
        }
        return x;
    }

    /** {@code before} s of silence, {@code speech} s of burst, {@code after} s of silence, plus optional white noise. */
    private static float[] clip(double before, double speech, double after, double noiseRms, long seed) {
        int a = (int) (before * RATE);
        int s = (int) (speech * RATE);
        float[] x = new float[a + s + (int) (after * RATE)];
        System.arraycopy(burst(s, 0.5f), 0, x, a, s);
        Random r = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (noiseRms * r.nextGaussian());
        }
        return x;
    }

    private static double rms(float[] x, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += (double) x[i] * x[i];
        }
        return Math.sqrt(e / (to - from));
    }

    @Test
    void endpointsOfAnUtteranceInSilenceAreItsOnsetAndOffsetPlusTheMargin() {
        float[] x = clip(1.0, 1.2, 0.8, 0, 1);
        int[] span = SpeechEndpoints.find(java.nio.FloatBuffer.wrap(x), RATE);
        // the envelope rises over the first 1/16 of the burst; the gate (30 dB under the peak) is crossed early in it
        assertEquals(1.0 - SpeechEndpoints.MARGIN_SECONDS, span[0] / (double) RATE, 0.03, "start");
        assertEquals(2.2 + SpeechEndpoints.MARGIN_SECONDS, span[1] / (double) RATE, 0.03, "end");
    }

    @Test
    void aNoiseFloorTwentyDbUnderTheSpeechDoesNotMoveTheEndpointsFar() {
        float[] clean = clip(1.0, 1.2, 0.8, 0, 1);
        double speechRms = rms(clean, RATE, RATE + (int) (1.2 * RATE));
        float[] noisy = clip(1.0, 1.2, 0.8, speechRms / 10, 2); // 20 dB SNR on the speech
        int[] c = SpeechEndpoints.find(java.nio.FloatBuffer.wrap(clean), RATE);
        int[] n = SpeechEndpoints.find(java.nio.FloatBuffer.wrap(noisy), RATE);
        assertEquals(c[0], n[0], 0.06 * RATE, "start");
        assertEquals(c[1], n[1], 0.06 * RATE, "end");
        // a gate fixed relative to the loudest frame (40 dB) would keep the whole noisy clip
        assertTrue(n[1] - n[0] < 0.55 * noisy.length, Arrays.toString(n));
    }

    /**
     * The fixture speech of actor 01 with babble 20 dB under it (rms over its clean span): four copies of
     * actor 14's utterance, each trimmed to its speech and looped from its own offset, summed, as the
     * robustness harness makes babble from other talkers.
     */
    private static float[] speechInBabble() throws Exception {
        float[] target = MfccStatisticsTest.speech().resampledTo(RATE).samples();
        float[] other;
        try (java.io.InputStream in = SpeechTrimmedTest.class.getResourceAsStream(
                "/librosa/speech_03-01-04-02-02-02-14.wav")) {
            other = AudioClip.read(in).resampledTo(RATE).samples();
        }
        int[] os = SpeechEndpoints.find(java.nio.FloatBuffer.wrap(other), RATE, 1);
        float[] talker = Arrays.copyOfRange(other, os[0], os[1]);
        float[] b = new float[target.length];
        for (int k = 0; k < 4; k++) {
            int offset = k * talker.length / 4;
            for (int i = 0; i < b.length; i++) {
                b[i] += talker[(offset + i) % talker.length];
            }
        }
        int[] ts = SpeechEndpoints.find(java.nio.FloatBuffer.wrap(target), RATE, 1);
        double g = rms(target, ts[0], ts[1]) / 10 / rms(b, 0, b.length);
        float[] noisy = target.clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (g * b[i]);
        }
        return noisy;
    }

    @Test
    void babbleTwentyDbUnderTheSpeechStaysOutOfTheSpanByVersionTwo() throws Exception {
        float[] clean = MfccStatisticsTest.speech().resampledTo(RATE).samples();
        float[] noisy = speechInBabble();
        int[] c = SpeechEndpoints.find(java.nio.FloatBuffer.wrap(clean), RATE, 2);
        int[] v2 = SpeechEndpoints.find(java.nio.FloatBuffer.wrap(noisy), RATE, 2);
        int[] v1 = SpeechEndpoints.find(java.nio.FloatBuffer.wrap(noisy), RATE, 1);
        assertArrayEquals(SpeechEndpoints.find(java.nio.FloatBuffer.wrap(clean), RATE, 1), c, "clean: the same span");
        // version 1's gate, 6 dB over the 10th-percentile frame, lets the babble's louder runs through
        assertTrue(v1[1] - v1[0] > 0.9 * noisy.length, "version 1 " + Arrays.toString(v1) + " of " + noisy.length);
        assertEquals(c[0], v2[0], 0.1 * RATE, "start");
        assertEquals(c[1], v2[1], 0.1 * RATE, "end");
    }

    @Test
    void bothVersionsGiveTheSameSpanInSilenceAndSteadyNoise() {
        float[] clean = clip(1.0, 1.2, 0.8, 0, 1);
        double speechRms = rms(clean, RATE, RATE + (int) (1.2 * RATE));
        for (float[] x : new float[][] {clean, clip(1.0, 1.2, 0.8, speechRms / 10, 2),
                clip(0.5, 2.0, 0.3, speechRms / 3, 3), clip(0, 0, 2.0, 0.05, 3), new float[RATE]}) {
            assertArrayEquals(SpeechEndpoints.find(java.nio.FloatBuffer.wrap(x), RATE, 1),
                    SpeechEndpoints.find(java.nio.FloatBuffer.wrap(x), RATE, 2));
        }
        assertThrows(IllegalArgumentException.class, () -> SpeechEndpoints.find(java.nio.FloatBuffer.wrap(clean), RATE, 3));
    }

    @Test
    void eachVersionHasItsOwnIdAndParsesBack() throws Exception {
        FeatureExtractor inner = FeatureExtractors.mfccProsodySpectral();
        assertEquals("trim/2[" + inner.id() + "]", SpeechTrimmed.of(inner).id());
        assertEquals("trim/1[" + inner.id() + "]", SpeechTrimmed.version1(inner).id());
        assertEquals("trim/1[" + inner.id() + "]", FeatureExtractors.byId("trim/1[" + inner.id() + "]").id());
        assertEquals("trim/2[" + inner.id() + "]", FeatureExtractors.byId("trim/2[" + inner.id() + "]").id());
        assertThrows(IllegalArgumentException.class, () -> FeatureExtractors.byId("trim/3[" + inner.id() + "]"));
        // the two differ where their spans do: babble
        AudioClip noisy = AudioClip.of(speechInBabble(), RATE);
        double[] one = SpeechTrimmed.version1(inner).extract(noisy);
        double[] two = SpeechTrimmed.of(inner).extract(noisy);
        assertTrue(!Arrays.equals(one, two));
        assertArrayEquals(FeatureExtractors.byId(SpeechTrimmed.version1(inner).id()).extract(noisy), one, 0.0);
    }

    @Test
    void steadyNoiseAloneAndShortClipsAreKeptWhole() {
        float[] noise = clip(0, 0, 2.0, 0.05, 3);
        assertArrayEquals(new int[] {0, noise.length}, SpeechEndpoints.find(java.nio.FloatBuffer.wrap(noise), RATE));
        float[] silence = new float[RATE];
        assertArrayEquals(new int[] {0, RATE}, SpeechEndpoints.find(java.nio.FloatBuffer.wrap(silence), RATE));
        float[] tiny = clip(0, 0.02, 0.01, 0, 4);
        assertArrayEquals(new int[] {0, tiny.length}, SpeechEndpoints.find(java.nio.FloatBuffer.wrap(tiny), RATE));
    }

    @Test
    void aClickInTheSilenceIsNotSpeechAndAShortUtteranceGrowsToTheMinimum() {
        float[] x = clip(1.0, 0.2, 1.0, 0, 5);
        x[RATE / 4] = 0.9f; // one sample: two 20 ms frames, fewer than the three a run needs
        int[] span = SpeechEndpoints.find(java.nio.FloatBuffer.wrap(x), RATE);
        assertEquals((int) Math.ceil(SpeechEndpoints.MIN_SECONDS * RATE), span[1] - span[0]);
        double centre = (span[0] + span[1]) / 2.0 / RATE;
        assertEquals(1.1, centre, 0.03, Arrays.toString(span));
    }

    @Test
    void featuresAreTheInnerExtractorsFeaturesOfTheSpeechSpan() throws Exception {
        float[] speech = MfccStatisticsTest.speech().resampledTo(RATE).samples();
        float[] x = new float[speech.length + 2 * RATE];
        System.arraycopy(speech, 0, x, RATE, speech.length);
        AudioClip clip = AudioClip.of(x, RATE);
        FeatureExtractor inner = FeatureExtractors.mfccProsodySpectral();
        SpeechTrimmed trimmed = SpeechTrimmed.of(inner);
        int[] span = SpeechEndpoints.find(java.nio.FloatBuffer.wrap(x), RATE, 2);
        assertTrue(span[0] >= RATE - 0.1 * RATE && span[1] <= RATE + speech.length + 0.1 * RATE, Arrays.toString(span));
        double[] expected = inner.extract(AudioClip.of(Arrays.copyOfRange(x, span[0], span[1]), RATE));
        assertArrayEquals(expected, trimmed.extract(clip), 0.0);
        assertEquals(inner.featureNames(), trimmed.featureNames());
        assertEquals("trim/2[" + inner.id() + "]", trimmed.id());
        FeatureExtractor back = FeatureExtractors.byId(trimmed.id());
        assertEquals(trimmed.id(), back.id());
        assertArrayEquals(expected, back.extract(clip), 0.0);
        // a clip with nothing to cut is passed on as it is
        AudioClip whole = AudioClip.of(clip(0, 1.0, 0, 0.05, 6), RATE);
        int[] all = SpeechEndpoints.find(whole.samplesView(), RATE);
        assertSame(whole, whole.segment(all[0], all[1], 1f));
        assertThrows(IllegalArgumentException.class, () -> SpeechTrimmed.of(null));
        assertThrows(IllegalArgumentException.class, () -> FeatureExtractors.byId("trim/1[no-such/1]"));
    }

    @Test
    void frameEnergiesFourAtATimeAreTheOneAtATimeSumsBitForBit() {
        java.util.Random r = new java.util.Random(11);
        for (int length : new int[] {320, 479, 480, 1000, 16_000, 48_123}) {
            float[] x = new float[length];
            for (int i = 0; i < length; i++) {
                x[i] = (float) (r.nextGaussian() * Math.exp(3 * r.nextGaussian()) * 1e-2);
            }
            int frame = 320;
            int hop = 160;
            int frames = 1 + (length - frame) / hop;
            double[] e = SpeechEndpoints.energies(java.nio.FloatBuffer.wrap(x), frames, frame, hop);
            for (int t = 0; t < frames; t++) {
                double ref = 0;
                for (int k = t * hop; k < t * hop + frame; k++) {
                    double v = x[k];
                    ref += v * v;
                }
                assertEquals(Double.doubleToLongBits(ref), Double.doubleToLongBits(e[t]), "frame " + t + " of " + length);
            }
        }
    }
}
