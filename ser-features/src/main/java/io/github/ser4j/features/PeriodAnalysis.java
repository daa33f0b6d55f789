package io.github.ser4j.features;

/**
 * Cycle-to-cycle perturbation of voiced speech: local jitter and local shimmer from glottal period
 * marks.
 *
 * <p>Within each run of voiced frames the marks come from waveform matching, close to Praat's
 * cross-correlation method: the first is the run's highest peak (of the polarity with the larger
 * extreme in the run); from there, forward and backward, each next mark is one period away, the
 * period being the lag within 0.8 to 1.2 local periods (from the F0 track) that maximises the
 * normalised cross-correlation of one period of signal with the signal that lag away, to a fraction
 * of a sample by parabolic interpolation. The chain stops where that correlation drops below the
 * voicing threshold or the run ends. (Marks on the highest peak of each cycle, tried first, gave twice
 * the jitter on RAVDESS speech: formant ringing makes the highest peak hop between cycles.) As in
 * Praat, a pair of consecutive periods counts only if both lie in the F0 range and their ratio is at
 * most 1.3.
 * <ul>
 *   <li>Local jitter of a pair: {@code |T[i] - T[i-1]| / mean(T)}, the mean period of all counted
 *   periods of the clip; the mean over pairs is Praat's "jitter (local)".</li>
 *   <li>Local shimmer of a pair: {@code |20 log10(A[i] / A[i-1])|} in dB, A the highest
 *   {@code sign * x} within half a period of the marks ending the two periods.</li>
 * </ul>
 *
 * <p>Thread-safety: stateless; scratch buffers come from the calling thread's {@link Workspace}.
 */
final class PeriodAnalysis {

    private static final double MAX_PERIOD_FACTOR = 1.3;

    private PeriodAnalysis() {
    }

    private static final Workspace.Slot BEST = new Workspace.Slot("period.best");
    private static final Workspace.Slot JITTER = new Workspace.Slot("period.jitter");
    private static final Workspace.Slot SHIMMER = new Workspace.Slot("period.shimmer");
    private static final Workspace.Slot MARK_POS = new Workspace.Slot("period.markpos");
    private static final Workspace.Slot MARK_AMP = new Workspace.Slot("period.markamp");
    private static final Workspace.Slot BACK_POS = new Workspace.Slot("period.backpos");

    /**
     * Per-pair values; {@code pairs} entries of each array are used. The arrays are workspace
     * buffers of the calling thread, valid until its next {@link #analyse}.
     */
    static final class Perturbation {
        final double[] jitter;
        final double[] shimmerDb;
        int pairs;

        Perturbation(double[] jitter, double[] shimmerDb) {
            this.jitter = jitter;
            this.shimmerDb = shimmerDb;
        }
    }

