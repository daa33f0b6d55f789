package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a trained model comes from, stored in its model file: versions, the feature extractor, the
 * label order, the training data, the trainer's settings and the cross-validation results.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param ser4jVersion the ser4j version that trained the model
 * @param wekaVersion the Weka version that trained the model
 * @param extractorId the feature extractor's {@code id()}
 * @param featureNames the extractor's feature names, in order
 * @param labels the labels the model predicts, in {@link Emotion} order
 * @param data the training data
 * @param trainer the trainer's settings
 * @param parameters the parameters of the final model
 * @param crossValidation the cross-validation report of the grid search, or null if none ran
 * @param createdAt when the model was written
 * @param speakerNormalization how the model normalises features per speaker, or null for a model
 *     trained without per-speaker normalisation (files written before it existed load as null)
 * @param temperature the temperature T of the probabilities ({@code p_i ∝ p_i^(1/T)} applied to the SVM's
 *     distribution; it never changes the predicted label), fitted on the cross-validated distributions of
 *     the training recipe; 1 for none (files written before it existed load as 1)
 */
public record ModelProvenance(String ser4jVersion, String wekaVersion, String extractorId, List<String> featureNames,
        List<Emotion> labels, TrainingDataSummary data, TrainerOptions trainer, SvmParameters parameters,
        EvaluationReport crossValidation, Instant createdAt, SpeakerNormalization speakerNormalization,
        double temperature) {

    /**
     * Freezes the provenance.
     *
     * @param ser4jVersion the record component of the same name
     * @param wekaVersion the record component of the same name
     * @param extractorId the record component of the same name
     * @param featureNames the record component of the same name
     * @param labels the record component of the same name
     * @param data the record component of the same name
     * @param trainer the record component of the same name
     * @param parameters the record component of the same name
     * @param crossValidation the record component of the same name
     * @param createdAt the record component of the same name
     * @param speakerNormalization the record component of the same name
     * @param temperature the record component of the same name
     * @throws IllegalArgumentException if the speaker normalisation's dimension differs from the feature count,
     *     or the temperature is not positive and finite
     */
    public ModelProvenance {
        featureNames = List.copyOf(featureNames);
        labels = List.copyOf(labels);
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
        if (speakerNormalization != null && speakerNormalization.dimension() != featureNames.size()) {
            throw new IllegalArgumentException("speaker normalisation has " + speakerNormalization.dimension()
                    + " features but the model " + featureNames.size());
        }
    }

    /**
     * The provenance of a model without temperature scaling (T = 1).
     *
     * @param ser4jVersion the ser4j version
     * @param wekaVersion the Weka version
     * @param extractorId the extractor id
     * @param featureNames the feature names
     * @param labels the labels
     * @param data the training data
     * @param trainer the trainer's settings
     * @param parameters the final parameters
     * @param crossValidation the cross-validation report, or null
     * @param createdAt when the model was written
     * @param speakerNormalization the per-speaker normalisation, or null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ModelProvenance(String ser4jVersion, String wekaVersion, String extractorId, List<String> featureNames,
            List<Emotion> labels, TrainingDataSummary data, TrainerOptions trainer, SvmParameters parameters,
            EvaluationReport crossValidation, Instant createdAt, SpeakerNormalization speakerNormalization) {
        this(ser4jVersion, wekaVersion, extractorId, featureNames, labels, data, trainer, parameters, crossValidation,
                createdAt, speakerNormalization, 1);
    }

    /**
     * The provenance of a model trained without per-speaker normalisation or temperature scaling.
     *
     * @param ser4jVersion the ser4j version
     * @param wekaVersion the Weka version
     * @param extractorId the extractor id
     * @param featureNames the feature names
     * @param labels the labels
     * @param data the training data
     * @param trainer the trainer's settings
     * @param parameters the final parameters
     * @param crossValidation the cross-validation report, or null
     * @param createdAt when the model was written
     */
    public ModelProvenance(String ser4jVersion, String wekaVersion, String extractorId, List<String> featureNames,
            List<Emotion> labels, TrainingDataSummary data, TrainerOptions trainer, SvmParameters parameters,
            EvaluationReport crossValidation, Instant createdAt) {
        this(ser4jVersion, wekaVersion, extractorId, featureNames, labels, data, trainer, parameters, crossValidation,
                createdAt, null, 1);
    }

    /**
     * This provenance with another training-data summary (for example one with clip hashes added).
     *
     * @param newData the summary
     * @return the copy
     */
    public ModelProvenance withData(TrainingDataSummary newData) {
        return new ModelProvenance(ser4jVersion, wekaVersion, extractorId, featureNames, labels, newData, trainer,
                parameters, crossValidation, createdAt, speakerNormalization, temperature);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ser4jVersion", ser4jVersion);
        m.put("wekaVersion", wekaVersion);
        m.put("extractorId", extractorId);
        m.put("featureNames", featureNames);
        List<String> words = new ArrayList<>();
        for (Emotion e : labels) {
            words.add(e.word());
        }
        m.put("labels", words);
        m.put("data", data.toJson());
        m.put("trainer", trainer.toJson());
        m.put("parameters", parameters.toJson());
        m.put("crossValidation", crossValidation == null ? null : crossValidation.toJsonMap());
        m.put("createdAt", createdAt.toString());
        if (speakerNormalization != null) {
            m.put("speakerNormalization", speakerNormalization.toJson());
        }
        m.put("temperature", temperature);
        return m;
    }

    static ModelProvenance fromJson(Map<?, ?> m) {
        List<String> names = new ArrayList<>();
        for (Object o : (List<?>) m.get("featureNames")) {
            names.add((String) o);
        }
        List<Emotion> labels = new ArrayList<>();
        for (Object o : (List<?>) m.get("labels")) {
            labels.add(Emotion.parse((String) o));
        }
        Object cv = m.get("crossValidation");
        Object sn = m.get("speakerNormalization");
        Object t = m.get("temperature");
        return new ModelProvenance((String) m.get("ser4jVersion"), (String) m.get("wekaVersion"),
                (String) m.get("extractorId"), names, labels, TrainingDataSummary.fromJson((Map<?, ?>) m.get("data")),
                TrainerOptions.fromJson((Map<?, ?>) m.get("trainer")),
                SvmParameters.fromJson((Map<?, ?>) m.get("parameters")),
                cv == null ? null : EvaluationReport.fromJsonMap((Map<?, ?>) cv),
                Instant.parse((String) m.get("createdAt")),
                sn == null ? null : SpeakerNormalization.fromJson((Map<?, ?>) sn),
                t == null ? 1 : ((Number) t).doubleValue()); // absent in files written before temperature scaling
    }
}
