package io.github.ser4j.features;

/**
 * The YIN pitch estimate of one window (de Cheveigné and Kawahara, "YIN, a fundamental frequency estimator
 * for speech and music", JASA 111(4), 2002, steps 2 to 5): the difference function, its cumulative mean
 * normalisation, the first dip under the threshold (followed down to its local minimum), and parabolic
 * interpolation of that dip.
 *
 * <p>It gives what TarsosDSP's {@code Yin.getPitch} gives, to the bit ({@code YinEstimatorTest} compares
 * both on real speech windows, sines and noise): the same float arithmetic, each lag's squared differences
 * added in the same order. Own code for speed: TarsosDSP sums lag by lag, so its inner loop is a scalar
 * reduction; here the loops are the other way round (samples outside, lags inside), so every lag keeps its
 * own order of additions while the inner loop is element-wise work the JIT turns into SIMD instructions.
 * It reads the window in place (no copy into a buffer of its own).
 *
 * <p>Thread-safety: not thread-safe (a scratch buffer per instance); {@link PitchTracker} makes one per call.
 */
final class YinEstimator {

    private final float sampleRate;
    private final double threshold;
    /** The difference function, then its normalisation, of lags 0 .. half the window − 1. */
    private final float[] d;

    /**
     * @param sampleRate the window's sample rate, in Hz
     * @param window the window length in samples (lags up to half of it)
     * @param threshold the normalised difference under which a dip counts (0.1 to 0.2 in the paper)
     */
    YinEstimator(float sampleRate, int window, double threshold) {
        this.sampleRate = sampleRate;
        this.threshold = threshold;
        this.d = new float[window / 2];
    }

    /**
     * The window's F0 estimate.
     *
     * @param x the samples
     * @param from the window's first sample in {@code x}
     * @return the F0 in Hz, or −1 when no dip reaches under the threshold (unpitched)
     */
    float pitch(float[] x, int from) {
        int lags = d.length;
        float[] d = this.d;
        java.util.Arrays.fill(d, 0f);
        // d[tau] = Σ_i (x_i − x_{i+tau})², i ascending for every tau: samples outside (four a pass), lags
        // inside. Lag 0 runs too (it adds zeros and is set to 1 below) so the inner loop has a round trip count.
        int i = 0;
        for (; i + 4 <= lags; i += 4) {
            int b = from + i;
            float x0 = x[b];
            float x1 = x[b + 1];
            float x2 = x[b + 2];
            float x3 = x[b + 3];
            for (int tau = 0; tau < lags; tau++) {
                float e0 = x0 - x[b + tau];
                float e1 = x1 - x[b + 1 + tau];
                float e2 = x2 - x[b + 2 + tau];
                float e3 = x3 - x[b + 3 + tau];
                float s = d[tau];
                s += e0 * e0;
                s += e1 * e1;
                s += e2 * e2;
                s += e3 * e3;
                d[tau] = s;
            }
        }
        for (; i < lags; i++) {
            float xi = x[from + i];
            int b = from + i;
            for (int tau = 0; tau < lags; tau++) {
                float delta = xi - x[b + tau];
                d[tau] += delta * delta;
            }
        }
        d[0] = 1;
        float runningSum = 0;
        for (int tau = 1; tau < lags; tau++) {
            runningSum += d[tau];
            d[tau] *= tau / runningSum;
        }
        // the first lag under the threshold, followed down its dip (lags 0 and 1 never count)
        int tau = 2;
        while (tau < lags && !(d[tau] < threshold)) {
            tau++;
        }
        if (tau == lags) {
            return -1;
        }
        while (tau + 1 < lags && d[tau + 1] < d[tau]) {
            tau++;
        }
        return sampleRate / interpolated(tau);
    }

    /** The dip's lag refined by the parabola through it and its neighbours (the lag itself at an end). */
    private float interpolated(int tau) {
        if (tau + 1 >= d.length) {
            return d[tau] <= d[tau - 1] ? tau : tau - 1;
        }
        float s0 = d[tau - 1];
        float s1 = d[tau];
        float s2 = d[tau + 1];
        return tau + (s2 - s0) / (2 * (2 * s1 - s2 - s0));
    }
}
