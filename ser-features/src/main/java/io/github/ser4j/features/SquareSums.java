package io.github.ser4j.features;

/**
 * Sums of squares of any window of a signal in constant time, from prefix sums kept per block of
 * {@value #BLOCK} samples (plus at most {@code 2 * (BLOCK - 1)} squares at the window's edges): one
 * sixteenth of the memory of a per-sample prefix array, which matters for ten-minute clips.
 *
 * <p>Thread-safety: a view over caller-owned arrays; confined to the thread that made it.
 */
final class SquareSums {

    static final int BLOCK = 16;

    private final float[] x;
    private final double[] prefix;

    /**
     * @param x the signal, read in {@code [0, n)}
     * @param n the signal length
     * @param buffer at least {@code n / BLOCK + 1} doubles, overwritten
     */
    SquareSums(float[] x, int n, double[] buffer) {
        this.x = x;
        this.prefix = buffer;
        int blocks = n / BLOCK;
        prefix[0] = 0;
        for (int b = 0; b < blocks; b++) {
            double s = 0;
            int base = b * BLOCK;
            for (int i = base; i < base + BLOCK; i++) {
                s += (double) x[i] * x[i];
            }
            prefix[b + 1] = prefix[b] + s;
        }
    }

    /** @return {@code sum x[i]^2} for {@code i} in {@code [from, to)} */
    double sum(int from, int to) {
        int firstBlock = (from + BLOCK - 1) / BLOCK;
        int lastBlock = to / BLOCK;
        if (firstBlock >= lastBlock) {
            return direct(from, to);
        }
        return prefix[lastBlock] - prefix[firstBlock] + direct(from, firstBlock * BLOCK)
                + direct(lastBlock * BLOCK, to);
    }

    private double direct(int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return s;
    }
}
