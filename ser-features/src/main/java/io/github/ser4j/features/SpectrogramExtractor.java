package io.github.ser4j.features;

import io.github.ser4j.core.FeatureExtractor;

/**
 * An extractor whose features all come from one {@link Stft} power spectrogram, so that a
 * {@link CompositeExtractor} can compute that spectrogram once for every part with the same
 * framing instead of once per part.
 *
 * <p>Thread-safety: implementations are immutable, like every {@link FeatureExtractor}.
 */
interface SpectrogramExtractor extends FeatureExtractor {

    /** @return the framing and FFT this extractor reads, at {@link #sampleRateHz()} */
    Stft stft();

    /**
     * Computes the features from a spectrogram made by {@link #stft()} of the clip at
     * {@link #sampleRateHz()}; {@link #extract} is {@code stft().power(clip)} followed by this.
     *
     * @param s the spectrogram
     * @param out destination
     * @param offset index of the first feature in {@code out}
     */
    void extractFrom(PowerSpectrogram s, double[] out, int offset);
}
