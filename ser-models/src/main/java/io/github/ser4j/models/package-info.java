/**
 * ser4j's classifier: a Weka SMO support vector machine with calibrated probabilities behind the
 * {@link io.github.ser4j.core.EmotionClassifier} interface, its model file, training with grid search
 * and cross-validation, evaluation, and the {@code ser4j} command line.
 *
 * <ul>
 *   <li>{@link io.github.ser4j.models.SmoEmotionClassifier}: predict, save, load;</li>
 *   <li>{@link io.github.ser4j.models.SmoTrainer} with {@link io.github.ser4j.models.TrainerOptions}:
 *       grid search over stratified or speaker-grouped k-fold cross-validation;</li>
 *   <li>{@link io.github.ser4j.models.Dataset}: labelled audio from a manifest, RAVDESS file names or
 *       one folder per emotion;</li>
 *   <li>{@link io.github.ser4j.models.Evaluator} and {@link io.github.ser4j.models.EvaluationReport};</li>
 *   <li>{@link io.github.ser4j.models.Main}: {@code java -jar ser4j.jar predict|evaluate|train|features};</li>
 *   <li>{@link io.github.ser4j.models.Research}: the research and benchmark API (the trainer's protocol pieces
 *       for studies on cached feature matrices), outside the stability promise of the rest.</li>
 * </ul>
 *
 * <p>No Weka type appears in this package's public API. Model files are read without running code from
 * them: the Weka part is deserialised only through an allow-list of classes and size limits.
 */
package io.github.ser4j.models;
