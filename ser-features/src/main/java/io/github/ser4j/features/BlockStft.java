package io.github.ser4j.features;

/**
 * The STFT frame of the dereverberation front ends ({@link WeightedPredictionError},
 * {@link LateReverbSubtraction}): analysis and synthesis with the square root of a periodic Hann window
 * ({@code frame} samples, hop {@code frame/4}); the frames cover every sample of the input fully, and the
 * overlap-add is divided by the exact window-product envelope, so with no filtering
 * ({@link #history()} 0) the round trip returns the input to float precision (the transforms are double
 * precision, {@link RealFft}; the inverse is the same real FFT through the Hartley identity).
 *
 * <p>Memory is bounded whatever the clip's length: a subclass filters blocks of {@value #BLOCK_FRAMES}
 * frames (about 4 s at 16 kHz; a remainder shorter than half a block joins the last block), each block
 * preceded by its {@link #history()} frames (zero before the clip).
 *
 * <p>Thread-safety: immutable; {@link #apply} may be called from any number of threads (each call
 * allocates its own buffers).
 */
abstract class BlockStft {

    /** Frames per block: long enough for a stable per-bin estimate, short enough to bound memory. */
    static final int BLOCK_FRAMES = 512;

    final int frame;
    final int hop;
    private final RealFft fft;
    private final double[] window;
    /** Sum over the overlapping frames of analysis × synthesis window, by sample position modulo the hop. */
    private final double[] envelope;

    /** @param frame frame and FFT length, a power of two &gt;= 16 */
    BlockStft(int frame) {
        this.frame = frame;
        this.hop = frame / 4;
        this.fft = new RealFft(frame);
        this.window = new double[frame];
        for (int i = 0; i < frame; i++) {
            window[i] = Math.sqrt(0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame));
        }
        this.envelope = new double[hop];
        for (int j = 0; j < frame; j++) {
            envelope[j % hop] += window[j] * window[j];
        }
    }

    /** @return frames before each block that {@link #filterBlock} reads as the past; 0: no filtering at all */
    abstract int history();

    /**
     * Filters one block in place: frames {@code [target, count)} of every bin {@code k} ({@code re[k][t]},
     * {@code im[k][t]}) are replaced, frames before {@code target} are the past only.
     */
    abstract void filterBlock(double[][] re, double[][] im, int target, int count);

    /**
     * The dereverberated samples {@code [from, to)} of {@code x}.
     *
     * @param x the signal (read only)
     * @param from first sample
     * @param to one past the last sample
     * @return {@code to - from} samples
     */
    final float[] apply(java.nio.FloatBuffer x, int from, int to) {
        int n = to - from;
        int lead = frame - hop; // zeros before the first sample, so that it is covered by frame/hop frames
        int frames = (lead + n - 1) / hop + 1;
        float[] padded = new float[(frames - 1) * hop + frame];
        for (int i = 0; i < n; i++) {
            padded[lead + i] = x.get(from + i);
        }
        double[] out = new double[padded.length];
        int history = history();
        int bins = frame / 2 + 1;
        int maxBlock = Math.min(frames, BLOCK_FRAMES + BLOCK_FRAMES / 2) + history; // a short clip allocates its own length
        double[][] re = new double[bins][maxBlock];
        double[][] im = new double[bins][maxBlock];
        double[][] batchRe = new double[bins][Stft.BATCH];
        double[][] batchIm = new double[bins][Stft.BATCH];
        double[] h = new double[frame];
        double[] hr = new double[bins];
        double[] hi = new double[bins];
        for (int start = 0; start < frames;) {
            int end = frames - start < BLOCK_FRAMES + BLOCK_FRAMES / 2 ? frames : start + BLOCK_FRAMES;
            int first = start - history; // frames before frame 0 are zero (the arrays start zeroed)
            int count = end - first;
            int skip = Math.max(0, -first);
            analyse(padded, first + skip, count - skip, skip, re, im, batchRe, batchIm);
            if (history > 0) {
                filterBlock(re, im, history, count);
            }
            for (int t = start; t < end; t++) {
                synthesise(re, im, t - first, h, hr, hi, out, t * hop);
            }
            start = end;
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int p = lead + i;
            y[i] = (float) (out[p] / envelope[p % hop]);
        }
        return y;
    }

    /** STFT frames {@code first .. first+count-1} of the padded signal into {@code re[k][at + f]}, {@code im[k][at + f]}. */
    private void analyse(float[] padded, int first, int count, int at, double[][] re, double[][] im, double[][] br, double[][] bi) {
        int bins = re.length;
        for (int f = 0; f < count; f += Stft.BATCH) {
            int c = Math.min(Stft.BATCH, count - f);
            fft.forwardWindowedBatch(padded, (first + f) * hop, hop, c, window, br, bi);
            for (int k = 0; k < bins; k++) {
                System.arraycopy(br[k], 0, re[k], at + f, c);
                System.arraycopy(bi[k], 0, im[k], at + f, c);
            }
        }
    }

    /** Inverse FFT of frame {@code f} (bins {@code re[k][f]}), windowed and added into {@code out} at {@code at}. */
    private void synthesise(double[][] re, double[][] im, int f, double[] h, double[] hr, double[] hi, double[] out, int at) {
        int n = frame;
        int half = n / 2;
        // Hartley identity: for a Hermitian spectrum X, x = (Re H - Im H)/n with H the real FFT of Re X - Im X
        // (Re X even, Im X odd), so one forward real FFT inverts it
        h[0] = re[0][f] - im[0][f];
        h[half] = re[half][f] - im[half][f];
        for (int k = 1; k < half; k++) {
            h[k] = re[k][f] - im[k][f];
            h[n - k] = re[k][f] + im[k][f];
        }
        fft.forward(h, hr, hi);
        double scale = 1.0 / n;
        out[at] += window[0] * (hr[0] - hi[0]) * scale;
        out[at + half] += window[half] * (hr[half] - hi[half]) * scale;
        for (int j = 1; j < half; j++) {
            out[at + j] += window[j] * (hr[j] - hi[j]) * scale;
            out[at + n - j] += window[n - j] * (hr[j] + hi[j]) * scale;
        }
    }
}
