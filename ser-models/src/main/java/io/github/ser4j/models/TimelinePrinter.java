package io.github.ser4j.models;

import io.github.ser4j.core.TimedPrediction;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints stream events as a tab-separated table or JSON lines, flushing each so a live view updates;
 * the same field names as {@code predict}.
 *
 * <p>Thread-safety: not thread-safe; one per stream.
 */
final class TimelinePrinter implements Consumer<TimedPrediction> {
    private final PrintStream out;
    private final boolean json;
    private final String path;
    private int events;

    /**
     * @param path the file the events are of, printed as a first column / {@code "path"} field, or null
     *     to leave it out (one stream)
     */
    TimelinePrinter(PrintStream out, boolean json, String path) {
        this.out = out;
        this.json = json;
        this.path = path;
    }

    void header() {
        if (!json) {
            out.println((path == null ? "" : "path\t") + "start_s\tend_s\temotion\tconfidence\tsegment");
        }
    }

    @Override
    public void accept(TimedPrediction e) {
        events++;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (path != null) {
                m.put("path", path);
            }
            m.put("start", round(e.startSeconds()));
            m.put("end", round(e.endSeconds()));
            m.put("emotion", e.prediction().emotion().word());
            m.put("confidence", e.prediction().probability());
            m.put("segment_end", e.segmentEnd());
            Map<String, Object> probs = new LinkedHashMap<>();
            e.prediction().probabilities().forEach((k, v) -> probs.put(k.word(), v));
            m.put("probabilities", probs);
            out.println(Json.write(m));
        } else {
            out.println((path == null ? "" : path + "\t") + String.format(Locale.ROOT, "%.2f\t%.2f\t%s\t%.4f\t%s",
                    e.startSeconds(), e.endSeconds(), e.prediction().emotion().word(), e.prediction().probability(),
                    e.segmentEnd() ? "end" : ""));
        }
        out.flush();
    }

    void footer() {
        if (!json && events == 0) {
            out.println("(no speech detected)");
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1e4) / 1e4;
    }
}
