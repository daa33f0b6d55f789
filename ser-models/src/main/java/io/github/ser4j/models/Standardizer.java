package io.github.ser4j.models;

import java.util.Arrays;

/**
 * Z-scores features with the mean and standard deviation of the training rows. Kept in ser4j rather
 * than as a Weka filter because Weka filters hold per-call state; this is immutable.
 */
final class Standardizer {

    private final double[] means;
    private final double[] scales;

    Standardizer(double[] means, double[] scales) {
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
            out[j] = (float) ((row[j] - means[j]) / scales[j]);
        }
        return out;
    }

    double[] means() {
        return means.clone();
    }

    double[] scales() {
        return scales.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && Arrays.equals(means, s.means) && Arrays.equals(scales, s.scales);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(scales);
    }
}
