package io.github.ser4j.core;

/**
 * How far one input's features lie from what a model was trained on, measured on the standardised
 * feature vector (each feature's z-score against the training data's mean and standard deviation):
 * the root-mean-square z-score over all features, and the single most extreme feature. The model
 * documents its limit (ser4j's models: the README's "No speech and out-of-domain input").
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param outOfDomain the model's verdict: the input is far outside its training data
 * @param rmsZ the root-mean-square z-score over all features (about 1 for typical training data)
 * @param limit the RMS z-score above which the model calls an input out of domain
 * @param features how many features were checked
 * @param largestAbsZ the largest |z| of any feature
 * @param largestFeature the name of the feature with the largest |z|
 */
public record DomainCheck(boolean outOfDomain, double rmsZ, double limit, int features, double largestAbsZ,
        String largestFeature) {

    /**
     * Validates the check.
     *
     * @param outOfDomain the record component of the same name
     * @param rmsZ the record component of the same name
     * @param limit the record component of the same name
     * @param features the record component of the same name
     * @param largestAbsZ the record component of the same name
     * @param largestFeature the record component of the same name
     * @throws IllegalArgumentException if a number is negative or not finite, the limit is not
     *     positive, or the name is null
     */
    public DomainCheck {
        if (!(rmsZ >= 0) || !Double.isFinite(rmsZ) || !(limit > 0) || !Double.isFinite(limit) || features < 0
                || !(largestAbsZ >= 0) || !Double.isFinite(largestAbsZ) || largestFeature == null) {
            throw new IllegalArgumentException("invalid domain check: RMS z " + rmsZ + ", limit " + limit + ", "
                    + features + " features, largest " + largestAbsZ + " (" + largestFeature + ")");
        }
    }

    /**
     * A one-line description, for example {@code "RMS z-score 4.36 over 494 features (limit 2): largest
     * 1.46e+03 sd, seed-librosa.rms_min"}.
     *
     * @return the description
     */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "RMS z-score %.3g over %d features (limit %.3g): largest %.3g sd, %s",
                rmsZ, features, limit, largestAbsZ, largestFeature);
    }
}
