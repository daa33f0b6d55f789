package io.github.ser4j.models;

import io.github.ser4j.core.TimedPrediction;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prints stream events as a tab-separated table ({@code start_s end_s emotion confidence segment_end},
 * with a leading {@code path} column for several files) or JSON lines, flushing each so a live view
 * updates; the names are those of {@link ResultRecords}.
 *
 * <p>Thread-safety: not thread-safe; one per stream.
 */
final class TimelinePrinter implements Consumer<TimedPrediction> {

    /** The columns of the human-readable timeline table. */
    static final List<String> TEXT_COLUMNS = List.of(ResultRecords.START, ResultRecords.END, ResultRecords.EMOTION,
            ResultRecords.CONFIDENCE, ResultRecords.SEGMENT_END);

    private final PrintStream out;
    private final boolean json;
    private int events;

    TimelinePrinter(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    void header() {
        if (!json) {
            out.println(String.join("\t", TEXT_COLUMNS));
        }
    }

    @Override
    public void accept(TimedPrediction e) {
        events++;
        out.println(json ? Json.write(ResultRecords.event(null, e))
                : String.join("\t", ResultRecords.flat(ResultRecords.event(null, e), TEXT_COLUMNS, true)));
        out.flush();
    }

    void footer() {
        if (!json && events == 0) {
            out.println("(no speech detected)");
        }
    }
}
