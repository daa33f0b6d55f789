package io.github.ser4j.models;

import io.github.ser4j.core.TimedPrediction;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Prints stream events as a tab-separated table ({@code start_s end_s emotion confidence segment_end},
 * with a leading {@code path} column for several files and {@code channel channels} per channel) or JSON lines, flushing each so a live view
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
    private final int channels;
    private final List<String> columns;
    private int events;

    /** A printer of the mono mix's events. */
    TimelinePrinter(PrintStream out, boolean json) {
        this(out, json, 0);
    }

    /**
     * A printer of events labelled with their channel.
     *
     * @param channels the file's channel count, whose events carry {@code channel} and {@code channels}; 0
     *     for the channels mixed to mono (no channel fields)
     */
    TimelinePrinter(PrintStream out, boolean json, int channels) {
        this.out = out;
        this.json = json;
        this.channels = channels;
        this.columns = channels > 0 ? ResultRecords.withChannelColumns(TEXT_COLUMNS) : TEXT_COLUMNS;
    }

    void header() {
        if (!json) {
            out.println(String.join("\t", columns));
        }
    }

    @Override
    public void accept(TimedPrediction e) {
        print(0, e);
    }

    /** Prints one event of a channel (0 for the mono mix). */
    void print(int channel, TimedPrediction e) {
        events++;
        Map<String, Object> r = ResultRecords.event(null, e);
        if (channels > 0) {
            r = ResultRecords.onChannel(channel, channels, r);
        }
        out.println(json ? Json.write(r) : String.join("\t", ResultRecords.flat(r, columns, true)));
        out.flush();
    }

    void footer() {
        if (!json && events == 0) {
            out.println("(no speech detected)");
        }
    }
}
