package io.github.ser4j.models;

import io.github.ser4j.core.AudioReader;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.StreamSettings;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One file's timeline as {@link ResultRecords}, pulled a chunk of audio at a time ({@link ChannelStreams}),
 * so {@code timeline} and the Spark job hold no more than one chunk's events however long the recording:
 * each event ({@link ResultRecords#event}, with {@code channel} and {@code channels} under
 * {@code perChannel}), then the closing record ({@link ResultRecords#timelineEnd}; one per channel, in
 * channel order, under {@code perChannel}).
 *
 * <p>A read or decoding failure surfaces from {@link #hasNext} as an {@link UncheckedIOException} with the
 * cause's message (naming the file).
 *
 * <p>Thread-safety: not thread-safe; one per file, used from one thread.
 */
final class TimelineRecords implements Iterator<Map<String, Object>>, Closeable {

    private final String path;
    private final boolean perChannel;
    private final ChannelStreams streams;
    private final ArrayDeque<Map<String, Object>> ready = new ArrayDeque<>();
    private boolean ended;

    /**
     * The timeline of what {@code in} holds, which this closes.
     *
     * @param path the {@code path} of the records
     */
    TimelineRecords(String path, AudioReader in, EmotionClassifier classifier, StreamSettings settings,
            boolean perChannel) throws IOException {
        this.path = path;
        this.perChannel = perChannel;
        this.streams = new ChannelStreams(in, classifier, settings, perChannel);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !ended) {
            List<ChannelStreams.Event> events;
            try {
                events = streams.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            if (events == null) {
                ended = true;
                for (int c = 0; c < streams.streams(); c++) {
                    ready.add(onChannel(c, ResultRecords.timelineEnd(path, streams.events(c))));
                }
            } else {
                events.forEach(e -> ready.add(onChannel(e.channel(), ResultRecords.event(path, e.event()))));
            }
        }
        return !ready.isEmpty();
    }

    private Map<String, Object> onChannel(int channel, Map<String, Object> record) {
        return perChannel ? ResultRecords.onChannel(channel, streams.streams(), record) : record;
    }

    @Override
    public Map<String, Object> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the timeline of " + path + " has ended");
        }
        return ready.poll();
    }

    @Override
    public void close() throws IOException {
        streams.close();
    }
}
