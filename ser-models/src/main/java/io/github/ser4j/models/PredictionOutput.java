package io.github.ser4j.models;

import io.github.ser4j.core.Prediction;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the command line writes one prediction: a tab-separated line ({@code path, emotion, confidence,
 * label=probability...}; {@code path, no-speech, voiced=S, reason} for a clip without speech) or a JSON
 * object ({@code "emotion": null} and {@code "noSpeech"} with the reason and voiced seconds for a clip
 * without speech). A prediction flagged out of domain gets a last TSV column {@code out-of-domain: ...}
 * and a JSON {@code "outOfDomain"} object.
 *
 * <p>Thread-safety: stateless.
 */
final class PredictionOutput {

    /** The word the TSV output prints in place of an emotion for a clip without speech. */
    static final String NO_SPEECH = "no-speech";

    private PredictionOutput() {
    }

    static String tsv(String path, Prediction p) {
        StringBuilder sb = new StringBuilder(path).append('\t');
        if (!p.hasSpeech()) {
            return sb.append(NO_SPEECH).append('\t')
                    .append(String.format(Locale.ROOT, "voiced=%.2fs", p.speech().voicedSeconds())).append('\t')
                    .append(p.speech().reason()).toString();
        }
        sb.append(p.emotion().word()).append('\t').append(String.format(Locale.ROOT, "%.4f", p.probability()));
        p.probabilities().forEach((e, v) -> sb.append('\t').append(e.word()).append('=')
                .append(String.format(Locale.ROOT, "%.4f", v)));
        if (p.outOfDomain()) {
            sb.append('\t').append("out-of-domain: ").append(p.domain().describe());
        }
        return sb.toString();
    }

    static Map<String, Object> json(String path, Prediction p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        if (!p.hasSpeech()) {
            m.put("emotion", null);
            Map<String, Object> why = new LinkedHashMap<>();
            why.put("reason", p.speech().reason());
            why.put("voicedSeconds", p.speech().voicedSeconds());
            why.put("durationSeconds", p.speech().durationSeconds());
            m.put("noSpeech", why);
            return m;
        }
        m.put("emotion", p.emotion().word());
        m.put("confidence", p.probability());
        Map<String, Object> probs = new LinkedHashMap<>();
        p.probabilities().forEach((e, v) -> probs.put(e.word(), v));
        m.put("probabilities", probs);
        if (p.speech() != null) {
            m.put("voicedSeconds", p.speech().voicedSeconds());
        }
        if (p.domain() != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("flagged", p.domain().outOfDomain());
            d.put("rmsZ", p.domain().rmsZ());
            d.put("limit", p.domain().limit());
            d.put("features", p.domain().features());
            d.put("largestAbsZ", p.domain().largestAbsZ());
            d.put("largestFeature", p.domain().largestFeature());
            m.put("outOfDomain", d);
        }
        return m;
    }
}
