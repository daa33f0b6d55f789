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

    private static final int TABLE_BITS = 7;
    private static final double[] INVERSE = new double[1 << TABLE_BITS];
    private static final double[] LOG_INVERSE = new double[1 << TABLE_BITS];
    private static final double LN2 = Math.log(2);
    private static final double INV_LN10 = 1 / Math.log(10);

    static {
        for (int i = 0; i < INVERSE.length; i++) {
            INVERSE[i] = 1 / (1 + (i + 0.5) / INVERSE.length);
            LOG_INVERSE[i] = Math.log(INVERSE[i]);
        }
    }

    private Decibels() {
    }

    /**
     * {@code log10(x)} for positive normal finite {@code x}, within about 1e-15 relative of
     * {@link Math#log10} and several times faster: mantissa {@code m} is reduced by a table entry
     * {@code c} near it to {@code r = m/c - 1}, {@code |r| < 2^-8}, and {@code ln(1+r)} is a
     * 6-term series (truncation below 1e-17).
     */
    static double log10(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) ((bits >>> 52) & 0x7ff) - 1023;
        long mantissa = bits & 0xfffffffffffffL;
        int i = (int) (mantissa >>> (52 - TABLE_BITS));
        double m = Double.longBitsToDouble(mantissa | 0x3ff0000000000000L);
        double r = m * INVERSE[i] - 1;
        double series = r * (1 + r * (-1.0 / 2 + r * (1.0 / 3 + r * (-1.0 / 4 + r * (1.0 / 5 + r * (-1.0 / 6))))));
        return (exponent * LN2 - LOG_INVERSE[i] + series) * INV_LN10;
    }

    /** {@code 10 log10(max(AMIN, power))}: the first step of {@link #powerToDb}, before its floor. */
    static double db(double power) {
        return 10.0 * log10(Math.max(AMIN, power));
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
            double db = db(values[i]);
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
