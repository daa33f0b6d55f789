package io.github.ser4j.models;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.TimedPrediction;
import java.util.function.Consumer;

/**
 * Attaches an {@link EmotionStream} to a TarsosDSP {@code AudioDispatcher}: add it with
 * {@code dispatcher.addAudioProcessor(new EmotionStreamProcessor(stream, listener))} and every
 * {@link TimedPrediction} reaches the listener on the dispatcher's thread. Overlapping buffers are
 * handled (each sample is pushed once); when the dispatcher finishes, the stream is finished and its
 * last segment's event delivered. A zero-padded last buffer adds at most one buffer of silence.
 *
 * <p>This is the one public ser4j type that names TarsosDSP types, because implementing
 * {@code AudioProcessor} is its purpose.
 *
 * <p>Thread-safety: not thread-safe, like the stream it feeds; use it on one dispatcher.
 */
public final class EmotionStreamProcessor implements AudioProcessor {

    private final EmotionStream stream;
    private final Consumer<? super TimedPrediction> listener;
    private long pushed;
    private boolean finished;

    /**
     * Wraps a stream.
     *
     * @param stream a stream opened for the dispatcher's sample rate
     * @param listener receives the events
     * @throws IllegalArgumentException if an argument is null
     */
    public EmotionStreamProcessor(EmotionStream stream, Consumer<? super TimedPrediction> listener) {
        if (stream == null || listener == null) {
            throw new IllegalArgumentException("stream and listener must not be null");
        }
        this.stream = stream;
        this.listener = listener;
    }

    /**
     * Pushes the buffer's new samples into the stream.
     *
     * @param audioEvent the dispatcher's buffer
     * @return true, so later processors run
     * @throws IllegalStateException if the buffer's sample rate is not the stream's
     * @throws IllegalArgumentException if the buffer holds NaN or infinity
     */
    @Override
    public boolean process(AudioEvent audioEvent) {
        if (audioEvent.getSampleRate() != stream.inputSampleRateHz()) {
            throw new IllegalStateException("the dispatcher delivers " + audioEvent.getSampleRate()
                    + " Hz but the stream was opened for " + stream.inputSampleRateHz() + " Hz");
        }
        float[] buffer = audioEvent.getFloatBuffer();
        // The buffer's first sample: the dispatcher counts processed samples up to the end of the overlap.
        long first = audioEvent.getSamplesProcessed() - audioEvent.getOverlap();
        long from = Math.max(pushed, first);
        int offset = (int) (from - first);
        if (offset < buffer.length) {
            stream.accept(buffer, offset, buffer.length - offset).forEach(listener);
            pushed = first + buffer.length;
        }
        return true;
    }

    /** Finishes the stream and delivers its last events. */
    @Override
    public void processingFinished() {
        if (!finished) {
            finished = true;
            stream.finish().forEach(listener);
        }
    }
}
