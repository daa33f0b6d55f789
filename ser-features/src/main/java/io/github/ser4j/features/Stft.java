package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;

/**
 * Short-time Fourier analysis with librosa's defaults: periodic Hann window of {@code nFft} samples,
 * {@code center=True} with zero ("constant") padding of {@code nFft/2} on both sides, frame
 * {@code t} starting at padded sample {@code t*hop}, {@code 1 + n/hop} frames for {@code n} samples.
 *
 * <p>{@link #power} runs one real FFT per frame (batched: {@link #BATCH} frames per call, bit-identical to
 * one call per frame) and writes the power spectrum {@code |X[k]|^2} of
 * every frame into this thread's {@link Workspace}; every spectral feature reads that one
 * {@link PowerSpectrogram}. Values are rounded exactly as librosa does: the float64 FFT result is
 * rounded to complex64, its magnitude to float32, and the square taken in float32, so a feature
 * that follows librosa's float32 arithmetic gets bit-comparable inputs.
 *
 * <p>Thread-safety: immutable; {@link #power} may be called concurrently from any number of threads
 * (each uses its own workspace).
 */
final class Stft {

    /** The workspace slot holding the power spectrogram of the latest {@link #power} call. */
    static final Workspace.Slot SPECTROGRAM = new Workspace.Slot("stft.power");
    /** The workspace slot holding the zero-padded signal of the latest {@link #power} call. */
    static final Workspace.Slot PADDED = new Workspace.Slot("stft.padded");
    private static final Workspace.Slot RE = new Workspace.Slot("stft.re");
    private static final Workspace.Slot IM = new Workspace.Slot("stft.im");
    private static final Workspace.Slot POWER = new Workspace.Slot("stft.batchpower");

    /** Frames per batched FFT: long enough for the JIT's unrolled vector loops, short enough for L2. */
    static final int BATCH = 32;

    private final int nFft;
    private final int hop;
    private final double[] window;
    private final RealFft fft;

    /**
     * @param nFft frame and FFT length, a power of two &gt;= 16
     * @param hop hop between frames in samples, 1..nFft
     */
    Stft(int nFft, int hop) {
        if (nFft < 16 || Integer.bitCount(nFft) != 1) {
            throw new IllegalArgumentException("n_fft must be a power of two >= 16, got " + nFft);
        }
        if (hop < 1 || hop > nFft) {
            throw new IllegalArgumentException("hop must be between 1 and n_fft=" + nFft + ", got " + hop);
        }
        this.nFft = nFft;
        this.hop = hop;
        this.fft = new RealFft(nFft);
        this.window = periodicHann(nFft);
    }

