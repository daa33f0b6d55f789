package io.github.ser4j.core;

/**
 * Feature extraction over a live stream of samples: audio is appended in chunks of any size, and the
 * features of the most recent span are asked for as often as a caller needs them (a sliding window).
 * Obtained from {@link FeatureExtractor#openStream(int)}.
 *
 * <p>Contract: {@link #extractLast(int)} returns the features that {@link FeatureExtractor#extract}
 * would return for a clip made of the last {@code samples} appended samples at
 * {@link FeatureExtractor#sampleRateHz()}, within the tolerance the extractor documents; its cost
 * depends on the span and on what was appended since the previous call, never on how long the stream
 * has run, and memory stays bounded by {@link #capacitySamples()}. Incremental implementations keep
 * per-frame work (spectra) from earlier calls instead of recomputing the whole span.
 *
 * <p>Thread-safety: not thread-safe; a stream belongs to one producer thread (or is guarded by the
 * caller). Different streams of one extractor are independent.
 */
public interface FeatureStream {

    /**
     * Appends samples at the extractor's rate; older samples beyond {@link #capacitySamples()} are
     * forgotten.
     *
     * @param samples the buffer
     * @param offset the first sample to append
     * @param length how many samples to append (0 is allowed)
     * @throws IllegalArgumentException if {@code samples} is null, the range is outside the buffer, or
     *     a sample is NaN or infinite (its stream index is named)
     */
    void append(float[] samples, int offset, int length);

    /**
     * How many samples were appended since the stream was opened or last {@link #reset()}.
     *
     * @return the count
     */
    long samplesAppended();

    /**
     * The longest span {@link #extractLast(int)} accepts, fixed when the stream is opened.
     *
     * @return the capacity in samples
     */
    int capacitySamples();

    /**
     * The features of the most recent {@code samples} samples.
     *
     * @param samples the span length in samples
     * @return a new array of the extractor's dimension, all finite, owned by the caller
     * @throws IllegalArgumentException if {@code samples} exceeds {@link #capacitySamples()} or the
     *     samples appended so far, or is shorter than {@link AudioClip#MIN_DURATION_SECONDS} (the message
     *     names the numbers)
     */
    double[] extractLast(int samples);

    /**
     * The span granularity that lets the stream reuse its per-frame work: spans that start a multiple
     * of this many samples after the stream's start (or last {@link #reset()}) reuse cached frames;
     * other spans are still exact but recompute more. A caller choosing window and hop lengths should
     * make both multiples of it.
     *
     * @return the alignment in samples, at least 1
     */
    default int alignmentSamples() {
        return 1;
    }

    /** Forgets all appended audio, for example at the start of a new speech segment. */
    void reset();
}
