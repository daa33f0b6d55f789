package io.github.ser4j.core;

/**
 * Band-limited sample-rate conversion by Kaiser-windowed sinc interpolation (Smith's bandlimited
 * interpolation). When decimating, the sinc is stretched to the new Nyquist frequency, so content
 * that would alias is filtered out first. The kernel is tabulated once and linearly interpolated.
 */
final class Resampler {

    /** Zero crossings of the sinc on each side of the centre, at the lower of the two rates. */
    private static final int ZERO_CROSSINGS = 32;
    /** Table entries per zero crossing. */
    private static final int OVERSAMPLE = 512;
    /** Kaiser beta: about 80 dB stop-band attenuation. */
    private static final double BETA = 8.6;
    /** Pass-band edge as a fraction of the lower Nyquist frequency; the rest is the transition band. */
    private static final double ROLLOFF = 0.94;

    private static final float[] TABLE = buildTable();

    private Resampler() {
    }

    private static float[] buildTable() {
        int n = ZERO_CROSSINGS * OVERSAMPLE + 2;
        float[] t = new float[n];
        double i0Beta = besselI0(BETA);
        for (int i = 0; i < n; i++) {
            double x = i / (double) OVERSAMPLE; // in zero crossings
            double sinc = x == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
            double r = x / ZERO_CROSSINGS;
            double w = r >= 1 ? 0 : besselI0(BETA * Math.sqrt(1 - r * r)) / i0Beta;
            t[i] = (float) (sinc * w);
        }
        return t;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    /** Resamples {@code in} from {@code fromHz} to {@code toHz}; returns a new array. */
    static float[] resample(float[] in, float fromHz, float toHz) {
        double ratio = toHz / (double) fromHz;
        // Multiply before dividing so that exact durations stay exact (11025 samples at 44.1 kHz -> 4000 at 16 kHz).
        long outLen = (long) Math.ceil(in.length * (double) toHz / fromHz);
        if (outLen < 1) {
            outLen = 1;
        }
        if (outLen > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled clip would be too long: " + outLen + " samples");
        }
        float[] out = new float[(int) outLen];
        // Cut-off relative to the input rate's Nyquist; the kernel is scaled by it when decimating.
        double cutoff = Math.min(1.0, ratio) * ROLLOFF;
        double step = cutoff * OVERSAMPLE; // table steps per input sample
        double halfWidth = ZERO_CROSSINGS / cutoff; // in input samples
        for (int j = 0; j < out.length; j++) {
            double t = j / ratio; // position in input samples
            int lo = (int) Math.ceil(t - halfWidth);
            int hi = (int) Math.floor(t + halfWidth);
            double acc = 0;
            for (int i = Math.max(lo, 0); i <= Math.min(hi, in.length - 1); i++) {
                double pos = Math.abs(t - i) * step;
                int k = (int) pos;
                if (k >= TABLE.length - 1) {
                    continue;
                }
                double frac = pos - k;
                double h = TABLE[k] + frac * (TABLE[k + 1] - TABLE[k]);
                acc += in[i] * h;
            }
            out[j] = (float) (acc * cutoff);
        }
        return out;
    }
}
