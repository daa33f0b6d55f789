package io.github.ser4j.core;

import java.io.Closeable;
import java.io.IOException;

/**
 * Audio being decoded, chunk by chunk: what an {@link AudioDecoderProvider} returns. Implementations
 * decode incrementally from their input stream (bounded memory however long the recording) and report
 * a bad file by throwing {@link UnsupportedAudioException}; ser4j wraps every stream in an
 * {@link AudioReader}, which checks the rate, channel count, sample values and progress, and turns any
 * unchecked exception escaping a decoder into an {@link UnsupportedAudioException} naming the file.
 *
 * <p>Thread-safety: implementations need not be thread-safe; ser4j uses one from one thread at a time.
 */
public interface DecodedStream extends Closeable {

    /**
     * The sample rate.
     *
     * @return the rate in Hz
     */
    float sampleRateHz();

    /**
     * The number of interleaved channels.
     *
     * @return the channel count, at least one
     */
    int channels();

    /**
     * The number of frames the container declares, if it declares one.
     *
     * @return the frame count, or -1 if unknown
     */
    long frameLength();

    /**
     * Decodes the next frames.
     *
     * @param interleaved where to put them: frame {@code f}, channel {@code c} at {@code f * channels() + c},
     *     nominally in [-1, 1]
     * @param maxFrames at most this many frames are written; at least one
     * @return the number of frames written (zero is allowed, but a stream must make progress), or -1 at
     *     the end of the audio
     * @throws UnsupportedAudioException if the data is corrupt or truncated
     * @throws IOException if the underlying stream cannot be read
     */
    int read(float[] interleaved, int maxFrames) throws IOException;
}
