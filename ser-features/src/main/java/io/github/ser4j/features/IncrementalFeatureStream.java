package io.github.ser4j.features;

import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.FeatureStream;
import io.github.ser4j.core.StreamArguments;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link FeatureStream} of the spectrogram extractors and of {@link CompositeExtractor}: one
 * {@link SampleHistory} of the latest samples, one {@link StreamingSpectrogram} per distinct framing
 * (so the parts of a composite that read the same framing share its kept spectra, as
 * {@link SharedSpectrogram} does offline). {@link ProsodicFeatures} is re-extracted per request
 * straight from the sample history (see its {@code openStream}); any other part runs its own stream.
 *
 * <p>A request builds each framing's spectrogram of the span from kept frames plus the edge frames,
 * then runs each part on it with the part's {@link FrameMemo}: values that depend on one frame's
 * spectrum alone are kept per frame, everything that depends on the span is computed per request with
 * the offline arithmetic, so the result equals {@link FeatureExtractor#extract} of the span bit for bit.
 *
 * <p>Cost of a request on the grid: the FFTs of the frames appended since the previous request plus
 * 2–3 edge frames per framing and end, the per-frame values of those frames, then per-span work
 * that is cheap per frame (dB floor, deltas, percentiles and other functionals, ZCR and RMS over the
 * span's samples, chroma again when the span's tuning estimate changes) and prosody over the span.
 * None of it depends on how long the stream has run.
 *
 * <p>Memory: the sample history holds up to twice the capacity (8 bytes per sample of capacity); kept spectra and
 * per-frame values grow with the longest span requested, for {@code full} about 0.36 MB per second
 * of span (2048/512 spectra 128 KB, 512/160 spectra 104 KB, seed values 66 KB, MFCC values 55 KB,
 * spectral-shape values 6 KB).
 *
 * <p>Thread-safety: not thread-safe; a stream belongs to one producer thread.
 */
final class IncrementalFeatureStream implements FeatureStream {

    /** The parts reading one framing, with where each writes its values. */
    private static final class Framing {
        final StreamingSpectrogram spectrogram;
        final List<SpectrogramFeatureExtractor> parts = new ArrayList<>();
        final List<Integer> offsets = new ArrayList<>();
        final List<FrameMemo> memos = new ArrayList<>();

        Framing(StreamingSpectrogram spectrogram) {
            this.spectrogram = spectrogram;
        }
    }

    private final float sampleRateHz;
    private final int dimension;
    private final SampleHistory history;
    private final List<Framing> framings = new ArrayList<>();
    /** Parts re-extracted per request straight from the sample history (prosody). */
    private final List<ProsodicFeatures> spanParts = new ArrayList<>();
    private final List<Integer> spanOffsets = new ArrayList<>();
    private final List<FeatureStream> others = new ArrayList<>();
    private final List<Integer> otherOffsets = new ArrayList<>();
    private final int alignment;

    /**
     * @param parts extractors at one rate, their vectors concatenated in order
     * @param capacitySamples the stream's capacity, already checked
     */
    IncrementalFeatureStream(List<FeatureExtractor> parts, int capacitySamples) {
        this.sampleRateHz = parts.get(0).sampleRateHz();
        this.history = new SampleHistory(capacitySamples);
        int offset = 0;
        long align = 1;
        for (FeatureExtractor part : parts) {
            Stft stft = SharedSpectrogram.stftOf(part);
            if (stft != null) {
                Framing f = framingOf(stft);
                f.parts.add((SpectrogramFeatureExtractor) part);
                f.offsets.add(offset);
                f.memos.add(((SpectrogramFeatureExtractor) part).newFrameMemo());
                align = lcm(align, stft.hop());
            } else if (part instanceof ProsodicFeatures) {
                spanParts.add((ProsodicFeatures) part);
                spanOffsets.add(offset);
            } else {
                FeatureStream s = part.openStream(capacitySamples);
                others.add(s);
                otherOffsets.add(offset);
                align = lcm(align, s.alignmentSamples());
            }
            offset += part.dimension();
        }
        this.dimension = offset;
        this.alignment = (int) Math.min(align, Integer.MAX_VALUE);
    }

    private Framing framingOf(Stft stft) {
        for (Framing f : framings) {
            if (SharedSpectrogram.sameFraming(f.spectrogram.stft(), stft)) {
                return f;
            }
        }
        Framing f = new Framing(new StreamingSpectrogram(stft, sampleRateHz));
        framings.add(f);
        return f;
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long r = x % y;
            x = y;
            y = r;
        }
        return a / x * b;
    }

    @Override
    public void append(float[] samples, int offset, int length) {
        history.append(samples, offset, length); // checks the arguments first
        for (FeatureStream s : others) {
            s.append(samples, offset, length);
        }
    }

    @Override
    public long samplesAppended() {
        return history.appended();
    }

    @Override
    public int capacitySamples() {
        return history.capacity();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also when a part rejects the span (amplitude far outside
     *     [-1, 1], as {@link FeatureExtractor#extract} would)
     */
    @Override
    public double[] extractLast(int samples) {
        StreamArguments.checkSpan(samples, history.capacity(), history.appended(), sampleRateHz);
        double[] out = new double[dimension];
        try {
            for (Framing f : framings) {
                PowerSpectrogram s = f.spectrogram.lastSpan(history, samples);
                for (int i = 0; i < f.parts.size(); i++) {
                    f.parts.get(i).extractFrom(s, f.memos.get(i), out, f.offsets.get(i));
                }
            }
        } finally {
            Workspace.current().releaseLarge();
        }
        for (int i = 0; i < spanParts.size(); i++) {
            int at = history.indexOf(history.appended() - samples);
            double[] v = spanParts.get(i).extractSamples(FloatBuffer.wrap(history.buffer(), at, samples));
            System.arraycopy(v, 0, out, spanOffsets.get(i), v.length);
        }
        for (int i = 0; i < others.size(); i++) {
            double[] v = others.get(i).extractLast(samples);
            System.arraycopy(v, 0, out, otherOffsets.get(i), v.length);
        }
        return out;
    }

    /** {@inheritDoc} Spans starting on the least common multiple of the framings' hops reuse kept spectra. */
    @Override
    public int alignmentSamples() {
        return alignment;
    }

    /** @return array elements this stream holds (samples, kept spectra, per-frame values), for tests of its bound */
    long heldElements() {
        long n = history.heldElements();
        for (Framing f : framings) {
            n += f.spectrogram.heldElements();
            for (FrameMemo m : f.memos) {
                n += m == null ? 0 : m.heldElements();
            }
        }
        return n;
    }

    /** @return frame spectra computed so far, over all framings (for tests of reuse) */
    long framesComputed() {
        long n = 0;
        for (Framing f : framings) {
            n += f.spectrogram.framesComputed();
        }
        return n;
    }

    @Override
    public void reset() {
        history.reset();
        for (Framing f : framings) {
            f.spectrogram.reset();
            for (FrameMemo m : f.memos) {
                if (m != null) {
                    m.reset();
                }
            }
        }
        for (FeatureStream s : others) {
            s.reset();
        }
    }
}
