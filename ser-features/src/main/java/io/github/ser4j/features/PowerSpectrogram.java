package io.github.ser4j.features;

/**
 * The power spectrogram of one clip, as computed by {@link Stft#power}, plus the zero-padded signal
 * it came from; a read-only view into the calling thread's {@link Workspace}.
 *
 * <p>How a feature reads frame {@code t}: the power of bin {@code k} (frequency
 * {@code k * sampleRate / nFft} Hz, {@code k = 0..bins-1}) is {@code data()[offset(t) + k]}. The
 * frame's time-domain samples (unwindowed, centred as librosa does: {@code nFft} samples starting at
 * original sample {@code t*hop - nFft/2}, zeros outside the clip) are
 * {@code padded()[t*hop .. t*hop + nFft)}. Never write into either array.
 *
 * <p>Thread-safety: confined to the thread that created it; valid only until that thread's next
 * {@link Stft#power} call.
 */
final class PowerSpectrogram {

    private final float[] data;
    private final int frames;
    private final int bins;
    private final int nFft;
    private final int hop;
    private final float sampleRateHz;
    private final float[] padded;
    private final int samples;
    /** Frames {@code keptFrom..keptTo} are kept stream frames {@code firstKey + t} (see {@link #key}). */
    private int keptFrom;
    private int keptTo = -1;
    private long firstKey;
    /** Each frame's total power if a stream kept them, else null. */
    private double[] frameTotals;
    /** {@link ActiveFrames#of}'s result, computed on first use. */
    private boolean[] activeFrames;

    PowerSpectrogram(float[] data, int frames, int bins, int nFft, int hop, float sampleRateHz,
            float[] padded, int samples) {
        this.data = data;
        this.frames = frames;
        this.bins = bins;
        this.nFft = nFft;
        this.hop = hop;
        this.sampleRateHz = sampleRateHz;
        this.padded = padded;
        this.samples = samples;
    }

    /** @return row-major power values, frame after frame; may be longer than {@code frames*bins} */
    float[] data() {
        return data;
    }

    /** @return the index in {@link #data()} of bin 0 of frame {@code t} */
    int offset(int t) {
        return t * bins;
    }

    int frames() {
        return frames;
    }

    int bins() {
        return bins;
    }

    int nFft() {
        return nFft;
    }

    int hop() {
        return hop;
    }

    float sampleRateHz() {
        return sampleRateHz;
    }

    /** @return the centre frequency of bin {@code k} in Hz (librosa {@code fft_frequencies}) */
    double binHz(int k) {
        return k * (double) sampleRateHz / nFft;
    }

    /**
     * @return the signal with {@code nFft/2} zeros on each side; sample {@code i} of the clip is at
     *     {@code nFft/2 + i}; may be longer than {@code samples + nFft}
     */
    float[] padded() {
        return padded;
    }

    /** @return the number of samples of the clip (without padding) */
    int samples() {
        return samples;
    }

    /** @return the flags {@link ActiveFrames#of} stored, or null before its first call */
    boolean[] activeFrames() {
        return activeFrames;
    }

    void setActiveFrames(boolean[] flags) {
        this.activeFrames = flags;
    }

    /**
     * Marks frames {@code from..to} as the stream's grid frames {@code g0 + from .. g0 + to}, whose
     * per-frame values a {@link FrameMemo} may keep (set by {@link StreamingSpectrogram}).
     */
    void setKept(int from, int to, long g0) {
        this.keptFrom = from;
        this.keptTo = to;
        this.firstKey = g0;
    }

    /**
     * @return the stream grid frame that frame {@code t} is (its samples are the same in every span
     *     holding it), or -1 for a frame of a clip, an edge frame or a frame off the grid
     */
    long key(int t) {
        return t >= keptFrom && t <= keptTo ? firstKey + t : -1;
    }

    /** Hands over each frame's total power, {@link ActiveFrames#sum} of its bins (a stream keeps them). */
    void setFrameTotals(double[] totals) {
        this.frameTotals = totals;
    }

    /** @return each frame's total power as {@link #setFrameTotals} set it, or null */
    double[] frameTotals() {
        return frameTotals;
    }
}
