package io.github.ser4j.models;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The hyper-parameters of one support vector machine: kernel, complexity {@code C} and the kernel's
 * own parameter (RBF {@code gamma} in {@code exp(-gamma * |x - y|^2)}, or the polynomial exponent).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param kernel the kernel
 * @param c the complexity constant, &gt; 0
 * @param gamma the RBF width, &gt; 0 (ignored by the polynomial kernel, which stores 0)
 * @param exponent the polynomial exponent, &gt; 0 (ignored by the RBF kernel, which stores 0)
 */
public record SvmParameters(Kernel kernel, double c, double gamma, double exponent) {

    /**
     * The kernel of a support vector machine.
     *
     * <p>Thread-safety: an enum; immutable.
     */
    public enum Kernel {
        /** Gaussian radial basis function, {@code exp(-gamma * |x - y|^2)}. */
        RBF,
        /** Polynomial, {@code (x . y)^exponent}: Weka's PolyKernel without its lower-order term (exponent 1 is linear). */
        POLY;

        /**
         * Parses {@code rbf} or {@code poly}, case-insensitively.
         *
         * @param word the word
         * @return the kernel
         * @throws IllegalArgumentException for any other word
         */
        public static Kernel parse(String word) {
            String w = word == null ? "" : word.trim().toLowerCase(Locale.ROOT);
            switch (w) {
                case "rbf": return RBF;
                case "poly": case "polynomial": return POLY;
                default: throw new IllegalArgumentException("unknown kernel '" + word + "'; expected rbf or poly");
            }
        }
    }

    /**
     * Validates the parameters.
     *
     * @throws IllegalArgumentException if the kernel is null or a used parameter is not a positive
     *     finite number
     * @param kernel the record component of the same name
     * @param c the record component of the same name
     * @param gamma the record component of the same name
     * @param exponent the record component of the same name
     */
    public SvmParameters {
        if (kernel == null) {
            throw new IllegalArgumentException("kernel must not be null");
        }
        positive("C", c);
        if (kernel == Kernel.RBF) {
            positive("gamma", gamma);
            exponent = 0;
        } else {
            positive("exponent", exponent);
            gamma = 0;
        }
    }

    static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + v);
        }
    }

    /**
     * A short readable form, such as {@code rbf C=4 gamma=0.01}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return kernel == Kernel.RBF
                ? String.format(Locale.ROOT, "rbf C=%s gamma=%s", fmt(c), fmt(gamma))
                : String.format(Locale.ROOT, "poly C=%s exponent=%s", fmt(c), fmt(exponent));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", kernel);
        m.put("C", c);
        if (kernel == Kernel.RBF) {
            m.put("gamma", gamma);
        } else {
            m.put("exponent", exponent);
        }
        return m;
    }

    static SvmParameters fromJson(Map<?, ?> m) {
        Kernel k = Kernel.parse((String) m.get("kernel"));
        double gamma = m.get("gamma") instanceof Number n ? n.doubleValue() : 0;
        double exp = m.get("exponent") instanceof Number n ? n.doubleValue() : 0;
        return new SvmParameters(k, ((Number) m.get("C")).doubleValue(), gamma, exp);
    }
}
