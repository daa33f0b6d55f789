package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.FeatureStream;
import io.github.ser4j.core.StreamArguments;
import java.util.List;

/**
 * An extractor whose every feature comes from one {@link Stft} power spectrogram. Subclasses say which
 * STFT and how to read it; {@link #extract} is the same for all of them, and a
 * {@link CompositeExtractor} can compute one spectrogram for every part with the same framing.
 * Package-private so that the engine's types stay out of the public API.
 *
 * <p>Thread-safety: subclasses are immutable; per-call buffers live in the thread's {@link Workspace}.
 */
abstract class SpectrogramFeatureExtractor implements FeatureExtractor {

    /** The framing every feature of this extractor reads. */
    abstract Stft stft();

    /**
     * Writes the features, computed from a spectrogram made by {@link #stft()} of the clip at
     * {@link #sampleRateHz()}, to {@code out[offset..offset+dimension())}.
     */
    abstract void extractFrom(PowerSpectrogram s, double[] out, int offset);

    /**
     * This extractor's analysis of one clip read chunk by chunk, or null if it reads the whole
     * spectrogram ({@link #extractFrom(PowerSpectrogram, double[], int)}); must give the same values.
     *
     * @param clip the clip's frames; an analysis that needs frame totals asks for them here
     */
    ChunkedAnalysis analysis(SpectrogramChunks clip) {
        return null;
    }

    /** A memo for the per-frame values a stream keeps for this extractor, or null if it keeps none. */
    FrameMemo newFrameMemo() {
        return null;
    }

    /**
     * As {@link #extractFrom(PowerSpectrogram, double[], int)}, reading the per-frame values of the
     * spectrogram's kept frames (see {@link PowerSpectrogram#key}) from {@code memo} and keeping those
     * it computes; must give exactly the same values. The default ignores the memo.
     *
     * @param memo what {@link #newFrameMemo()} returned for this stream
     */
    void extractFrom(PowerSpectrogram s, FrameMemo memo, double[] out, int offset) {
        extractFrom(s, out, offset);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also if the clip's amplitude is so far outside [-1, 1] that its
     *     power spectrum overflows single precision (about 1e15)
     */
    @Override
    public double[] extract(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        return extract(clip, SpectrogramChunks.framesPerChunk(stft()));
    }

    /** {@link #extract(AudioClip)} reading the clip {@code chunkFrames} frames at a time (tests use small chunks). */
    double[] extract(AudioClip clip, int chunkFrames) {
        double[] out = new double[dimension()];
        try {
            SharedSpectrogram.extract(List.of(this), new int[] {0}, clip.resampledTo(sampleRateHz()), out, chunkFrames);
        } finally {
            // long clips must not leave their large buffers pinned to the thread
            Workspace.current().releaseLarge();
        }
        return out;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Incremental: the power spectra of the frames that lie inside a requested span, and the
     * values computed from one frame's spectrum alone, are computed once and kept (for spans that
     * start a multiple of the hop after the stream's start, see {@link FeatureStream#alignmentSamples()});
     * frames at the span's edges and the span-wide steps (dB floor, deltas, functionals) run per
     * request. {@link FeatureStream#extractLast} equals {@link #extract} of the span exactly (bit for
     * bit). Memory grows with the longest span requested: a few hundred KB per second of span.
     */
    @Override
    public FeatureStream openStream(int capacitySamples) {
        StreamArguments.checkCapacity(capacitySamples, sampleRateHz());
        return new IncrementalFeatureStream(List.of(this), capacitySamples);
    }
}
