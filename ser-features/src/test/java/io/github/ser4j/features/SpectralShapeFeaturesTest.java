package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpectralShapeFeaturesTest {

    private static final float SR = 16_000f;
    private final SpectralShapeFeatures spectral = SpectralShapeFeatures.create();

    private double feature(double[] v, String name) {
        int i = spectral.featureNames().indexOf(name);
        assertTrue(i >= 0, name);
        return v[i];
    }

    private static float[] noise(int n, double rms, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rms * random.nextGaussian());
        }
        return x;
    }

    private static float[] sine(double hz, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / SR));
        }
        return x;
    }

    @Test
    void whiteNoiseFlatnessIsThatOfAnExponentialPeriodogram() {
        // Every bin of a Gaussian white-noise periodogram is exponential: E[ln P] = ln E[P] - gamma,
        // so the geometric over arithmetic mean is exp(-gamma) = 0.5615 (averaging frames would give 1).
        double[] v = spectral.extract(AudioClip.of(noise(32_000, 0.1, 1), SR));
        assertEquals(Math.exp(-0.5772156649), feature(v, "flatness_mean"), 0.02);
        // Flat spectrum: centroid at a quarter of the sample rate, roll-off at 85% of Nyquist.
        assertEquals(4000, feature(v, "centroid_hz_mean"), 100);
        assertEquals(0.85 * 8000, feature(v, "rolloff85_hz_p50"), 100);
        // Alpha ratio of a flat spectrum: bandwidth ratio 950 Hz / 4000 Hz.
        assertEquals(10 * Math.log10(950.0 / 4000), feature(v, "alpha_ratio_db_mean"), 0.5);
        assertEquals(0.0, feature(v, "slope_500_1500_db_per_khz_mean"), 1.5);
    }

    @Test
    void sineIsNotFlatAndItsCentroidIsItsFrequency() {
        double[] v = spectral.extract(AudioClip.of(sine(1000, 16_000), SR));
        assertTrue(feature(v, "flatness_max") < 0.01, "sine flatness " + feature(v, "flatness_max"));
        assertEquals(1000, feature(v, "centroid_hz_p50"), 10);
        assertEquals(1000, feature(v, "rolloff85_hz_p50"), 40); // within one 31.25 Hz bin
        // A stationary tone barely changes from frame to frame.
        assertTrue(feature(v, "flux_p50") < 0.01, "flux " + feature(v, "flux_p50"));
    }

    @Test
    void hammarbergAndAlphaRatioOfTwoTonesAreTheirLevelDifference() {
        // 500 Hz at amplitude 0.5 and 3 kHz at 0.05: 20 dB apart in both measures.
        float[] x = new float[16_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 500 * i / SR) + 0.05 * Math.sin(2 * Math.PI * 3000 * i / SR));
        }
        double[] v = spectral.extract(AudioClip.of(x, SR));
        assertEquals(20, feature(v, "hammarberg_db_p50"), 0.5);
        assertEquals(20, feature(v, "alpha_ratio_db_p50"), 0.5);
    }

    @Test
    void slopeOfAnExponentiallyTiltedSpectrumIsTheTilt() {
        // First-order recursive filter y = x + a y[-1]: its log spectrum falls with frequency; compare
        // the fitted 500-1500 Hz slope with the analytic response 10 log10(1 / |1 - a e^{-jw}|^2).
        double a = 0.9;
        float[] x = noise(64_000, 0.05, 5);
        float prev = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (a * prev);
            prev = x[i];
        }
        double expected = slope(a, 500, 1500);
        double[] v = spectral.extract(AudioClip.of(x, SR));
        assertEquals(expected, feature(v, "slope_500_1500_db_per_khz_mean"), 1.0);
    }

    /** Least-squares slope in dB/kHz of the analytic AR(1) response over the FFT bins of [lo, hi] Hz. */
    private static double slope(double a, double lo, double hi) {
        int from = (int) Math.ceil(lo / 31.25);
        int to = (int) Math.ceil(hi / 31.25);
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = 0;
        for (int k = from; k <= to; k++) {
            double w = 2 * Math.PI * k / 512;
            double mag2 = 1 - 2 * a * Math.cos(w) + a * a;
            double y = -10 * Math.log10(mag2);
            double f = k * 31.25 / 1000;
            sx += f;
            sy += y;
            sxx += f * f;
            sxy += f * y;
            n++;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    @Test
    void silenceGivesZeros() {
        double[] v = spectral.extract(AudioClip.of(new float[4000], SR));
        for (int i = 0; i < v.length; i++) {
            assertEquals(0.0, v[i], spectral.featureNames().get(i));
        }
    }
}