    /** scipy.signal.get_window("hann", n, fftbins=True): the periodic Hann window of length {@code n}. */
    static double[] periodicHann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return w;
    }

    int nFft() {
        return nFft;
    }

    int hop() {
        return hop;
    }

    /** @return bins per frame, {@code nFft/2 + 1} */
    int bins() {
        return nFft / 2 + 1;
    }

    /**
     * @param samples signal length
     * @return the number of centred frames librosa produces, {@code 1 + samples/hop}
     */
    int frameCount(int samples) {
        return 1 + samples / hop;
    }

    /**
     * The power spectrogram of a clip at its own sample rate (no resampling here).
     *
     * @param clip the clip
     * @return a view into this thread's workspace, valid until the next call on this thread
     */
    PowerSpectrogram power(AudioClip clip) {
        Workspace ws = Workspace.current();
        int n = clip.length();
        int pad = nFft / 2;
        float[] padded = ws.floats(PADDED, n + 2 * pad);
        java.util.Arrays.fill(padded, 0, pad, 0f);
        clip.samplesView().get(padded, pad, n);
        java.util.Arrays.fill(padded, pad + n, n + 2 * pad, 0f);

        int frames = frameCount(n);
        float[] power = ws.floats(SPECTROGRAM, frames * bins());
        powerFrames(padded, 0, frames, power, 0);
        return new PowerSpectrogram(power, frames, bins(), nFft, hop, clip.sampleRateHz(), padded, n);
    }

    /**
     * The power spectra of {@code count} frames of {@code x}, frame {@code f} being the {@code nFft}
     * samples from {@code x[first + f * hop]}, written to {@code out} from frame {@code outFrame} on
     * ({@code bins()} values per frame). A frame's power depends only on its samples, so frames
     * computed here one at a time or many at once are bit-identical to those of {@link #power}.
     */
    void powerFrames(float[] x, int first, int count, float[] out, int outFrame) {
        Workspace ws = Workspace.current();
        int bins = bins();
        double[][] re = ws.rows(RE, bins, BATCH);
        double[][] im = ws.rows(IM, bins, BATCH);
        double[][] pw = ws.rows(POWER, BINS_PER_BLOCK, BATCH);
        for (int t0 = 0; t0 < count; t0 += BATCH) {
            int batch = Math.min(BATCH, count - t0);
            fft.forwardWindowedBatch(x, first + t0 * hop, hop, batch, window, re, im);
            // numpy: complex64 result, np.abs -> float32 hypot, then **2 in float32. Java 17 does not
            // vectorise double-float conversions, so the float roundings are done in double arithmetic
            // (toFloat, exact where the result is a normal float) in a loop the JIT vectorises; the rare
            // values near float underflow (below 2^-100, e.g. silence) take the conversions themselves.
            // A block of bins at a time, so each frame's values are written a cache line at a time (frames
            // 1025 floats apart all map to the same few cache sets).
            for (int k0 = 0; k0 < bins; k0 += BINS_PER_BLOCK) {
                int kn = Math.min(BINS_PER_BLOCK, bins - k0);
                for (int kk = 0; kk < kn; kk++) {
                    double[] rk = re[k0 + kk];
                    double[] ik = im[k0 + kk];
                    double[] pk = pw[kk];
                    for (int f = 0; f < batch; f++) {
                        double r = toFloat(rk[f]);
                        double m = toFloat(ik[f]);
                        double mag = toFloat(Math.sqrt(r * r + m * m));
                        pk[f] = toFloat(mag * mag);
                    }
                }
                for (int f = 0; f < batch; f++) {
                    int o = (outFrame + t0 + f) * bins + k0;
                    for (int kk = 0; kk < kn; kk++) {
                        double p = pw[kk][f];
                        out[o + kk] = p >= EMULATED_FROM ? (float) p : power(re[k0 + kk][f], im[k0 + kk][f]);
                    }
                }
            }
        }
    }

    /** Bins per block of {@link #powerFrames}' output: 16 floats, one cache line. */
    private static final int BINS_PER_BLOCK = 16;

    /** Below this the double-arithmetic roundings of {@link #powerFrames} may differ from float's (subnormals). */
    static final double EMULATED_FROM = 0x1p-100;

    /**
     * {@code (float) x} for {@code x} whose rounding is a normal float ({@code 2^-126 <= |x| < 2^127}) or zero,
     * in double arithmetic: Veltkamp's splitting with {@code 2^29 + 1} rounds a double to its nearest 24-bit
     * significand, ties to even (StftTest checks it against the cast on random values and on ties). Outside
     * that range it can differ: below it (float subnormals) {@link #powerFrames} never keeps such a value;
     * above it the result is at least {@code 2^128} exactly when the cast is infinite, so the final cast of
     * the power is infinite too, as float arithmetic would give (spectra of finite float samples stay far
     * below {@code 2^994}, where {@code x * (2^29 + 1)} would overflow).
     */
    static double toFloat(double x) {
        double c = x * SPLITTER;
        return c - (c - x);
    }

    private static final double SPLITTER = 0x1p29 + 1;

    /** librosa's power of one bin, float for float: {@code |complex64(re, im)|^2} in float32. */
    static float power(double re, double im) {
        double r = (float) re;
        double m = (float) im;
        float mag = (float) Math.sqrt(r * r + m * m);
        return mag * mag;
    }
}
