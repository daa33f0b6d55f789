package io.github.ser4j.models;

/**
 * What {@link SmoTrainer#train} produces: the final classifier, trained on all the data with the best
 * parameters, and the cross-validation report of the search that chose them.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param classifier the classifier
 * @param crossValidation the cross-validation report (also stored in the classifier's provenance)
 */
public record TrainingResult(SmoEmotionClassifier classifier, EvaluationReport crossValidation) {
}
