package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.EmotionClassifier;
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
 * <p>A clip without speech ({@link Prediction#hasSpeech()} false) has {@code "emotion": null} and a
 * {@code no_speech} object (reason, voiced seconds, duration) in JSON, and prints {@code no-speech} in the
 * emotion column of a table with the reason in {@code no_speech}. A prediction that carries a domain
 * check has an {@code out_of_domain} object in JSON ({@link io.github.ser4j.core.DomainCheck}'s fields);
 * a table's {@code out_of_domain} column describes the check when it flagged the input, else is empty. A
 * flagged prediction gives no emotion ({@link Prediction#outOfDomain()}): {@code "emotion": null} and no
 * {@code confidence} in JSON, {@code out-of-domain} in a table's emotion column and an empty confidence; its
 * probabilities are the model's distribution, printed for research.
 *
 * <p>Thread-safety: stateless.
 */
final class ResultRecords {

    static final String PATH = "path";
    /** With {@code --per-channel}: the channel (0 = left) and how many the file has. */
    static final String CHANNEL = "channel";
    static final String CHANNELS = "channels";
    static final String START = "start_s";
    static final String END = "end_s";
    static final String EMOTION = "emotion";
    static final String CONFIDENCE = "confidence";
    static final String PROBABILITIES = "probabilities";
    static final String SEGMENT_END = "segment_end";
    /** Voiced seconds the speech detector found. */
    static final String VOICED = "voiced_s";
    /** Why a clip was given no emotion (a JSON object; the reason in a table). */
    static final String NO_SPEECH = "no_speech";
    /** The domain check (a JSON object; its description when it flagged the input, in a table). */
    static final String OUT_OF_DOMAIN = "out_of_domain";
    /** What a table prints in the emotion column of a clip without speech. */
    static final String NO_SPEECH_WORD = "no-speech";
    /** What a table prints in the emotion column of a prediction out of the model's domain. */
    static final String OUT_OF_DOMAIN_WORD = "out-of-domain";
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
        c.addAll(List.of(VOICED, NO_SPEECH, OUT_OF_DOMAIN));
        return c;
    }

    /** The columns of a {@code predict --per-channel} table: {@code channel} and {@code channels} after the path. */
    static List<String> perChannelColumns(List<Emotion> labels) {
        return withChannelColumns(predictColumns(labels));
    }

    /** A table's columns with {@code channel} and {@code channels} after the path (first if there is none). */
    static List<String> withChannelColumns(List<String> columns) {
        List<String> c = new ArrayList<>(columns);
        c.addAll(!c.isEmpty() && c.get(0).equals(PATH) ? 1 : 0, List.of(CHANNEL, CHANNELS));
        return c;
    }

    /** One channel's prediction: {@link #prediction} with the channel and the file's channel count after the path. */
    static Map<String, Object> channelPrediction(String path, int channel, int channels, Prediction p) {
        return onChannel(channel, channels, prediction(path, p));
    }

    /** Each channel's prediction ({@code --per-channel}), in channel order; {@code path} may be null (an upload). */
    static List<Map<String, Object>> channelPredictions(String path, List<AudioClip> channels,
            EmotionClassifier classifier) {
        List<Map<String, Object>> out = new ArrayList<>(channels.size());
        for (int c = 0; c < channels.size(); c++) {
            out.add(channelPrediction(path, c, channels.size(), classifier.predict(channels.get(c))));
        }
        return out;
    }

    /** A record of one channel ({@code --per-channel}): the channel and the file's channel count after the path. */
    static Map<String, Object> onChannel(int channel, int channels, Map<String, Object> record) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (record.containsKey(PATH)) {
            m.put(PATH, record.get(PATH));
        }
        m.put(CHANNEL, channel);
        m.put(CHANNELS, channels);
        m.putAll(record);
        return m;
    }

    /** Whether a record ends its file's records: an error, a whole-file prediction, or a file's last channel. */
    static boolean closesFile(Map<String, ?> record) {
        Object c = record.get(CHANNEL);
        Object n = record.get(CHANNELS);
        boolean error = record.get(ERROR) != null && !"".equals(record.get(ERROR));
        if (error || c == null || n == null || "".equals(c)) {
            return true;
        }
        // JSON numbers or CSV text
        return (int) Double.parseDouble(c.toString()) == (int) Double.parseDouble(n.toString()) - 1;
    }

    /**
     * Whether a timeline record ends its file's records: an error, or the closing {@code events} record (of
     * the last channel, with {@code --per-channel}: each channel's stream ends with its own).
     */
    static boolean closesTimeline(Map<String, ?> record) {
        return record.containsKey(ERROR) || record.containsKey(EVENTS) && closesFile(record);
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
        if (!p.hasSpeech()) {
            m.put(EMOTION, null);
            Map<String, Object> why = new LinkedHashMap<>();
            why.put("reason", p.speech().reason());
            why.put(VOICED, p.speech().voicedSeconds());
            why.put("duration_s", p.speech().durationSeconds());
            m.put(NO_SPEECH, why);
            return m;
        }
        if (p.hasEmotion()) {
            m.put(EMOTION, p.emotion().word());
            m.put(CONFIDENCE, p.confidence());
        } else {
            m.put(EMOTION, null); // out of domain: the model's distribution below, but no answer
        }
        m.put(PROBABILITIES, probabilities(p));
        if (p.speech() != null) {
            m.put(VOICED, p.speech().voicedSeconds());
        }
        if (p.domain() != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("flagged", p.domain().outOfDomain());
            d.put("rms_z", p.domain().rmsZ());
            d.put("limit", p.domain().limit());
            d.put("features", p.domain().features());
            d.put("largest_abs_z", p.domain().largestAbsZ());
            d.put("largest_feature", p.domain().largestFeature());
            d.put("description", p.domain().describe());
            m.put(OUT_OF_DOMAIN, d);
        }
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
        List<String> row = new ArrayList<>(columns.size());
        for (String c : columns) {
            row.add(text(c, flatValue(record, c), rounded));
        }
        return row;
    }

    /**
     * A record's value in one column of a flat table (a Spark row's, a CSV cell's before formatting): a
     * probability from its label column, the no-speech word and reason, the out-of-domain word and the domain
     * check's description when it flagged the input; null when absent.
     */
    static Object flatValue(Map<String, ?> record, String column) {
        Map<?, ?> probs = record.get(PROBABILITIES) instanceof Map<?, ?> m ? m : Map.of();
        Object v = record.containsKey(column) ? record.get(column) : probs.get(column);
        if (column.equals(EMOTION) && v == null && record.get(NO_SPEECH) instanceof Map<?, ?>) {
            v = NO_SPEECH_WORD;
        } else if (column.equals(EMOTION) && v == null && record.get(OUT_OF_DOMAIN) instanceof Map<?, ?> d
                && Boolean.TRUE.equals(d.get("flagged"))) {
            v = OUT_OF_DOMAIN_WORD;
        } else if (column.equals(VOICED) && v == null && record.get(NO_SPEECH) instanceof Map<?, ?> why) {
            v = why.get(VOICED);
        } else if (column.equals(NO_SPEECH) && v instanceof Map<?, ?> why) {
            v = why.get("reason");
        } else if (column.equals(OUT_OF_DOMAIN) && v instanceof Map<?, ?> d) {
            v = Boolean.TRUE.equals(d.get("flagged")) ? d.get("description") : null;
        }
        return v;
    }

    private static String text(String column, Object v, boolean rounded) {
        if (v == null) {
            return "";
        }
        if (v instanceof Boolean b) {
            return rounded && column.equals(SEGMENT_END) ? (b ? "end" : "") : b.toString();
        }
        if (v instanceof Double d) {
            boolean seconds = column.equals(START) || column.equals(END) || column.equals(VOICED);
            return rounded ? String.format(Locale.ROOT, seconds ? "%.2f" : "%.4f", d) : Double.toString(d);
        }
        return v.toString();
    }

    private static double roundSeconds(double seconds) {
        return Math.round(seconds * 1e4) / 1e4;
    }
}
