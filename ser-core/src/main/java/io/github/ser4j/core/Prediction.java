package io.github.ser4j.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a classifier says about one clip: the most probable emotion, its probability and the whole
 * distribution over the classifier's labels.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param emotion the most probable emotion
 * @param probability the probability of {@code emotion}, in [0, 1]
 * @param probabilities the probability of every label of the classifier, in {@link Emotion} order;
 *     they sum to 1 within 1e-6
 */
public record Prediction(Emotion emotion, double probability, Map<Emotion, Double> probabilities) {

    /** How far the probabilities may sum from 1. */
    public static final double SUM_TOLERANCE = 1e-6;

    /**
     * Validates and freezes a prediction.
     *
     * @param emotion the most probable emotion
     * @param probability the probability of {@code emotion}
     * @param probabilities the distribution; copied
     * @throws IllegalArgumentException if a probability is outside [0, 1] or not finite, they do not
     *     sum to 1 within {@link #SUM_TOLERANCE}, or {@code emotion} is not the most probable label
     */
    public Prediction {
        Objects.requireNonNull(emotion, "emotion");
        Objects.requireNonNull(probabilities, "probabilities");
        if (probabilities.isEmpty()) {
            throw new IllegalArgumentException("probabilities must not be empty");
        }
        EnumMap<Emotion, Double> copy = new EnumMap<>(Emotion.class);
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Emotion, Double> e : probabilities.entrySet()) {
            double p = Objects.requireNonNull(e.getValue(), "probability of " + e.getKey());
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability of " + e.getKey() + " must be in [0, 1], got " + p);
            }
            copy.put(Objects.requireNonNull(e.getKey(), "label"), p);
            sum += p;
            max = Math.max(max, p);
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("probabilities must sum to 1, got " + sum);
        }
        Double own = copy.get(emotion);
        if (own == null || own != probability || probability < max) {
            throw new IllegalArgumentException("emotion " + emotion + " with probability " + probability
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
        Objects.requireNonNull(probabilities, "probabilities");
        EnumMap<Emotion, Double> sorted = new EnumMap<>(probabilities);
        Emotion best = null;
        double bestP = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Emotion, Double> e : sorted.entrySet()) {
            if (e.getValue() != null && e.getValue() > bestP) {
                best = e.getKey();
                bestP = e.getValue();
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("probabilities must hold at least one number: " + probabilities);
        }
        return new Prediction(best, bestP, sorted);
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
