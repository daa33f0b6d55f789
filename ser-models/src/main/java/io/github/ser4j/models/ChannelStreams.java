package io.github.ser4j.models;

import io.github.ser4j.core.AudioReader;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.StreamSettings;
import io.github.ser4j.core.TimedPrediction;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays an {@link AudioReader} through {@link EmotionStream}s in {@link #CHUNK_SECONDS} chunks, as a live
 * source would deliver it: one stream for the channels mixed to mono ({@code stream}, {@code timeline}), or
 * one stream per channel ({@code --per-channel}: the reader's interleaved frames de-interleaved, each channel
 * seeing the same chunks). The caller pulls one chunk at a time ({@link #next}), so a Spark iterator, a
 * paced live view and a batch all drive it the same way; memory is bounded by one block of
 * {@link #BLOCK_FRAMES} samples and the streams' windows, however long the recording.
 *
 * <p>Order, which the output of {@code stream} and {@code timeline --per-channel} follows: events in the
 * order the streams emit them as the recording plays, chunk by chunk; the events of one chunk channel by
 * channel (0 = left first); at the end each channel's last partial chunk and its {@link EmotionStream#finish}
 * in channel order.
 *
 * <p>Thread-safety: not thread-safe; one per file, used from one thread.
 */
final class ChannelStreams implements Closeable {

    /** Seconds of audio a stream is given at a time: what a live source's callback would deliver. */
    static final double CHUNK_SECONDS = 0.02;
    /** Samples (all channels together) decoded per read at most (about 4 s of 16 kHz mono): the memory bound. */
    static final int BLOCK_FRAMES = 1 << 16;

    /** One stream event and the channel it belongs to (0 for the mono mix). */
    record Event(int channel, TimedPrediction event) {
    }

    private final AudioReader in;
    private final boolean perChannel;
    private final EmotionStream[] streams;
    private final int[] events;
    private final int chunk;
    private final float[] block;
    private final float[][] pending;
    private int blockFrames;
    private int blockAt;
    private int filled;
    private long framesPlayed;
    private boolean ended;
    private boolean finished;

    /**
     * Opens the streams over a reader, which this closes.
     *
     * @param perChannel one stream per channel instead of one for the mono mix
     */
    ChannelStreams(AudioReader in, EmotionClassifier classifier, StreamSettings settings, boolean perChannel)
            throws IOException {
        this.in = in;
        this.perChannel = perChannel;
        int n = perChannel ? in.channels() : 1;
        streams = new EmotionStream[n];
        try {
            for (int c = 0; c < n; c++) {
                streams[c] = EmotionStream.open(classifier, in.sampleRateHz(), settings);
            }
        } catch (RuntimeException e) { // a rate the stream refuses: the caller never gets the reader to close
            in.close();
            throw e;
        }
        events = new int[n];
        chunk = Math.max(1, (int) Math.round(CHUNK_SECONDS * in.sampleRateHz()));
        // per channel: whole frames of every channel, at most BLOCK_FRAMES samples in all
        block = new float[perChannel ? Math.max(1, BLOCK_FRAMES / in.channels()) * in.channels() : BLOCK_FRAMES];
        pending = new float[n][chunk];
    }

    /** How many streams there are: the file's channels with {@code perChannel}, else one. */
    int streams() {
        return streams.length;
    }

    /** The events each stream has emitted so far, by channel. */
    int events(int channel) {
        return events[channel];
    }

    /** Seconds of audio played into the streams so far. */
    double secondsPlayed() {
        return framesPlayed / (double) in.sampleRateHz();
    }

    /**
     * Plays the next chunk into every stream.
     *
     * @return the events it produced (often none), in the order of the class comment; null once the
     *     recording has ended and every stream is finished
     * @throws IOException if the file cannot be read or decoded (the message names it)
     */
    List<Event> next() throws IOException {
        if (finished) {
            return null;
        }
        while (filled < chunk) {
            if (blockAt == blockFrames && !ended) {
                blockFrames = perChannel ? in.read(block) : in.readMono(block);
                blockAt = 0;
                if (blockFrames < 0) {
                    blockFrames = 0;
                    ended = true;
                }
            }
            if (ended) {
                return finish();
            }
            int take = Math.min(chunk - filled, blockFrames - blockAt);
            int width = perChannel ? in.channels() : 1;
            for (int c = 0; c < streams.length; c++) {
                float[] p = pending[c];
                for (int f = 0; f < take; f++) {
                    p[filled + f] = block[(blockAt + f) * width + c];
                }
            }
            filled += take;
            blockAt += take;
        }
        List<Event> out = new ArrayList<>(0);
        for (int c = 0; c < streams.length; c++) {
            add(out, c, streams[c].accept(pending[c], 0, chunk));
        }
        framesPlayed += chunk;
        filled = 0;
        return out;
    }

    /** Each channel's partial last chunk and end, in channel order. */
    private List<Event> finish() {
        List<Event> out = new ArrayList<>(0);
        for (int c = 0; c < streams.length; c++) {
            if (filled > 0) {
                add(out, c, streams[c].accept(pending[c], 0, filled));
            }
            add(out, c, streams[c].finish());
        }
        framesPlayed += filled;
        filled = 0;
        finished = true;
        return out;
    }

    private void add(List<Event> out, int channel, List<TimedPrediction> es) {
        for (TimedPrediction e : es) {
            out.add(new Event(channel, e));
            events[channel]++;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
