package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import be.tarsos.dsp.pitch.PitchDetectionResult;
import be.tarsos.dsp.pitch.Yin;
import io.github.ser4j.core.AudioClip;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link YinEstimator} against TarsosDSP's {@link Yin}, the reference it replaces, bit for bit. */
class YinEstimatorTest {

    private static final float RATE = 4000f;
    private static final int WINDOW = 128;
    private static final double THRESHOLD = 0.2;

    /** Compares both estimators on every window of {@code x} starting at a multiple of {@code step}. */
    private static int[] compare(String name, float[] x, int step) {
        Yin reference = new Yin(RATE, WINDOW, THRESHOLD);
        YinEstimator estimator = new YinEstimator(RATE, WINDOW, THRESHOLD);
        float[] window = new float[WINDOW];
        int pitched = 0;
        int windows = 0;
        for (int from = 0; from + WINDOW <= x.length; from += step, windows++) {
            System.arraycopy(x, from, window, 0, WINDOW);
            PitchDetectionResult r = reference.getPitch(window);
            float expected = r.isPitched() ? r.getPitch() : -1f;
            float actual = estimator.pitch(x, from);
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual),
                    () -> name + ": expected " + expected + " Hz, got " + actual);
            pitched += r.isPitched() ? 1 : 0;
        }
        return new int[] {windows, pitched};
    }

    @Test
    void equalsTarsosYinBitForBitOnSpeechAsThePitchTrackerFeedsIt() throws IOException {
        int windows = 0;
        int pitched = 0;
        for (Map.Entry<String, AudioClip> e : GoldenFeaturesTest.signals().entrySet()) {
            AudioClip clip = e.getValue().resampledTo(PitchTracker.SAMPLE_RATE);
            float[] s = clip.samples();
            // the tracker's input: low-passed and decimated to 4 kHz
            float[] coarse = PitchTracker.decimate(s, s.length, new float[s.length / 4]);
            int[] counts = compare(e.getKey(), coarse, 7);
            windows += counts[0];
            pitched += counts[1];
        }
        // the signals hold voiced speech and tones as well as noise and silence: both outcomes are exercised
        assertTrue(windows > 10_000, "windows compared: " + windows);
        assertTrue(pitched > 1_000 && pitched < windows - 1_000, pitched + " of " + windows + " pitched");
    }

    @Test
    void equalsTarsosYinOnSinesNoiseSilenceAndAnEdgeDip() {
        SplittableRandom random = new SplittableRandom(12);
        float[] x = new float[40 * WINDOW];
        for (double hz : new double[] {62.6, 70, 100, 137.5, 220, 333.3, 500, 700, 1000, 1999}) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / RATE) + 0.01 * (random.nextDouble() - 0.5));
            }
            compare(hz + " Hz", x, 5);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() - 0.5);
        }
        compare("noise", x, 3);
        Arrays.fill(x, 0f);
        // silence: the normalisation divides by a zero sum, NaN everywhere, unpitched in both
        compare("silence", x, WINDOW);
        assertEquals(-1f, new YinEstimator(RATE, WINDOW, THRESHOLD).pitch(x, 0));
        // a period of 63 samples puts the dip at the last lag (no right neighbour to interpolate with)
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * i / 63.0);
        }
        compare("last-lag dip", x, 1);
    }
}
