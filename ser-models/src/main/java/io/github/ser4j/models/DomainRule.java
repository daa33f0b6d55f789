package io.github.ser4j.models;

import io.github.ser4j.core.DomainCheck;
import java.util.List;

/**
 * ser4j's out-of-domain rule, applied to the row the SVM sees (features after the model's per-speaker
 * normalisation, if any, and its standardiser, so each value is a z-score against the training
 * data): an input is out of domain when at least {@value #MIN_FEATURES_BEYOND} features lie beyond
 * {@value #LIMIT_SD} standard deviations. An RBF kernel's similarity to every training row then
 * vanishes and the SVM answers with its bias terms alone, whatever the clip says.
 *
 * <p>Chosen by measurement ({@code io.github.ser4j.bench.DomainRates} in ser-benchmarks; the README's
 * "No speech and out-of-domain input" gives the figures): on clean RAVDESS clips a handful of features
 * may pass a few sd (loud or quiet takes), while a noise floor or a telephone channel moves dozens of
 * silence-dependent statistics (minima, low percentiles, rms_min) by tens to thousands of sd.
 *
 * <p>Thread-safety: stateless.
 */
final class DomainRule {

    /** The |z| a feature must exceed to count. */
    static final double LIMIT_SD = 10;
    /** How many features beyond the limit make an input out of domain. */
    static final int MIN_FEATURES_BEYOND = 3;

    private DomainRule() {
    }

    /** The check of one standardised row; {@code names} are the model's feature names, in row order. */
    static DomainCheck check(double[] row, List<String> names) {
        int beyond = 0;
        double largest = 0;
        int at = 0;
        for (int i = 0; i < row.length; i++) {
            double z = Math.abs(row[i]);
            if (z > LIMIT_SD) {
                beyond++;
            }
            if (z > largest) {
                largest = z;
                at = i;
            }
        }
        String name = at < names.size() ? names.get(at) : "feature " + at;
        return new DomainCheck(beyond >= MIN_FEATURES_BEYOND, beyond, row.length, LIMIT_SD,
                Double.isFinite(largest) ? largest : Double.MAX_VALUE, name);
    }
}
