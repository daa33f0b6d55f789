package io.github.ser4j.features;

/**
 * librosa's {@code power_to_db(S, ref=1.0, amin=1e-10, top_db=80)}: {@code 10*log10(max(amin, S))},
 * then clipped from below at (maximum over the whole matrix) minus {@code top_db}. The clip needs the
 * maximum over all frames, so callers convert a whole matrix at once with {@link #powerToDb}.
 *
 * <p>Thread-safety: stateless.
 */
final class Decibels {

    /** librosa's {@code amin}: the floor below which power is treated as {@code 1e-10} (-100 dB). */
    static final double AMIN = 1e-10;
    /** librosa's {@code top_db}: the dynamic range kept below the matrix maximum. */
    static final double TOP_DB = 80.0;

    private Decibels() {
    }

    /**
     * Converts {@code values[from..to)} from power to dB in place, librosa-style.
     *
     * @param values power values
     * @param from first index
     * @param to end index (exclusive)
     */
    static void powerToDb(double[] values, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double db = 10.0 * Math.log10(Math.max(AMIN, values[i]));
            values[i] = db;
            if (db > max) {
                max = db;
            }
        }
        double floor = max - TOP_DB;
        for (int i = from; i < to; i++) {
            if (values[i] < floor) {
                values[i] = floor;
            }
        }
    }
}
