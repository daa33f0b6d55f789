package io.github.ser4j.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a classifier says about one clip: the most probable emotion, its probability (the
 * {@code confidence}) and the whole distribution over the classifier's labels. The command line's TSV,
 * CSV and JSON use the same names: {@code emotion}, {@code confidence}, {@code probabilities}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param emotion the most probable emotion
 * @param confidence the probability of {@code emotion}, in [0, 1]
 * @param probabilities the probability of every label of the classifier, in {@link Emotion} order;
 *     they sum to 1 within 1e-6
 */
public record Prediction(Emotion emotion, double confidence, Map<Emotion, Double> probabilities) {

    /** How far the probabilities may sum from 1. */
    public static final double SUM_TOLERANCE = 1e-6;

    /**
     * Validates and freezes a prediction.
     *
     * @param emotion the most probable emotion
     * @param confidence the probability of {@code emotion}
     * @param probabilities the distribution; copied
     * @throws IllegalArgumentException if {@code emotion} or the map is null, the map is empty or has a
     *     null label or probability, a probability is outside [0, 1] or not finite, they do not sum to
     *     1 within {@link #SUM_TOLERANCE}, or {@code emotion} is not the most probable label
     */
    public Prediction {
        if (emotion == null) {
            throw new IllegalArgumentException("emotion must not be null");
        }
        EnumMap<Emotion, Double> copy = copyOf(probabilities);
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Emotion, Double> e : copy.entrySet()) {
            Double boxed = e.getValue();
            if (boxed == null) {
                throw new IllegalArgumentException("probability of " + e.getKey() + " must not be null");
            }
            double p = boxed;
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability of " + e.getKey() + " must be in [0, 1], got " + p);
            }
            sum += p;
            max = Math.max(max, p);
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("probabilities must sum to 1, got " + sum);
        }
        Double own = copy.get(emotion);
        if (own == null || own != confidence || confidence < max) {
            throw new IllegalArgumentException("emotion " + emotion + " with probability " + confidence
                    + " is not the most probable label of " + copy);
        }
        probabilities = Collections.unmodifiableMap(copy);
    }

    /**
     * Builds a prediction from a distribution, choosing the most probable label (the first in
     * {@link Emotion} order on a tie).
     *
     * @param probabilities the distribution over the classifier's labels
     * @return the prediction
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static Prediction of(Map<Emotion, Double> probabilities) {
        EnumMap<Emotion, Double> sorted = copyOf(probabilities);
        // Bad values (null, NaN) are skipped here and reported by the constructor's checks.
        Emotion best = sorted.keySet().iterator().next();
        double bestP = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Emotion, Double> e : sorted.entrySet()) {
            if (e.getValue() != null && e.getValue() > bestP) {
                best = e.getKey();
                bestP = e.getValue();
            }
        }
        return new Prediction(best, bestP, sorted);
    }

    /** A copy in {@link Emotion} order, rejecting a null or empty map and null labels. */
    private static EnumMap<Emotion, Double> copyOf(Map<Emotion, Double> probabilities) {
        if (probabilities == null) {
            throw new IllegalArgumentException("probabilities must not be null");
        }
        if (probabilities.isEmpty()) {
            throw new IllegalArgumentException("probabilities must not be empty");
        }
        EnumMap<Emotion, Double> copy = new EnumMap<>(Emotion.class);
        for (Map.Entry<Emotion, Double> e : probabilities.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("probabilities must not have a null label: " + probabilities);
            }
            copy.put(e.getKey(), e.getValue());
        }
        return copy;
    }

    /**
     * The probability of {@link #emotion}: the old name of {@link #confidence}.
     *
     * @return {@link #confidence()}
     * @deprecated use {@link #confidence()}, the name the command line's outputs use too
     */
    @Deprecated(since = "0.1.0")
    public double probability() {
        return confidence;
    }

    /**
     * The probability of one emotion.
     *
     * @param e the emotion
     * @return its probability, or 0 if it is not one of the classifier's labels
     */
    public double probabilityOf(Emotion e) {
        return probabilities.getOrDefault(e, 0.0);
    }
}
