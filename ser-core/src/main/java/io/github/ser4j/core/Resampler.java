package io.github.ser4j.core;

/**
 * Band-limited sample-rate conversion by Kaiser-windowed sinc interpolation (Smith's bandlimited
 * interpolation). When decimating, the sinc is stretched to the new Nyquist frequency, so content
 * that would alias is filtered out first. For integer rates (the usual case) the kernel is evaluated
 * once per phase of the rational ratio (polyphase); otherwise a shared table is linearly interpolated.
 */
final class Resampler {

    /** Zero crossings of the sinc on each side of the centre, at the lower of the two rates. */
    static final int ZERO_CROSSINGS = 32;
    /** Table entries per zero crossing. */
    private static final int OVERSAMPLE = 512;
    /** Kaiser beta: about 80 dB stop-band attenuation. */
    private static final double BETA = 8.6;
    /** Pass-band edge as a fraction of the lower Nyquist frequency; the rest is the transition band. */
    private static final double ROLLOFF = 0.94;

    /** The most polyphase coefficients tabulated (16 MB); beyond it the shared table is interpolated. */
    static final long MAX_COEFFICIENTS = 1L << 22;

    private static final double I0_BETA = besselI0(BETA);
    private static final float[] TABLE = buildTable();

    private Resampler() {
    }

    private static float[] buildTable() {
        int n = ZERO_CROSSINGS * OVERSAMPLE + 2;
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = (float) kernel(i / (double) OVERSAMPLE);
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

    /**
     * Resamples {@code in} from {@code fromHz} to {@code toHz}; returns a new array of
     * {@code ceil(in.length * toHz / fromHz)} samples. Work is O(output length x taps) and the only
     * allocations are the output and, for integer rates, one small coefficient table.
     */
    static float[] resample(float[] in, float fromHz, float toHz) {
        // Multiply before dividing so that exact durations stay exact (11025 samples at 44.1 kHz -> 4000 at 16 kHz).
        long outLen = Math.max(1, (long) Math.ceil(in.length * (double) toHz / fromHz));
        if (outLen > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled clip would be too long: " + outLen + " samples");
        }
        float[] out = new float[(int) outLen];
        if (fromHz == Math.rint(fromHz) && toHz == Math.rint(toHz)) {
            long g = gcd((long) fromHz, (long) toHz);
            long up = (long) toHz / g;
            long down = (long) fromHz / g;
            double cutoff = cutoff(fromHz, toHz);
            long taps = 2L * (long) Math.ceil(ZERO_CROSSINGS / cutoff);
            if (up * taps <= MAX_COEFFICIENTS) {
                polyphase(in, out, (int) up, down, (int) taps, cutoff);
                return out;
            }
        }
        interpolated(in, out, toHz / (double) fromHz);
        return out;
    }

    /** The kernel's cut-off as a fraction of the input's Nyquist frequency. */
    static double cutoff(double fromHz, double toHz) {
        return Math.min(1.0, toHz / fromHz) * ROLLOFF;
    }

    /**
     * Rational ratio {@code up/down}: output j sits at input position {@code j*down/up}, whose
     * fractional part is one of {@code up} phases, so each phase's taps are computed once.
     */
    private static void polyphase(float[] in, float[] out, int up, long down, int taps, double cutoff) {
        int half = taps / 2;
        float[] coef = new float[up * taps];
        for (int p = 0; p < up; p++) {
            for (int m = 0; m < taps; m++) {
                // Tap m reads input n + m - half + 1, at distance p/up - (m - half + 1) from the output.
                coef[p * taps + m] = (float) (cutoff * kernel((p / (double) up - (m - half + 1)) * cutoff));
            }
        }
        for (int j = 0; j < out.length; j++) {
            long pos = j * down;
            int n = (int) (pos / up);
            int phase = (int) (pos % up);
            int base = n - half + 1;
            int c = phase * taps;
            double acc = 0;
            if (base >= 0 && base + taps <= in.length) {
                for (int m = 0; m < taps; m++) {
                    acc += in[base + m] * coef[c + m];
                }
            } else {
                for (int m = Math.max(0, -base); m < taps && base + m < in.length; m++) {
                    acc += in[base + m] * coef[c + m];
                }
            }
            out[j] = (float) acc;
        }
    }

    /** Any ratio: the kernel is read from the shared table with linear interpolation. */
    private static void interpolated(float[] in, float[] out, double ratio) {
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
    }

    /** The windowed sinc at {@code x} zero crossings from the centre. */
    static double kernel(double x) {
        double ax = Math.abs(x);
        if (ax >= ZERO_CROSSINGS) {
            return 0;
        }
        double sinc = ax == 0 ? 1.0 : Math.sin(Math.PI * ax) / (Math.PI * ax);
        double r = ax / ZERO_CROSSINGS;
        return sinc * besselI0(BETA * Math.sqrt(1 - r * r)) / I0_BETA;
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
