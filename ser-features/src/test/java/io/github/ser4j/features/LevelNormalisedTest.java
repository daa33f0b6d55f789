package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import org.junit.jupiter.api.Test;

class LevelNormalisedTest {

    private static AudioClip scaled(AudioClip c, float g) {
        float[] x = c.samples();
        for (int i = 0; i < x.length; i++) {
            x[i] *= g;
        }
        return AudioClip.of(x, c.sampleRateHz());
    }

    @Test
    void theClipIsScaledToTheTargetActiveLevel() throws Exception {
        AudioClip speech = MfccStatisticsTest.speech().resampledTo(16_000);
        for (float g : new float[] {0.01f, 0.3f, 1f}) {
            AudioClip s = scaled(speech, g);
            AudioClip n = s.segment(0, s.length(), LevelNormalised.gain(s.samplesView(), 0, s.length(), 16_000));
            double level = 10 * Math.log10(LevelNormalised.activePower(n.samplesView(), 0, n.length(), 320));
            assertEquals(LevelNormalised.TARGET_DBFS, level, 1e-4, "gain " + g);
        }
        AudioClip silence = AudioClip.of(new float[16_000], 16_000);
        assertEquals(1f, LevelNormalised.gain(silence.samplesView(), 0, 16_000, 16_000));
    }

    @Test
    void featuresDoNotDependOnTheGain() throws Exception {
        AudioClip speech = MfccStatisticsTest.speech();
        FeatureExtractor full = FeatureExtractors.full();
        FeatureExtractor level = LevelNormalised.of(full);
        double[] reference = level.extract(speech);
        // a power-of-two gain scales the clip and its measured level exactly: identical features
        assertArrayEquals(reference, level.extract(scaled(speech, 0.25f)), 0.0);
        assertArrayEquals(reference, level.extract(scaled(speech, 4f)), 0.0);
        // any other gain: equal up to float rounding of the samples
        double[] other = level.extract(scaled(speech, 0.0123f));
        double[] plain = full.extract(speech);
        double[] plainOther = full.extract(scaled(speech, 0.0123f));
        int c0 = full.featureNames().indexOf("mfcc-stats.mfcc0_mean");
        assertEquals(reference[c0], other[c0], 1e-3);
        assertTrue(Math.abs(plain[c0] - plainOther[c0]) > 10, "without normalising, c0 moves with the gain");
        assertEquals(full.featureNames(), level.featureNames());
        assertEquals(level.id(), FeatureExtractors.byId(level.id()).id());
    }

    /** activePower as it was computed one frame at a time, each frame's sum in index order. */
    static double activePowerOneFrameAtATime(float[] x, int from, int to, int frame) {
        int frames = (to - from + frame - 1) / frame;
        double[] p = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            int a = from + f * frame;
            int b = Math.min(to, a + frame);
            double e = 0;
            for (int k = a; k < b; k++) {
                double v = x[k];
                e += v * v;
            }
            p[f] = e / (b - a);
            max = Math.max(max, p[f]);
        }
        double gate = max * Math.pow(10, -LevelNormalised.RELATIVE_DB / 10);
        double sum = 0;
        int n = 0;
        for (double v : p) {
            if (v > 0 && v >= gate) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    @Test
    void activePowerFourFramesAtATimeIsTheOneAtATimeValueBitForBit() {
        java.util.Random r = new java.util.Random(5);
        for (int length : new int[] {1, 319, 320, 321, 1279, 1280, 1281, 16_000, 48_123}) {
            float[] x = new float[length + 700];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (r.nextGaussian() * Math.exp(3 * r.nextGaussian()) * 1e-2);
            }
            for (int from : new int[] {0, 7, 700}) {
                double expected = activePowerOneFrameAtATime(x, from, from + length, 320);
                double got = LevelNormalised.activePower(java.nio.FloatBuffer.wrap(x), from, from + length, 320);
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(got),
                        "length " + length + " from " + from);
            }
        }
    }
}
