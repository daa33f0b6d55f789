package io.github.ser4j.models;

import java.util.Arrays;

/**
 * Z-scores features with the mean and standard deviation of the training rows, then optionally squashes
 * each z-score softly into (-k, k) as {@code k·tanh(z/k)}: near-linear within a few standard deviations,
 * bounded beyond, so no single feature far outside its training range (a noise floor under a minimum, a
 * broken pitch track) can dominate the RBF kernel's distance. Kept in ser4j rather than as a Weka filter
 * because Weka filters hold per-call state; this is immutable.
 */
final class Standardizer {

    private final double[] means;
    private final double[] scales;
    private final double squash;

    Standardizer(double[] means, double[] scales) {
        this(means, scales, 0);
    }

    /** With {@code squash} k &gt; 0 the soft limit k·tanh(z/k); 0 for plain z-scores. */
    Standardizer(double[] means, double[] scales, double squash) {
        if (!(squash >= 0) || !Double.isFinite(squash)) {
            throw new IllegalArgumentException("standardizer squash must be 0 (none) or positive and finite, got " + squash);
        }
        this.squash = squash;
        if (means.length != scales.length) {
            throw new IllegalArgumentException("standardizer has " + means.length + " means but " + scales.length + " scales");
        }
        for (int i = 0; i < means.length; i++) {
            if (!Double.isFinite(means[i]) || !(scales[i] > 0) || !Double.isFinite(scales[i])) {
                throw new IllegalArgumentException("standardizer feature " + i + " has mean " + means[i] + ", scale " + scales[i]);
            }
        }
        this.means = means.clone();
        this.scales = scales.clone();
    }

    /** Fits on the given rows of {@code x}; a constant feature gets scale 1 so it maps to 0. */
    static Standardizer fit(double[][] x, int[] rows) {
        int d = x[rows[0]].length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[r][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.length;
        }
        for (int r : rows) {
            for (int j = 0; j < d; j++) {
                double dev = x[r][j] - mean[j];
                sd[j] += dev * dev;
            }
        }
        for (int j = 0; j < d; j++) {
            double s = rows.length > 1 ? Math.sqrt(sd[j] / (rows.length - 1)) : 0;
            sd[j] = s > 1e-12 && Double.isFinite(s) ? s : 1;
        }
        return new Standardizer(mean, sd);
    }

    int dimension() {
        return means.length;
    }

    double[] apply(double[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            // Rounded to float precision: the SVM keeps its training rows, and rows whose low mantissa
            // bytes are zero deflate to about half, which keeps the shipped model small.
            double z = (row[j] - means[j]) / scales[j];
            out[j] = (float) (squash > 0 ? squash * Math.tanh(z / squash) : z);
        }
        return out;
    }

    /** Plain z-scores of a row, without the squash and the float rounding of {@link #apply}. */
    double[] zScores(double[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = (row[j] - means[j]) / scales[j];
        }
        return out;
    }

    /** A copy with the soft limit k (0 for none). */
    Standardizer withSquash(double k) {
        return new Standardizer(means, scales, k);
    }

    /** The soft limit k, 0 for none. */
    double squash() {
        return squash;
    }

    double[] means() {
        return means.clone();
    }

    double[] scales() {
        return scales.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && Arrays.equals(means, s.means) && Arrays.equals(scales, s.scales)
                && squash == s.squash;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(means) + Arrays.hashCode(scales)) + Double.hashCode(squash);
    }
}
