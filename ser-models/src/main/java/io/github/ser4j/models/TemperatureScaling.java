package io.github.ser4j.models;

/**
 * Temperature scaling of class distributions: {@code q_i ∝ p_i^(1/T)}, which is softmax(z/T) for
 * the log-probabilities z. A temperature above 1 softens overconfident probabilities; it never
 * changes which label is most probable. The temperature is fitted by minimising the negative
 * log-likelihood of held-out (cross-validated) distributions, a golden-section search over log T.
 */
final class TemperatureScaling {

    /** The search range of T: softening up to 100-fold, sharpening at most 4-fold (a perfect CV would otherwise drive T to 0). */
    static final double MIN_TEMPERATURE = 0.25;
    static final double MAX_TEMPERATURE = 100;
    /** Probabilities are floored here inside logarithms, as scikit-learn's log_loss does, so one zero cannot make the NLL infinite. */
    static final double PROBABILITY_FLOOR = 1e-15;

    private TemperatureScaling() {
    }

    /**
     * The distribution {@code p} at temperature {@code t}: {@code p_i^(1/t)} renormalised. Zeros stay zero;
     * the first most probable label stays the first most probable (ties that rounding could create are broken
     * in its favour).
     *
     * @throws IllegalArgumentException if {@code t} is not positive and finite
     */
    static double[] scale(double[] p, double t) {
        if (!(t > 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + t);
        }
        if (t == 1) {
            return p.clone();
        }
        int a = WekaSvm.argmax(p);
        double top = Math.log(p[a]);
        double[] q = new double[p.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            // relative to the top label, so the largest term is exactly 1 and nothing overflows
            q[i] = p[i] > 0 ? Math.exp((Math.log(p[i]) - top) / t) : 0;
            sum += q[i];
        }
        for (int i = 0; i < q.length; i++) {
            q[i] /= sum;
        }
        for (int i = 0; i < a; i++) {
            if (q[i] >= q[a]) { // only when p[i] was within rounding of p[a]
                q[i] = Math.nextDown(q[a]);
            }
        }
        return q;
    }

    /** Mean negative log-likelihood of the true labels under the distributions at temperature {@code t}. */
    static double nll(double[][] p, int[] truth, double t) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double[] q = scale(p[i], t);
            s -= Math.log(Math.max(PROBABILITY_FLOOR, q[truth[i]]));
        }
        return s / p.length;
    }

    /**
     * The temperature in [{@link #MIN_TEMPERATURE}, {@link #MAX_TEMPERATURE}] that minimises the mean NLL of
     * {@code truth} under {@code p}. The NLL is convex in 1/T, so unimodal in log T, and a golden-section
     * search finds its minimum (to a relative precision of about 1e-6 in T).
     *
     * @param p one distribution per clip
     * @param truth the true label index of each clip
     * @throws IllegalArgumentException if there are no clips or the lengths differ
     */
    static double fit(double[][] p, int[] truth) {
        if (p.length == 0 || p.length != truth.length) {
            throw new IllegalArgumentException("fitting a temperature needs distributions and labels of equal, "
                    + "non-zero count; got " + p.length + " and " + truth.length);
        }
        double lo = Math.log(MIN_TEMPERATURE);
        double hi = Math.log(MAX_TEMPERATURE);
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = nll(p, truth, Math.exp(a));
        double fb = nll(p, truth, Math.exp(b));
        while (hi - lo > 1e-6) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = nll(p, truth, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = nll(p, truth, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }
}
