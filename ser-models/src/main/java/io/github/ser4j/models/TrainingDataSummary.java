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
 */
public record TrainingDataSummary(String corpus, int clips, List<String> speakers, Map<Emotion, Integer> clipsPerClass,
        String fileListSha256) {

    /**
     * Freezes the summary.
     *
     * @param corpus the record component of the same name
     * @param clips the record component of the same name
     * @param speakers the record component of the same name
     * @param clipsPerClass the record component of the same name
     * @param fileListSha256 the record component of the same name
     */
    public TrainingDataSummary {
        speakers = List.copyOf(speakers);
        clipsPerClass = Collections.unmodifiableMap(new EnumMap<>(clipsPerClass.isEmpty()
                ? new EnumMap<Emotion, Integer>(Emotion.class) : clipsPerClass));
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
        return m;
    }

    static TrainingDataSummary fromJson(Map<?, ?> m) {
        List<String> speakers = new ArrayList<>();
        for (Object o : (List<?>) m.get("speakers")) {
            speakers.add((String) o);
        }
        Map<Emotion, Integer> per = new EnumMap<>(Emotion.class);
        ((Map<?, ?>) m.get("clipsPerClass")).forEach((k, v) -> per.put(Emotion.parse((String) k), ((Number) v).intValue()));
        return new TrainingDataSummary((String) m.get("corpus"), ((Number) m.get("clips")).intValue(), speakers, per,
                (String) m.get("fileListSha256"));
    }
}
