package io.github.ser4j.models;

import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.TimedPrediction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON fields of a prediction and of a stream event, the same names as {@code predict --json} and
 * {@code stream --json} print, for the server's answers.
 *
 * <p>Thread-safety: stateless.
 */
final class PredictionJson {

    private PredictionJson() {
    }

    /** {@code emotion}, {@code confidence} and {@code probabilities} (every label, in label order). */
    static Map<String, Object> prediction(Prediction p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("emotion", p.emotion().word());
        m.put("confidence", p.probability());
        m.put("probabilities", probabilities(p));
        return m;
    }

    /** {@code start}, {@code end} (seconds, 4 decimals), {@code emotion}, {@code confidence},
     *  {@code segment_end}, {@code probabilities}. */
    static Map<String, Object> event(TimedPrediction e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", round(e.startSeconds()));
        m.put("end", round(e.endSeconds()));
        m.put("emotion", e.prediction().emotion().word());
        m.put("confidence", e.prediction().probability());
        m.put("segment_end", e.segmentEnd());
        m.put("probabilities", probabilities(e.prediction()));
        return m;
    }

    private static Map<String, Object> probabilities(Prediction p) {
        Map<String, Object> probs = new LinkedHashMap<>();
        p.probabilities().forEach((k, v) -> probs.put(k.word(), v));
        return probs;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1e4) / 1e4;
    }
}
