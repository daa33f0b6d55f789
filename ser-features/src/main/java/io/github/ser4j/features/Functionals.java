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
        return compute(values, from, count, select, frameSeconds, scratch, out, offset, true);
    }

    /**
     * The {@code mean}, {@code stddev}, {@code p20} and {@code p80} of {@link #compute} into
     * {@code out[offset..offset+4)}, the same values without the work for the other five.
     *
     * @return the number of frames included
     */
    static int spread(double[] values, int from, int count, boolean[] select, double[] scratch, double[] out,
            int offset) {
        return compute(values, from, count, select, 1, scratch, out, offset, false);
    }

    private static int compute(double[] values, int from, int count, boolean[] select, double frameSeconds,
            double[] scratch, double[] out, int offset, boolean all) {
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
            Arrays.fill(out, offset, offset + (all ? COUNT : 4), 0.0);
            return 0;
        }
        double mean = sum / n;
        if (!all) {
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double d = scratch[i] - mean; // the selected values in frame order, as below
                ss += d * d;
            }
            double p20 = percentile(scratch, n, 0.2, -1);
            double p80 = percentile(scratch, n, 0.8, (int) Math.floor(0.2 * (n - 1)));
            out[offset] = mean;
            out[offset + 1] = Math.sqrt(ss / n);
            out[offset + 2] = p20;
            out[offset + 3] = p80;
            return n;
        }
        double meanT = sumT / n;
        double ss = 0;
        double stt = 0;
        double sty = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            if (select == null || select[i]) {
                double v = values[from + i];
                double d = v - mean;
                double dt = i - meanT;
                ss += d * d;
                stt += dt * dt;
                sty += dt * d;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        // Quickselect instead of a full sort: three order statistics cost about 3n, a sort n log n.
        double p20 = percentile(scratch, n, 0.2, -1);
        int k20 = (int) Math.floor(0.2 * (n - 1));
        double p50 = percentile(scratch, n, 0.5, k20);
        int k50 = (int) Math.floor(0.5 * (n - 1));
        double p80 = percentile(scratch, n, 0.8, k50);
        out[offset] = mean;
        out[offset + 1] = Math.sqrt(ss / n);
        out[offset + 2] = min;
        out[offset + 3] = max;
        out[offset + 4] = p20;
        out[offset + 5] = p50;
        out[offset + 6] = p80;
        out[offset + 7] = p80 - p20;
        out[offset + 8] = stt > 0 ? sty / stt / frameSeconds : 0.0;
        return n;
    }

    /**
     * Percentile {@code q} of {@code a[0..n)} with numpy's "linear" interpolation between order
     * statistics. Partially reorders {@code a}; {@code done} is the largest index an earlier call
     * already put in its sorted place (everything before it is smaller or equal), or -1.
     */
    static double percentile(double[] a, int n, double q, int done) {
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        if (lo > done) {
            select(a, done + 1, n - 1, lo);
        }
        double low = a[lo];
        if (lo + 1 >= n) {
            return low;
        }
        double high = a[lo + 1];
        for (int i = lo + 2; i < n; i++) {
            high = Math.min(high, a[i]);
        }
        return low + (pos - lo) * (high - low);
    }

    /** Reorders {@code a[lo..hi]} so that {@code a[k]} holds its sorted value, smaller ones before it. */
    private static void select(double[] a, int lo, int hi, int k) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three as pivot keeps sorted and constant input fast
            double x = a[lo];
            double y = a[mid];
            double z = a[hi];
            double pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
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
