package io.github.ser4j.features;

/**
 * Cycle-to-cycle perturbation of voiced speech: local jitter and local shimmer from glottal period
 * marks.
 *
 * <p>Within each run of voiced frames the marks are waveform peaks (of the polarity with the larger
 * extreme in that run): the first is the highest peak of the run, then, forward and backward from it,
 * each next one the highest peak between 0.8 and 1.2 local periods (from the F0 track) away, located
 * to a fraction of a sample by parabolic interpolation. As in Praat, a pair of consecutive periods counts only if both lie
 * in the F0 range and their ratio is at most 1.3.
 * <ul>
 *   <li>Local jitter of a pair: {@code |T[i] - T[i-1]| / mean(T)}, the mean period of all counted
 *   periods of the clip; the mean over pairs is Praat's "jitter (local)".</li>
 *   <li>Local shimmer of a pair: {@code |20 log10(A[i] / A[i-1])|} in dB, A the peak amplitudes of
 *   the marks ending the two periods.</li>
 * </ul>
 *
 * <p>Thread-safety: stateless.
 */
final class PeriodAnalysis {

    private static final double MAX_PERIOD_FACTOR = 1.3;

    private PeriodAnalysis() {
    }

    /** Per-pair values; {@code pairs} entries of each array are used. */
    static final class Perturbation {
        final double[] jitter;
        final double[] shimmerDb;
        int pairs;

        Perturbation(int capacity) {
            jitter = new double[capacity];
            shimmerDb = new double[capacity];
        }
    }

    static Perturbation analyse(PitchTracker.Track t) {
        float[] x = t.padded;
        int hop = PitchTracker.HOP;
        int pad = PitchTracker.PAD;
        double minPeriod = PitchTracker.SAMPLE_RATE / PitchTracker.F0_MAX_HZ;
        double maxPeriod = PitchTracker.SAMPLE_RATE / PitchTracker.F0_MIN_HZ;
        // Marks are at least 0.8 minPeriod apart, so this bounds the pairs.
        Perturbation p = new Perturbation((int) (t.length / (0.8 * minPeriod)) + 2);
        double[] diffs = p.jitter;
        double periodSum = 0;
        int periodCount = 0;
        int capacity = p.jitter.length;
        double[] markPos = new double[capacity];
        double[] markAmp = new double[capacity];
        double[] scratchPos = new double[capacity];
        double[] scratchAmp = new double[capacity];

        int f = 0;
        while (f < t.frames) {
            if (!t.voiced[f]) {
                f++;
                continue;
            }
            int first = f;
            while (f < t.frames && t.voiced[f]) {
                f++;
            }
            int last = f - 1;
            int from = Math.max(pad, first * hop + pad - hop / 2);
            int to = Math.min(pad + t.length, last * hop + pad + hop / 2 + 1); // exclusive
            float sign = polarity(x, from, to);
            int marks = marks(t, first, last, x, sign, from, to, markPos, markAmp, scratchPos, scratchAmp);
            double prevPeriod = Double.NaN;
            for (int i = 1; i < marks; i++) {
                double period = markPos[i] - markPos[i - 1];
                boolean ok = period >= minPeriod && period <= maxPeriod && markAmp[i] > 0 && markAmp[i - 1] > 0;
                if (ok && !Double.isNaN(prevPeriod)) {
                    double ratio = period / prevPeriod;
                    if (ratio <= MAX_PERIOD_FACTOR && ratio >= 1 / MAX_PERIOD_FACTOR) {
                        diffs[p.pairs] = Math.abs(period - prevPeriod);
                        p.shimmerDb[p.pairs] = Math.abs(20 * Math.log10(markAmp[i] / markAmp[i - 1]));
                        p.pairs++;
                        periodSum += period;
                        periodCount++;
                    }
                }
                prevPeriod = ok ? period : Double.NaN;
            }
        }
        if (periodCount > 0) {
            double meanPeriod = periodSum / periodCount;
            for (int i = 0; i < p.pairs; i++) {
                diffs[i] /= meanPeriod;
            }
        }
        return p;
    }

    /**
     * Period marks of one voiced run, in time order: from the run's highest peak, forward and then
     * backward, each next mark the highest peak 0.8 to 1.2 local periods away. Starting at the highest
     * peak (as Praat does) keeps the marks on the main excitation of each cycle.
     *
     * @return the number of marks written to {@code pos} and {@code amp}
     */
    private static int marks(PitchTracker.Track t, int first, int last, float[] x, float sign, int from, int to,
            double[] pos, double[] amp, double[] backPos, double[] backAmp) {
        double[] peak = new double[2];
        int top = argmax(x, sign, from, to);
        if (top == from || top == to - 1) {
            return 0;
        }
        int back = 0;
        double at = top;
        while (true) {
            double period = localPeriod(t, first, last, (int) at);
            int lo = Math.max(from, (int) Math.ceil(at - 1.2 * period));
            int hi = (int) Math.floor(at - 0.8 * period) + 1;
            if (hi - lo < 3) {
                break;
            }
            int m = argmax(x, sign, lo, hi);
            if (m == lo || m == hi - 1) {
                break; // no peak inside the window: the cycle is cut off or the voicing ends
            }
            interpolate(x, sign, m, peak);
            backPos[back] = peak[0];
            backAmp[back++] = peak[1];
            at = peak[0];
        }
        int n = 0;
        for (int i = back - 1; i >= 0; i--) {
            pos[n] = backPos[i];
            amp[n++] = backAmp[i];
        }
        interpolate(x, sign, top, peak);
        pos[n] = peak[0];
        amp[n++] = peak[1];
        at = peak[0];
        while (true) {
            double period = localPeriod(t, first, last, (int) at);
            int lo = (int) Math.ceil(at + 0.8 * period);
            int hi = Math.min(to, (int) Math.floor(at + 1.2 * period) + 1);
            if (hi - lo < 3) {
                break;
            }
            int m = argmax(x, sign, lo, hi);
            if (m == lo || m == hi - 1) {
                break; // no peak inside the window: the cycle is cut off or the voicing ends
            }
            interpolate(x, sign, m, peak);
            pos[n] = peak[0];
            amp[n++] = peak[1];
            at = peak[0];
        }
        return n;
    }

    /** Period in samples from the F0 of the voiced frame nearest to padded sample index {@code i}. */
    private static double localPeriod(PitchTracker.Track t, int first, int last, int i) {
        int f = (int) Math.round((i - PitchTracker.PAD) / (double) PitchTracker.HOP);
        f = Math.min(Math.max(f, first), last);
        return PitchTracker.SAMPLE_RATE / t.f0Hz[f];
    }

    private static float polarity(float[] x, int from, int to) {
        float max = 0;
        float min = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, x[i]);
            min = Math.min(min, x[i]);
        }
        return max >= -min ? 1f : -1f;
    }

    private static int argmax(float[] x, float sign, int from, int to) {
        int best = from;
        float bestValue = sign * x[from];
        for (int i = from + 1; i < to; i++) {
            float v = sign * x[i];
            if (v > bestValue) {
                bestValue = v;
                best = i;
            }
        }
        return best;
    }

    /** Parabolic peak position and height of {@code sign * x} around {@code m}. */
    private static void interpolate(float[] x, float sign, int m, double[] out) {
        double l = sign * x[m - 1];
        double c = sign * x[m];
        double r = sign * x[m + 1];
        double den = l - 2 * c + r;
        double delta = den < 0 ? 0.5 * (l - r) / den : 0;
        delta = Math.max(-0.5, Math.min(0.5, delta));
        out[0] = m + delta;
        out[1] = c - 0.25 * (l - r) * delta;
    }
}
