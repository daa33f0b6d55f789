package io.github.ser4j.features;

import java.util.Arrays;
import java.util.List;

/**
 * Per-clip statistics of a per-frame descriptor: the functionals of the prosodic, spectral and MFCC
 * extractors. Every functional of an empty selection is 0 (documented in each public extractor), so
 * silence and unvoiced clips never produce NaN or infinity.
 *
 * <p>Thread-safety: stateless; the caller passes its own scratch arrays.
 */
final class Functionals {

    /** Suffixes of the {@link #COUNT} functionals in output order. */
    static final List<String> SUFFIXES = List.of(
            "mean", "stddev", "min", "max", "p20", "p50", "p80", "iqr20_80", "slope");
    static final int COUNT = 9;

    private Functionals() {
    }

    /**
     * Writes the {@link #COUNT} functionals of {@code values[from + i]} over the frames {@code i} with
     * {@code select[i]} (all frames when {@code select} is null), in {@link #SUFFIXES} order: mean,
     * population standard deviation, min, max, the 20th/50th/80th percentiles (linear interpolation
     * between order statistics, as numpy's default), the 20–80 percentile range, and the least-squares
     * slope of the value against time in units per second (0 with fewer than two frames).
     *
     * @param values per-frame values, finite
     * @param from index in {@code values} of frame 0
     * @param count number of frames to read
     * @param select frames to include, or null for all
     * @param frameSeconds seconds between frames, for the slope
     * @param scratch scratch space of at least {@code count} doubles, overwritten
     * @param out destination
     * @param offset where the first functional goes
     * @return the number of frames included
     */
    static int compute(double[] values, int from, int count, boolean[] select, double frameSeconds, double[] scratch,
            double[] out, int offset) {
        int n = 0;
        double sum = 0;
        double sumT = 0;
        for (int i = 0; i < count; i++) {
            if (select == null || select[i]) {
                double v = values[from + i];
                scratch[n++] = v;
                sum += v;
                sumT += i;
            }
        }
        if (n == 0) {
            Arrays.fill(out, offset, offset + COUNT, 0.0);
            return 0;
        }
        double mean = sum / n;
        double meanT = sumT / n;
        double ss = 0;
        double stt = 0;
        double sty = 0;
        int k = 0;
        for (int i = 0; i < count; i++) {
            if (select == null || select[i]) {
                double d = values[from + i] - mean;
                double dt = i - meanT;
                ss += d * d;
                stt += dt * dt;
                sty += dt * d;
                k++;
            }
        }
        Arrays.sort(scratch, 0, n);
        double p20 = percentile(scratch, n, 0.2);
        double p80 = percentile(scratch, n, 0.8);
        out[offset] = mean;
        out[offset + 1] = Math.sqrt(ss / n);
        out[offset + 2] = scratch[0];
        out[offset + 3] = scratch[n - 1];
        out[offset + 4] = p20;
        out[offset + 5] = percentile(scratch, n, 0.5);
        out[offset + 6] = p80;
        out[offset + 7] = p80 - p20;
        out[offset + 8] = stt > 0 ? sty / stt / frameSeconds : 0.0;
        return k;
    }

    /** Percentile {@code q} of the first {@code n} sorted values, interpolating linearly (numpy "linear"). */
    static double percentile(double[] sorted, int n, double q) {
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        double frac = pos - lo;
        return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }

    /** Mean and population standard deviation of {@code values[0..n)} into {@code out}, zeros when empty. */
    static void meanStd(double[] values, int n, double[] out, int offset) {
        if (n == 0) {
            out[offset] = 0;
            out[offset + 1] = 0;
            return;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            ss += d * d;
        }
        out[offset] = mean;
        out[offset + 1] = Math.sqrt(ss / n);
    }
}
