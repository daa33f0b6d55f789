package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.AudioReader;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.StreamSettings;
import io.github.ser4j.core.TimedPrediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ser4j timeline}: the emotion timeline of long recordings, the {@code stream} machinery
 * ({@link EmotionStream}) without real-time pacing, reading each file incrementally
 * ({@link AudioClip#open}, every format ser4j decodes, a block at a time) so hours of audio run in bounded memory, with {@code predict}'s batch
 * options.
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
            "Takes predict's batch options: folders, @LIST, --threads, --out (resumed per file), --progress."})
final class TimelineCommand extends CliCommand {

    /** The human-readable table: the stream's columns behind the file's path. */
    /** Mono frames decoded per read at most (about 4 s at 16 kHz, 1.4 s at 48 kHz): the memory bound. */
    static final int BLOCK_FRAMES = 1 << 16;

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
    ModelOption model;

    @Override
    public Integer call() throws IOException {
        StreamSettings settings = streamOptions.settings(this);
        SmoEmotionClassifier m = model.loadUnpaired(resolver());
        BatchOptions.Printer printer = new BatchOptions.Printer() {
            @Override
            public void header() {
                if (!batch.json) {
                    out().println(String.join("\t", TEXT_COLUMNS));
                }
            }

            @Override
            public void print(Map<String, Object> record) {
                if (batch.json) {
                    out().println(Json.write(record));
                } else if (record.containsKey(ResultRecords.START)) {
                    out().println(String.join("\t", ResultRecords.flat(record, TEXT_COLUMNS, true)));
                }
            }
        };
        return batch.run(this, ResultRecords.timelineColumns(m.labels()),
                r -> r.containsKey(ResultRecords.EVENTS) || r.containsKey(ResultRecords.ERROR),
                (path, emit) -> {
                    int events = timeline(m, settings, Path.of(path), e -> emit.accept(ResultRecords.event(path, e)));
                    emit.accept(ResultRecords.timelineEnd(path, events));
                }, printer);
    }

    /**
     * Streams one file through an {@link EmotionStream} in {@link StreamCommand#CHUNK_SECONDS} chunks, as
     * {@code stream} does.
     *
     * @return the number of events
     */
    static int timeline(EmotionClassifier classifier, StreamSettings settings, Path file,
            Consumer<TimedPrediction> listener) throws IOException {
        try (AudioReader in = AudioClip.open(file)) {
            EmotionStream stream = EmotionStream.open(classifier, in.sampleRateHz(), settings);
            int chunk = Math.max(1, (int) Math.round(StreamCommand.CHUNK_SECONDS * in.sampleRateHz()));
            float[] block = new float[BLOCK_FRAMES];
            int events = 0;
            // Chunks continue across blocks, so the stream sees the same chunks as stream's whole-file loop.
            float[] pending = new float[chunk];
            int filled = 0;
            for (int n = in.readMono(block); n >= 0; n = in.readMono(block)) {
                for (int at = 0; at < n;) {
                    int take = Math.min(chunk - filled, n - at);
                    System.arraycopy(block, at, pending, filled, take);
                    filled += take;
                    at += take;
                    if (filled == chunk) {
                        for (TimedPrediction e : stream.accept(pending, 0, chunk)) {
                            listener.accept(e);
                            events++;
                        }
                        filled = 0;
                    }
                }
            }
            List<TimedPrediction> last = new ArrayList<>(filled > 0 ? stream.accept(pending, 0, filled) : List.of());
            last.addAll(stream.finish());
            for (TimedPrediction e : last) {
                listener.accept(e);
                events++;
            }
            return events;
        }
    }
}
