package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.StreamSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ser4j timeline}: the emotion timeline of long recordings, the {@code stream} machinery
 * ({@link EmotionStream}) without real-time pacing, reading each file incrementally
 * ({@link AudioClip#open}, every format ser4j decodes, a block at a time: {@link TimelineRecords}) so hours
 * of audio run in bounded memory, with {@code predict}'s batch options; per channel with {@code --per-channel}.
 *
 * <p>Thread-safety: one instance per run; files are scored in parallel with one shared model.
 */
@Command(name = "timeline", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Emotion timeline of long recordings, in bounded memory.",
        description = {
            "Plays each file through the live emotion stream as fast as it decodes (no real-time pacing, no "
                    + "600 s clip limit: the file is read a block at a time) and prints one line per prediction: "
                    + "path, window start and end in seconds, emotion, confidence, and 'end' on the last prediction "
                    + "of each speech segment. With --json (and in --out files) each event is an object with every "
                    + "probability, and each file ends with {\"path\":...,\"events\":N}; silence emits nothing.",
            "--per-channel streams each channel on its own: every record gets channel (0 = left) and channels; "
                    + "events come in the order they are emitted as the file plays (the same 20 ms chunk: channel 0 "
                    + "first) and each channel's stream ends with its own events record.",
            "Takes predict's batch options: folders, @LIST, --threads, --out (resumed per file), --progress."})
final class TimelineCommand extends CliCommand {

    /** The human-readable table: the stream's columns behind the file's path. */
    static final List<String> TEXT_COLUMNS;

    static {
        List<String> c = new ArrayList<>(List.of(ResultRecords.PATH));
        c.addAll(TimelinePrinter.TEXT_COLUMNS);
        TEXT_COLUMNS = List.copyOf(c);
    }

    @Mixin
    BatchOptions batch;

    @Mixin
    StreamOptions streamOptions;

    @Mixin
    PerChannelOption channels;

    @Mixin
    ModelOption model;

    @Override
    public Integer call() throws IOException {
        StreamSettings settings = streamOptions.settings(this);
        SmoEmotionClassifier m = model.loadUnpaired(resolver());
        boolean perChannel = channels.perChannel;
        List<String> text = perChannel ? ResultRecords.withChannelColumns(TEXT_COLUMNS) : TEXT_COLUMNS;
        List<String> columns = ResultRecords.timelineColumns(m.labels());
        BatchOptions.Printer printer = new BatchOptions.Printer() {
            @Override
            public void header() {
                if (!batch.json) {
                    out().println(String.join("\t", text));
                }
            }

            @Override
            public void print(Map<String, Object> record) {
                if (batch.json) {
                    out().println(Json.write(record));
                } else if (record.containsKey(ResultRecords.START)) {
                    out().println(String.join("\t", ResultRecords.flat(record, text, true)));
                }
            }
        };
        return batch.run(this, perChannel ? ResultRecords.withChannelColumns(columns) : columns,
                ResultRecords::closesTimeline, (path, emit) -> {
                    try (TimelineRecords records = new TimelineRecords(path, AudioClip.open(Path.of(path)), m, settings,
                            perChannel)) {
                        records.forEachRemaining(emit);
                    }
                }, printer);
    }
}
