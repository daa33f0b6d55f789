package io.github.ser4j.core;

/**
 * How far one input's features lie outside what a model was trained on, measured on the standardised
 * feature vector (each feature's z-score against the training data's mean and standard deviation). The
 * model documents its rule (ser4j's models: {@code ModelProvenance} and the README's "No speech and
 * out-of-domain input").
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param outOfDomain the model's verdict: the input is far outside its training data
 * @param featuresBeyond how many features have |z| beyond {@code limitSd}
 * @param features how many features were checked
 * @param limitSd the |z| a feature must exceed to count
 * @param largestAbsZ the largest |z| of any feature
 * @param largestFeature the name of the feature with the largest |z|
 */
public record DomainCheck(boolean outOfDomain, int featuresBeyond, int features, double limitSd, double largestAbsZ,
        String largestFeature) {

    /**
     * Validates the check.
     *
     * @param outOfDomain the record component of the same name
     * @param featuresBeyond the record component of the same name
     * @param features the record component of the same name
     * @param limitSd the record component of the same name
     * @param largestAbsZ the record component of the same name
     * @param largestFeature the record component of the same name
     * @throws IllegalArgumentException if a count is negative or {@code featuresBeyond > features}, a
     *     number is negative or not finite, or the name is null
     */
    public DomainCheck {
        if (features < 0 || featuresBeyond < 0 || featuresBeyond > features || !(limitSd > 0)
                || !Double.isFinite(limitSd) || !(largestAbsZ >= 0) || !Double.isFinite(largestAbsZ)
                || largestFeature == null) {
            throw new IllegalArgumentException("invalid domain check: " + featuresBeyond + " of " + features
                    + " beyond " + limitSd + " sd, largest " + largestAbsZ + " (" + largestFeature + ")");
        }
    }

    /**
     * The fraction of features beyond the limit.
     *
     * @return {@code featuresBeyond / features}, 0 for no features
     */
    public double fractionBeyond() {
        return features == 0 ? 0 : featuresBeyond / (double) features;
    }

    /**
     * A one-line description, for example {@code "37 of 494 features beyond 5 sd of the training data
     * (largest 1463 sd: seed-librosa.rms_min)"}.
     *
     * @return the description
     */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d of %d features beyond %.3g sd of the training data "
                + "(largest %.3g sd: %s)", featuresBeyond, features, limitSd, largestAbsZ, largestFeature);
    }
}
