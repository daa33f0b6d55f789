package io.github.ser4j.features;

import java.nio.FloatBuffer;

/**
 * One clip's {@link Stft} frames, computed a chunk of frames at a time so that a long clip never holds
 * its whole spectrogram (600 s at 2048/512 would be 77 MB): each chunk is a {@link PowerSpectrogram} of at
 * most {@link #chunkFrames()} frames with its own stretch of the zero-padded signal. A frame's spectrum
 * depends only on its samples, so every frame is bit-identical to the one {@link Stft#power} computes for
 * the whole clip; a clip of one chunk (up to about 32 s at 16 kHz) is computed once, whatever is read.
 *
 * <p>Chunk {@code c} holds frames {@link #first}{@code (c) ..} of the clip; in its view frame {@code t} is
 * clip frame {@code first(c) + t}, and {@code padded()[t*hop .. t*hop + nFft)} are that frame's samples.
 * When some analysis asks ({@link #trackTotals}), each frame's total power ({@link ActiveFrames#sum}) is
 * kept for the whole clip, for {@link #activeFrames()}.
 *
 * <p>Thread-safety: confined to the thread that made it; chunk views are valid until the next
 * {@link #chunk} call and use that thread's {@link Workspace}.
 */
final class SpectrogramChunks {

    /** At most this many power values per chunk (4 MB): 1,023 frames of 2048/512, 4,080 of 512/160. */
    static final int CHUNK_ELEMENTS = 1 << 20;

    private static final Workspace.Slot POWER = new Workspace.Slot("chunks.power");
    private static final Workspace.Slot PADDED = new Workspace.Slot("chunks.padded");
    private static final Workspace.Slot TOTALS = new Workspace.Slot("chunks.totals");

    private final Stft stft;
    private final FloatBuffer samples;
    private final int length;
    private final float sampleRateHz;
    private final int frames;
    private final int chunkFrames;
    private int computed = -1;
    private PowerSpectrogram view;
    private double[] totals;
    private boolean[] active;

    /**
     * @param stft the framing
     * @param samples the clip at its working rate, from the buffer's position to its limit (not copied)
     * @param sampleRateHz that rate
     * @param chunkFrames frames per chunk, at least 1 (tests use small chunks; see {@link #framesPerChunk})
     */
    SpectrogramChunks(Stft stft, FloatBuffer samples, float sampleRateHz, int chunkFrames) {
        if (chunkFrames < 1) {
            throw new IllegalArgumentException("chunks need at least one frame, got " + chunkFrames);
        }
        this.stft = stft;
        this.samples = samples.duplicate();
        this.length = samples.remaining();
        this.sampleRateHz = sampleRateHz;
        this.frames = stft.frameCount(length);
        this.chunkFrames = chunkFrames;
    }

    /** The frames per chunk that keep a chunk's spectra within {@link #CHUNK_ELEMENTS}. */
    static int framesPerChunk(Stft stft) {
        return Math.max(1, CHUNK_ELEMENTS / stft.bins());
    }

    Stft stft() {
        return stft;
    }

    /** @return the clip's frame count, {@code 1 + samples/hop} */
    int frames() {
        return frames;
    }

    /** @return the clip's sample count */
    int samples() {
        return length;
    }

    int chunkFrames() {
        return chunkFrames;
    }

    /** @return the number of chunks, at least 1 */
    int chunks() {
        return (frames + chunkFrames - 1) / chunkFrames;
    }

    /** @return the clip frame that is frame 0 of chunk {@code c} */
    int first(int c) {
        return c * chunkFrames;
    }

    /** Keeps each frame's total power from now on; call before the first {@link #chunk}. */
    void trackTotals() {
        if (totals == null) {
            totals = Workspace.current().doubles(TOTALS, frames);
        }
    }

    /**
     * Chunk {@code c}'s spectrogram: computed now, or the one computed last if that was chunk {@code c}.
     *
     * @return a view valid until the next call
     */
    PowerSpectrogram chunk(int c) {
        if (c == computed) {
            return view;
        }
        Workspace ws = Workspace.current();
        int nFft = stft.nFft();
        int hop = stft.hop();
        int pad = nFft / 2;
        int first = first(c);
        int count = Math.min(chunkFrames, frames - first);
        // padded-signal samples [first*hop, (first+count-1)*hop + nFft): zeros outside the clip
        int from = first * hop;
        int span = (count - 1) * hop + nFft;
        float[] local = ws.floats(PADDED, span);
        int lo = Math.max(0, Math.min(span, pad - from)); // local index of clip sample 0, clamped
        int hi = Math.max(lo, Math.min(span, length + pad - from)); // ... of clip sample `length`
        java.util.Arrays.fill(local, 0, lo, 0f);
        if (hi > lo) {
            samples.get(samples.position() + from + lo - pad, local, lo, hi - lo);
        }
        java.util.Arrays.fill(local, hi, span, 0f);
        float[] power = ws.floats(POWER, count * stft.bins());
        stft.powerFrames(local, 0, count, power, 0);
        if (totals != null) {
            int bins = stft.bins();
            for (int t = 0; t < count; t++) {
                totals[first + t] = ActiveFrames.sum(power, t * bins, t * bins + bins);
            }
        }
        view = new PowerSpectrogram(power, count, stft.bins(), nFft, hop, sampleRateHz, local, length);
        computed = c;
        return view;
    }

    /** @return each frame's total power, for frames of the chunks computed so far; needs {@link #trackTotals} */
    double[] totals() {
        return totals;
    }

    /**
     * {@link ActiveFrames#of} for the whole clip, from the kept totals; call after every chunk's first
     * computation.
     */
    boolean[] activeFrames() {
        if (active == null) {
            active = ActiveFrames.fromTotals(totals, frames, stft.nFft());
        }
        return active;
    }
}