    static Perturbation analyse(PitchTracker.Track t) {
        float[] x = t.padded;
        double minPeriod = PitchTracker.SAMPLE_RATE / PitchTracker.F0_MAX_HZ;
        double maxPeriod = PitchTracker.SAMPLE_RATE / PitchTracker.F0_MIN_HZ;
        // Marks lie inside their voiced run at least 0.8 minPeriod apart: that bounds a run's marks, and
        // their sum the pairs (sized by the voiced runs, not the clip: a 600 s clip would need 18 MB).
        long total = 0;
        int longest = 0;
        for (int f = 0; f < t.frames; f++) {
            if (t.voiced[f] && (f == 0 || !t.voiced[f - 1])) {
                int last = f;
                while (last + 1 < t.frames && t.voiced[last + 1]) {
                    last++;
                }
                int marks = runCapacity(runFrom(f), runTo(last, t.length), minPeriod);
                total += marks;
                longest = Math.max(longest, marks);
            }
        }
        int capacity = (int) Math.min(total + 1, Integer.MAX_VALUE);
        Workspace ws = Workspace.current();
        Perturbation p = new Perturbation(ws.doubles(JITTER, capacity), ws.doubles(SHIMMER, capacity));
        double[] diffs = p.jitter;
        double periodSum = 0;
        int periodCount = 0;
        double[] markPos = ws.doubles(MARK_POS, longest + 1);
        double[] markAmp = ws.doubles(MARK_AMP, longest + 1);
        double[] scratchPos = ws.doubles(BACK_POS, longest + 1);

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
            int from = runFrom(first);
            int to = runTo(last, t.length);
            float sign = polarity(x, from, to);
            int marks = marks(t, first, last, x, sign, from, to, markPos, markAmp, scratchPos);
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

    /** The first padded sample of the voiced run that starts at frame {@code first}. */
    private static int runFrom(int first) {
        return Math.max(PitchTracker.PAD, first * PitchTracker.HOP + PitchTracker.PAD - PitchTracker.HOP / 2);
    }

    /** The end (exclusive) of the voiced run that ends at frame {@code last}, in padded samples. */
    private static int runTo(int last, int length) {
        return Math.min(PitchTracker.PAD + length, last * PitchTracker.HOP + PitchTracker.PAD + PitchTracker.HOP / 2 + 1);
    }

    /**
     * At most this many marks, at least 0.8 minPeriod apart, fit in {@code [from, to)} widened by the
     * longest period and a half on each side (a mark may sit that far outside the windows it was found with).
     */
    private static int runCapacity(int from, int to, double minPeriod) {
        double maxPeriod = PitchTracker.SAMPLE_RATE / PitchTracker.F0_MIN_HZ;
        return (int) ((Math.max(0, to - from) + 3 * maxPeriod) / (0.8 * minPeriod)) + 2;
    }

    /**
     * Period marks by waveform matching: from the run's highest peak, each next mark is one period
     * away, the period being the lag in 0.8..1.2 local periods that maximises the normalised
     * cross-correlation of one period of signal around the mark with the signal that lag later
     * (earlier, going backward), to a fraction of a sample by parabolic interpolation; the chain stops
     * where that correlation falls below the voicing threshold. Amplitude of a mark: the highest
     * {@code sign * x} within half a period of it.
     */
    private static int marks(PitchTracker.Track t, int first, int last, float[] x, float sign, int from,
            int to, double[] pos, double[] amp, double[] back) {
        int top = argmax(x, sign, from, to);
        double[] best = Workspace.current().doubles(BEST, 2); // called per voiced run: no allocation
        int b = 0;
        double at = top;
        while (lag(x, (int) Math.round(at), -1, localPeriod(t, first, last, (int) at), from, to, best)) {
            at -= best[0];
            back[b++] = at;
        }
        int n = 0;
        for (int i = b - 1; i >= 0; i--) {
            pos[n++] = back[i];
        }
        pos[n++] = top;
        at = top;
        while (lag(x, (int) Math.round(at), 1, localPeriod(t, first, last, (int) at), from, to, best)) {
            at += best[0];
            pos[n++] = at;
        }
        for (int i = 0; i < n; i++) {
            double half = 0.5 * localPeriod(t, first, last, (int) pos[i]);
            int lo = Math.max(from, (int) Math.ceil(pos[i] - half));
            int hi = Math.min(to, (int) Math.floor(pos[i] + half) + 1);
            float peak = 0;
            for (int k = lo; k < hi; k++) {
                peak = Math.max(peak, sign * x[k]);
            }
            amp[i] = peak;
        }
        return n;
    }

    /**
     * The lag (direction {@code dir}) near {@code period} maximising the normalised correlation of one
     * period of {@code x} around {@code c} with {@code x} that lag later or earlier; false when the
     * windows leave {@code [from, to)} or the correlation is below the voicing threshold.
     */
    private static boolean lag(float[] x, int c, int dir, double period, int from, int to, double[] out) {
        int h = (int) Math.round(period / 2);
        int lo = (int) Math.ceil(0.8 * period);
        int hi = (int) Math.floor(1.2 * period);
        // One period around the mark, moved inside the run if the mark is near its edge.
        int a = Math.min(Math.max(c - h, from), to - 2 * h);
        if (a < from || hi - lo < 2) {
            return false;
        }
        int tau = Math.min(Math.max((int) Math.round(period), lo + 1), hi - 1);
        double here = ncc(x, a, dir, tau, h, from, to);
        double left = ncc(x, a, dir, tau - 1, h, from, to);
        double right = ncc(x, a, dir, tau + 1, h, from, to);
        while (true) {
            if (right > here && tau + 1 < hi) {
                tau++;
                left = here;
                here = right;
                right = ncc(x, a, dir, tau + 1, h, from, to);
            } else if (left > here && tau - 1 > lo) {
                tau--;
                right = here;
                here = left;
                left = ncc(x, a, dir, tau - 1, h, from, to);
            } else {
                break;
            }
        }
        if (!(here >= PitchTracker.VOICING_THRESHOLD)) {
            return false;
        }
        double den = left - 2 * here + right;
        double delta = den < 0 ? 0.5 * (left - right) / den : 0;
        out[0] = tau + Math.max(-0.5, Math.min(0.5, delta));
        return true;
    }

    /** Normalised correlation of {@code x[a, a+2h)} with {@code x} shifted by {@code dir * tau}; -1 outside the run. */
    private static double ncc(float[] x, int a, int dir, int tau, int h, int from, int to) {
        int s = a + dir * tau;
        if (s < from || s + 2 * h > to) {
            return -1;
        }
        double dot = 0;
        double ea = 0;
        double es = 0;
        for (int k = 0; k < 2 * h; k++) {
            double u = x[a + k];
            double v = x[s + k];
            dot += u * v;
            ea += u * u;
            es += v * v;
        }
        double den = Math.sqrt(ea * es);
        return den > 0 ? dot / den : 0;
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
}
