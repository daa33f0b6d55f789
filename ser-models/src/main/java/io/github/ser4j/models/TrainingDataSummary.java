package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model was trained on, kept in the model file.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param corpus the corpus name (the data folder's name)
 * @param clips the number of clips
 * @param speakers the distinct speakers, sorted (empty if the data names none)
 * @param clipsPerClass clips per label, in {@link Emotion} order
 * @param fileListSha256 hex SHA-256 over the sorted relative file paths, one per line, UTF-8
 * @param clipHashes the sorted, distinct content hashes of the training clips (see
 *     {@code ClipHashes}: 64-bit prefixes of the SHA-256 of each clip's 16-bit samples as the model hears
 *     it), by which {@code evaluate} recognises training clips; empty for models written before they
 *     were kept
 */
public record TrainingDataSummary(String corpus, int clips, List<String> speakers, Map<Emotion, Integer> clipsPerClass,
        String fileListSha256, List<String> clipHashes) {

    /**
     * Freezes the summary.
     *
     * @param corpus the record component of the same name
     * @param clips the record component of the same name
     * @param speakers the record component of the same name
     * @param clipsPerClass the record component of the same name
     * @param fileListSha256 the record component of the same name
     * @param clipHashes the record component of the same name; stored sorted and distinct
     * @throws IllegalArgumentException if a hash is not {@value ClipHashes#HEX_DIGITS} lower-case hex digits
     */
    public TrainingDataSummary {
        speakers = List.copyOf(speakers);
        clipHashes = ClipHashes.sorted(clipHashes);
        for (String h : clipHashes) {
            if (!h.matches("[0-9a-f]{" + ClipHashes.HEX_DIGITS + "}")) {
                throw new IllegalArgumentException("clip hash '" + h + "' is not " + ClipHashes.HEX_DIGITS
                        + " lower-case hex digits");
            }
        }
        clipsPerClass = Collections.unmodifiableMap(new EnumMap<>(clipsPerClass.isEmpty()
                ? new EnumMap<Emotion, Integer>(Emotion.class) : clipsPerClass));
    }

    /**
     * A summary without clip hashes.
     *
     * @param corpus the corpus name
     * @param clips the number of clips
     * @param speakers the distinct speakers
     * @param clipsPerClass clips per label
     * @param fileListSha256 hex SHA-256 over the sorted relative file paths
     */
    public TrainingDataSummary(String corpus, int clips, List<String> speakers, Map<Emotion, Integer> clipsPerClass,
            String fileListSha256) {
        this(corpus, clips, speakers, clipsPerClass, fileListSha256, List.of());
    }

    /**
     * This summary with the training clips' content hashes.
     *
     * @param hashes one hash per clip, any order
     * @return the new summary
     * @throws IllegalArgumentException as the canonical constructor
     */
    public TrainingDataSummary withClipHashes(List<String> hashes) {
        return new TrainingDataSummary(corpus, clips, speakers, clipsPerClass, fileListSha256, hashes);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("corpus", corpus);
        m.put("clips", clips);
        m.put("speakers", speakers);
        Map<String, Object> per = new LinkedHashMap<>();
        clipsPerClass.forEach((e, n) -> per.put(e.word(), n));
        m.put("clipsPerClass", per);
        m.put("fileListSha256", fileListSha256);
        if (!clipHashes.isEmpty()) {
            m.put("clipHashes", clipHashes);
        }
        return m;
    }

    static TrainingDataSummary fromJson(Map<?, ?> m) {
        List<String> speakers = new ArrayList<>();
        for (Object o : (List<?>) m.get("speakers")) {
            speakers.add((String) o);
        }
        Map<Emotion, Integer> per = new EnumMap<>(Emotion.class);
        ((Map<?, ?>) m.get("clipsPerClass")).forEach((k, v) -> per.put(Emotion.parse((String) k), ((Number) v).intValue()));
        List<String> hashes = new ArrayList<>();
        Object h = m.get("clipHashes"); // absent in files written before clip hashes were kept
        if (h != null) {
            for (Object o : (List<?>) h) {
                hashes.add((String) o);
            }
        }
        return new TrainingDataSummary((String) m.get("corpus"), ((Number) m.get("clips")).intValue(), speakers, per,
                (String) m.get("fileListSha256"), hashes);
    }
}
