package io.github.ser4j.models;

import io.github.ser4j.core.DomainCheck;
import java.util.List;

/**
 * ser4j's out-of-domain rule, applied to the row the SVM sees (features after the model's per-speaker
 * normalisation, if any, and its standardiser, so each value is a z-score against the training
 * data): an input is out of domain when the root-mean-square z-score over all features exceeds
 * {@value #RMS_LIMIT}. Training clips sit near 1; the RBF kernel's similarity to every training row
 * falls as {@code exp(-gamma * |row - sv|^2)}, and {@code |row|^2 = d * rms^2}, so an RMS z-score of 2
 * is a squared distance four times the training data's typical one, where the SVM's answer is mostly
 * its bias terms. It catches one feature thrown thousands of sd (a noise floor under
 * {@code rms_min}) as well as many features shifted a few sd each (a telephone channel).
 *
 * <p>Chosen by measurement ({@code io.github.ser4j.bench.DomainRates} in ser-benchmarks; the README's
 * "No speech and out-of-domain input" gives the figures): the limit flags under 1% of clean RAVDESS
 * clips and the large majority of clips in the conditions where the shipped model's accuracy collapses.
 * A count rule (at least 3 features beyond 10 sd) was measured too and missed most pink- and brown-noise
 * clips, whose accuracy collapses as well.
 *
 * <p>Thread-safety: stateless.
 */
final class DomainRule {

    /** The RMS z-score above which an input is out of domain. */
    static final double RMS_LIMIT = 2.0;

    private DomainRule() {
    }

    /** The check of one standardised row; {@code names} are the model's feature names, in row order. */
    static DomainCheck check(double[] row, List<String> names) {
        double sq = 0;
        double largest = 0;
        int at = 0;
        for (int i = 0; i < row.length; i++) {
            double z = Math.abs(row[i]);
            sq += z * z;
            if (z > largest) {
                largest = z;
                at = i;
            }
        }
        double rms = row.length == 0 ? 0 : Math.sqrt(sq / row.length);
        String name = at < names.size() ? names.get(at) : "feature " + at;
        return new DomainCheck(rms > RMS_LIMIT, Double.isFinite(rms) ? rms : Double.MAX_VALUE, RMS_LIMIT, row.length,
                Double.isFinite(largest) ? largest : Double.MAX_VALUE, name);
    }
}
