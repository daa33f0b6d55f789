package io.github.ser4j.models;

import io.github.ser4j.core.SpeakerProfile;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a speaker-adapted model normalises features per speaker: each feature is z-scored with the
 * speaker's own mean and variance, shrunk towards population priors (MAP-style). With {@code n} clips
 * seen, the mean used is {@code (k·priorMean + n·speakerMean) / (k + n)} with {@code k} =
 * {@link #meanShrinkage()}, and the variance {@code (k'·priorVariance + n·speakerVariance) / (k' + n)}
 * with {@code k'} = {@link #varianceShrinkage()}; a variance never falls below 1% of its prior.
 * A speaker not heard yet is normalised with the priors alone; the more clips, the more their own
 * statistics count. The priors are the means over the training speakers of each speaker's mean and
 * (population) variance.
 *
 * <p>Thread-safety: immutable (arrays are copied in and out); safe to share between threads.
 *
 * @param meanShrinkage {@code k}, the weight of the prior mean in clips; finite, not negative
 * @param varianceShrinkage {@code k'}, the weight of the prior variance in clips; finite, not negative
 * @param priorMean the population prior of a speaker's per-feature mean
 * @param priorVariance the population prior of a speaker's per-feature variance, not negative
 */
public record SpeakerNormalization(double meanShrinkage, double varianceShrinkage, double[] priorMean,
        double[] priorVariance) {

    /** A variance is never taken below this share of its prior, so a few alike clips cannot blow up a z-score. */
    static final double VARIANCE_FLOOR = 0.01;

    /**
     * Validates and copies.
     *
     * @param meanShrinkage the record component of the same name
     * @param varianceShrinkage the record component of the same name
     * @param priorMean the record component of the same name
     * @param priorVariance the record component of the same name
     * @throws IllegalArgumentException if a shrinkage is negative or not finite, an array is null,
     *     empty or of another length than the other, or a value is not finite or a variance negative
     */
    public SpeakerNormalization {
        if (!(meanShrinkage >= 0) || !Double.isFinite(meanShrinkage) || !(varianceShrinkage >= 0)
                || !Double.isFinite(varianceShrinkage)) {
            throw new IllegalArgumentException("shrinkages must be finite and not negative, got " + meanShrinkage
                    + " and " + varianceShrinkage);
        }
        if (priorMean == null || priorVariance == null || priorMean.length == 0
                || priorMean.length != priorVariance.length) {
            throw new IllegalArgumentException("prior mean and variance must be non-empty and of equal length");
        }
        priorMean = priorMean.clone();
        priorVariance = priorVariance.clone();
        for (int j = 0; j < priorMean.length; j++) {
            if (!Double.isFinite(priorMean[j]) || !Double.isFinite(priorVariance[j]) || priorVariance[j] < 0) {
                throw new IllegalArgumentException("feature " + j + " has prior mean " + priorMean[j]
                        + " and prior variance " + priorVariance[j]);
            }
        }
    }

    /**
     * Estimates the priors from training rows grouped by speaker.
     *
     * @param x the rows
     * @param rows which rows to use
     * @param speakers the speaker of every row of {@code x}
     * @param a the shrinkages
     * @return the normalisation
     */
    static SpeakerNormalization fit(double[][] x, int[] rows, String[] speakers, SpeakerAdaptation a) {
        Map<String, SpeakerProfile> bySpeaker = profiles(x, rows, speakers);
        int d = x[rows[0]].length;
        double[] mean = new double[d];
        double[] var = new double[d];
        for (SpeakerProfile p : bySpeaker.values()) {
            double[] m = p.mean();
            double[] v = p.variance();
            for (int j = 0; j < d; j++) {
                mean[j] += m[j] / bySpeaker.size();
                var[j] += v[j] / bySpeaker.size();
            }
        }
        return new SpeakerNormalization(a.meanShrinkage(), a.varianceShrinkage(), mean, var);
    }

    /** Every speaker's Welford statistics over the given rows, in first-seen order. */
    static Map<String, SpeakerProfile> profiles(double[][] x, int[] rows, String[] speakers) {
        Map<String, SpeakerProfile> bySpeaker = new LinkedHashMap<>();
        for (int r : rows) {
            if (speakers[r] == null) {
                throw new IllegalArgumentException("per-speaker normalisation needs a speaker for every clip; row "
                        + r + " has none");
            }
            SpeakerProfile p = bySpeaker.get(speakers[r]);
            bySpeaker.put(speakers[r], (p == null ? SpeakerProfile.empty("rows", x[r].length) : p).plus(x[r]));
        }
        return bySpeaker;
    }

    /**
     * The feature dimension.
     *
     * @return the length of the priors
     */
    public int dimension() {
        return priorMean.length;
    }

    /**
     * The weight of a speaker's own mean after {@code clips} clips, {@code n / (k + n)}.
     *
     * @param clips clips seen, not negative
     * @return a value in [0, 1]
     */
    public double speakerWeight(long clips) {
        if (clips == 0) {
            return 0;
        }
        return clips / (meanShrinkage + clips);
    }

    /**
     * Normalises a feature vector with a speaker's statistics (see the class comment).
     *
     * @param x the features
     * @param profile the speaker's statistics so far
     * @return a new vector
     */
    double[] apply(double[] x, SpeakerProfile profile) {
        long n = profile.count();
        double k = meanShrinkage;
        double kv = varianceShrinkage;
        double[] mean = n == 0 ? priorMean : profile.mean();
        double[] m2 = n == 0 ? null : profile.m2();
        double[] z = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double mu;
            double var;
            if (n == 0) {
                mu = priorMean[j];
                var = priorVariance[j];
            } else {
                mu = (k * priorMean[j] + n * mean[j]) / (k + n);
                var = (kv * priorVariance[j] + m2[j]) / (kv + n); // n · population variance = m2
            }
            double floor = VARIANCE_FLOOR * priorVariance[j];
            var = Math.max(var, floor);
            z[j] = var > 1e-300 ? (x[j] - mu) / Math.sqrt(var) : 0; // a feature constant for every speaker carries nothing
        }
        return z;
    }

    /**
     * The prior means.
     *
     * @return a copy
     */
    @Override
    public double[] priorMean() {
        return priorMean.clone();
    }

    /**
     * The prior variances.
     *
     * @return a copy
     */
    @Override
    public double[] priorVariance() {
        return priorVariance.clone();
    }

    /**
     * Compares by value, arrays included.
     *
     * @param o the other object
     * @return whether both hold the same values
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SpeakerNormalization s && Double.compare(meanShrinkage, s.meanShrinkage) == 0
                && Double.compare(varianceShrinkage, s.varianceShrinkage) == 0
                && Arrays.equals(priorMean, s.priorMean) && Arrays.equals(priorVariance, s.priorVariance);
    }

    /**
     * A hash consistent with {@link #equals}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(meanShrinkage, varianceShrinkage, Arrays.hashCode(priorMean), Arrays.hashCode(priorVariance));
    }

    /**
     * A short description.
     *
     * @return for example {@code SpeakerNormalization[k mean 4.0, k variance 4.0, 494 features]}
     */
    @Override
    public String toString() {
        return "SpeakerNormalization[k mean " + meanShrinkage + ", k variance " + varianceShrinkage + ", "
                + priorMean.length + " features]";
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("meanShrinkage", meanShrinkage);
        m.put("varianceShrinkage", varianceShrinkage);
        m.put("priorMean", priorMean);
        m.put("priorVariance", priorVariance);
        return m;
    }

    static SpeakerNormalization fromJson(Map<?, ?> m) {
        return new SpeakerNormalization(((Number) m.get("meanShrinkage")).doubleValue(),
                ((Number) m.get("varianceShrinkage")).doubleValue(), Json.doubleArray(m.get("priorMean")),
                Json.doubleArray(m.get("priorVariance")));
    }
}
