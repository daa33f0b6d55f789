package io.github.ser4j.features;

import io.github.ser4j.core.FeatureExtractor;

/**
 * The extractors whose features all come from one {@link Stft} power spectrogram
 * (every {@link SpectrogramFeatureExtractor}), so that a {@link CompositeExtractor} can
 * compute that spectrogram once for all parts with the same framing. Kept package-private so that
 * the engine's types stay out of the public API.
 *
 * <p>Thread-safety: stateless.
 */
final class SharedSpectrogram {

    private SharedSpectrogram() {
    }

    /** @return the STFT the extractor reads, or null if it does not work from a single spectrogram */
    static Stft stftOf(FeatureExtractor e) {
        return e instanceof SpectrogramFeatureExtractor ? ((SpectrogramFeatureExtractor) e).stft() : null;
    }

    /** Whether two STFTs frame a clip identically (both use the periodic Hann window). */
    static boolean sameFraming(Stft a, Stft b) {
        return a.nFft() == b.nFft() && a.hop() == b.hop();
    }

    /**
     * Computes the features of {@code e} (for which {@link #stftOf} is not null) from a spectrogram
     * of the clip at {@code e.sampleRateHz()} made by that STFT.
     */
    static void extractFrom(FeatureExtractor e, PowerSpectrogram s, double[] out, int offset) {
        ((SpectrogramFeatureExtractor) e).extractFrom(s, out, offset);
    }
}
