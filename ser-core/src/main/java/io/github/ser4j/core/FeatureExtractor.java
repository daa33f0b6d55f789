package io.github.ser4j.core;

import java.util.List;

/**
 * Turns a clip into a fixed-length feature vector: the plug-in point between audio and a classifier.
 * Implementations live in {@code ser-features}; a trained model records the {@link #id()} of the
 * extractor it was trained with and refuses any other.
 *
 * <p>Contract: {@link #extract} accepts a clip at any sample rate and resamples it to
 * {@link #sampleRateHz()} with {@link AudioClip#resampledTo} (the single place resampling happens);
 * it returns exactly {@code featureNames().size()} finite values.
 *
 * <p>Thread-safety: implementations must be immutable and safe for concurrent calls to
 * {@link #extract}; per-call scratch state is confined to the calling thread.
 */
public interface FeatureExtractor {

    /**
     * A stable identifier that changes whenever the output changes: name, version and every setting,
     * for example {@code "seed-librosa/1(sr=16000,n_fft=2048,hop=512)"}.
     *
     * @return the identifier
     */
    String id();

    /**
     * The names of the features, unique, in output order.
     *
     * @return an unmodifiable list
     */
    List<String> featureNames();

    /**
     * The number of features, {@code featureNames().size()}.
     *
     * @return the dimension of every vector {@link #extract} returns
     */
    default int dimension() {
        return featureNames().size();
    }

    /**
     * The sample rate the extractor works at; other clips are resampled to it.
     *
     * @return the rate in Hz
     */
    float sampleRateHz();

    /**
     * Extracts the features of one clip.
     *
     * @param clip the clip, at any sample rate
     * @return a new array of {@link #dimension()} finite values, owned by the caller
     * @throws IllegalArgumentException if {@code clip} is null
     */
    double[] extract(AudioClip clip);

    /**
     * Opens a stream that extracts the features of sliding spans of live audio (see
     * {@link FeatureStream}). The default re-extracts each requested span from a ring buffer; the
     * extractors of {@code ser-features} override it with incremental streams that keep per-frame
     * work between calls.
     *
     * @param capacitySamples the longest span the stream will be asked for, in samples at
     *     {@link #sampleRateHz()}
     * @return a new stream, owned by the caller
     * @throws IllegalArgumentException if the capacity is shorter than
     *     {@link AudioClip#MIN_DURATION_SECONDS} or longer than {@link AudioClip#MAX_DURATION_SECONDS}
     */
    default FeatureStream openStream(int capacitySamples) {
        StreamArguments.checkCapacity(capacitySamples, sampleRateHz());
        return new ReextractingFeatureStream(this, capacitySamples);
    }
}
