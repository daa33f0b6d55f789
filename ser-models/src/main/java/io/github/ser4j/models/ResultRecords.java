package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.TimedPrediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line's one vocabulary: the field names of every TSV header, CSV header and JSON object
 * that {@code predict}, {@code stream} and {@code timeline} write, and the records themselves. They
 * match the Java API: {@link Prediction#emotion()}, {@link Prediction#confidence()},
 * {@link Prediction#probabilities()}, {@link TimedPrediction#startSeconds()} ({@code start_s}),
 * {@link TimedPrediction#endSeconds()} ({@code end_s}) and {@link TimedPrediction#segmentEnd()}
 * ({@code segment_end}). In a flat table (TSV, CSV) the probabilities are one column per label,
 * named by the label's word.
 *
 * <p>Thread-safety: stateless.
 */
final class ResultRecords {

    static final String PATH = "path";
    static final String START = "start_s";
    static final String END = "end_s";
    static final String EMOTION = "emotion";
    static final String CONFIDENCE = "confidence";
    static final String PROBABILITIES = "probabilities";
    static final String SEGMENT_END = "segment_end";
    /** The last record of a file's timeline: how many events it had (a resumed run skips the file). */
    static final String EVENTS = "events";
    /** Why a file has no result. */
    static final String ERROR = "error";

    private ResultRecords() {
    }

    /** The columns of a {@code predict} table. */
    static List<String> predictColumns(List<Emotion> labels) {
        List<String> c = new ArrayList<>(List.of(PATH, EMOTION, CONFIDENCE));
        labels.forEach(e -> c.add(e.word()));
        return c;
    }

    /** The columns of a {@code timeline} table (CSV): events, each file's closing count, errors. */
    static List<String> timelineColumns(List<Emotion> labels) {
        List<String> c = new ArrayList<>(List.of(PATH, START, END, EMOTION, CONFIDENCE));
        labels.forEach(e -> c.add(e.word()));
        c.addAll(List.of(SEGMENT_END, EVENTS));
        return c;
    }

    /** One file's prediction; {@code path} may be null (an upload to the server). */
    static Map<String, Object> prediction(String path, Prediction p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (path != null) {
            m.put(PATH, path);
        }
        m.put(EMOTION, p.emotion().word());
        m.put(CONFIDENCE, p.confidence());
        m.put(PROBABILITIES, probabilities(p));
        return m;
    }

    /** One stream event; {@code path} may be null (a single stream). */
    static Map<String, Object> event(String path, TimedPrediction e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (path != null) {
            m.put(PATH, path);
        }
        m.put(START, roundSeconds(e.startSeconds()));
        m.put(END, roundSeconds(e.endSeconds()));
        m.put(EMOTION, e.prediction().emotion().word());
        m.put(CONFIDENCE, e.prediction().confidence());
        m.put(SEGMENT_END, e.segmentEnd());
        m.put(PROBABILITIES, probabilities(e.prediction()));
        return m;
    }

    /** The closing record of a file's timeline. */
    static Map<String, Object> timelineEnd(String path, int events) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(PATH, path);
        m.put(EVENTS, events);
        return m;
    }

    /** A file that could not be scored. */
    static Map<String, Object> error(String path, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(PATH, path);
        m.put(ERROR, Main.oneLine(message));
        return m;
    }

    private static Map<String, Object> probabilities(Prediction p) {
        Map<String, Object> probs = new LinkedHashMap<>();
        p.probabilities().forEach((k, v) -> probs.put(k.word(), v));
        return probs;
    }

    /** A record flattened onto {@code columns}: probabilities spread into label columns, absent fields empty. */
    static List<String> flat(Map<String, Object> record, List<String> columns, boolean rounded) {
        Map<?, ?> probs = record.get(PROBABILITIES) instanceof Map<?, ?> m ? m : Map.of();
        List<String> row = new ArrayList<>(columns.size());
        for (String c : columns) {
            Object v = record.containsKey(c) ? record.get(c) : probs.get(c);
            row.add(text(c, v, rounded));
        }
        return row;
    }

    private static String text(String column, Object v, boolean rounded) {
        if (v == null) {
            return "";
        }
        if (v instanceof Boolean b) {
            return rounded && column.equals(SEGMENT_END) ? (b ? "end" : "") : b.toString();
        }
        if (v instanceof Double d) {
            boolean seconds = column.equals(START) || column.equals(END);
            return rounded ? String.format(Locale.ROOT, seconds ? "%.2f" : "%.4f", d) : Double.toString(d);
        }
        return v.toString();
    }

    private static double roundSeconds(double seconds) {
        return Math.round(seconds * 1e4) / 1e4;
    }
}
