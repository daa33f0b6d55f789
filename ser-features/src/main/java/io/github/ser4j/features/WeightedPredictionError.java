package io.github.ser4j.features;

/**
 * Single-channel weighted prediction error (WPE) dereverberation in the STFT domain (Nakatani et al.,
 * "Speech dereverberation based on variance-normalized delayed linear prediction", IEEE TASLP 2010;
 * Yoshioka and Nakatani 2012): in each frequency bin the late reverberation of frame {@code t} is
 * predicted from frames {@code t-D ... t-D-K+1} by a K-tap complex filter and subtracted; the filter
 * minimises the prediction error weighted by the inverse power of the current dry-speech estimate, and
 * the estimate and the filter are refined over a few iterations. The delay {@code D} keeps the direct
 * sound and the early reflections (which the prediction cannot separate from the speech itself) and
 * removes the tail.
 *
 * <p>Analysis and synthesis use the square root of a periodic Hann window ({@code frame} samples, hop
 * {@code frame/4}), the frames cover every sample of the input fully, and the overlap-add is divided
 * by the exact window-product envelope: with the filter disabled ({@code taps == 0} or
 * {@code iterations == 0}) the round trip returns the input to float precision (the transforms are
 * double precision, {@link RealFft}; the inverse is the same real FFT through the Hartley identity).
 *
 * <p>Memory is bounded whatever the clip's length: the filter is estimated and applied over blocks of
 * {@value #BLOCK_FRAMES} frames (about 4 s at 16 kHz; a remainder shorter than half a block joins the last
 * block), each block holding its {@code D+K-1} preceding frames as the prediction's history.
 *
 * <p>Thread-safety: immutable; {@link #apply} may be called from any number of threads (each call
 * allocates its own buffers).
 */
final class WeightedPredictionError {

    /** Frames per filter estimate: long enough for a stable K×K estimate, short enough to bound memory. */
    static final int BLOCK_FRAMES = 512;
    /** Relative floor of the power weights, against the bin's mean power in the block (-40 dB): no division by digital silence. */
    static final double POWER_FLOOR = 1e-4;
    /** Diagonal loading of the correlation matrix, relative to its mean diagonal. */
    static final double LOADING = 1e-6;

    private final int frame;
    private final int hop;
    private final int delay;
    private final int taps;
    private final int iterations;
    private final RealFft fft;
    private final double[] window;
    /** Sum over the overlapping frames of analysis × synthesis window, by sample position modulo the hop. */
    private final double[] envelope;

    /**
     * @param frame frame and FFT length, a power of two &gt;= 16
     * @param delay prediction delay in frames, &gt;= 1
     * @param taps prediction filter length in frames, &gt;= 0 (0: no filtering)
     * @param iterations weight/filter refinements, &gt;= 0 (0: no filtering)
     */
    WeightedPredictionError(int frame, int delay, int taps, int iterations) {
        this.frame = frame;
        this.hop = frame / 4;
        this.delay = delay;
        this.taps = taps;
        this.iterations = iterations;
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

    /**
     * The dereverberated samples {@code [from, to)} of {@code x}.
     *
     * @param x the signal (read only)
     * @param from first sample
     * @param to one past the last sample
     * @return {@code to - from} samples
     */
    float[] apply(java.nio.FloatBuffer x, int from, int to) {
        int n = to - from;
        int lead = frame - hop; // zeros before the first sample, so that it is covered by frame/hop frames
        int frames = (lead + n - 1) / hop + 1;
        float[] padded = new float[(frames - 1) * hop + frame];
        for (int i = 0; i < n; i++) {
            padded[lead + i] = x.get(from + i);
        }
        double[] out = new double[padded.length];
        int history = taps > 0 && iterations > 0 ? delay + taps - 1 : 0;
        int bins = frame / 2 + 1;
        int maxBlock = Math.min(frames, BLOCK_FRAMES + BLOCK_FRAMES / 2) + history; // a short clip allocates its own length
        double[][] re = new double[bins][maxBlock];
        double[][] im = new double[bins][maxBlock];
        double[][] batchRe = new double[bins][Stft.BATCH];
        double[][] batchIm = new double[bins][Stft.BATCH];
        double[] dr = new double[maxBlock];
        double[] di = new double[maxBlock];
        double[] weight = new double[maxBlock];
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
                for (int k = 0; k < bins; k++) {
                    filterBin(re[k], im[k], history, count, dr, di, weight);
                }
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

    /**
     * WPE in one bin: frames {@code [target, count)} of {@code (yr, yi)} are replaced by their prediction
     * error, frames before {@code target} are history only.
     */
    void filterBin(double[] yr, double[] yi, int target, int count, double[] dr, double[] di, double[] w) {
        double mean = 0;
        for (int t = target; t < count; t++) {
            mean += yr[t] * yr[t] + yi[t] * yi[t];
        }
        mean /= count - target;
        if (!(mean > 0)) {
            return; // a silent bin: nothing to predict
        }
        double floor = POWER_FLOOR * mean;
        int k = taps;
        int d = delay;
        double[] rr = new double[k * k];
        double[] ri = new double[k * k];
        double[] pr = new double[k];
        double[] pi = new double[k];
        double[] gr = new double[k];
        double[] gi = new double[k];
        System.arraycopy(yr, 0, dr, 0, count);
        System.arraycopy(yi, 0, di, 0, count);
        for (int it = 0; it < iterations; it++) {
            for (int t = target; t < count; t++) {
                w[t] = 1 / Math.max(floor, dr[t] * dr[t] + di[t] * di[t]);
            }
            // R[a][b] = sum_t w_t y_{t-D-a} conj(y_{t-D-b}) (upper triangle), p[a] = sum_t w_t y_{t-D-a} conj(y_t);
            // the frames before target hold the history (zeros before the clip), so every index is >= 0.
            // Two sums per pass over t: independent chains the CPU overlaps (the JIT does not vectorise reductions).
            for (int a = 0; a < k; a++) {
                int oa = d + a;
                for (int b = a; b <= k; b += 2) {
                    // column b == k stands for p (lag 0: y_t itself); b + 1 may be k as well
                    int ob = b == k ? 0 : d + b;
                    boolean two = b + 1 <= k;
                    int oc = !two ? 0 : b + 1 == k ? 0 : d + b + 1;
                    double sr = 0;
                    double si = 0;
                    double cr = 0;
                    double ci = 0;
                    for (int t = target; t < count; t++) {
                        double wt = w[t];
                        double ar = wt * yr[t - oa];
                        double ai = wt * yi[t - oa];
                        double br = yr[t - ob];
                        double bi = yi[t - ob];
                        double xr = yr[t - oc];
                        double xi = yi[t - oc];
                        sr += ar * br + ai * bi;
                        si += ai * br - ar * bi;
                        cr += ar * xr + ai * xi;
                        ci += ai * xr - ar * xi;
                    }
                    store(a, b, k, sr, si, rr, ri, pr, pi);
                    if (two) {
                        store(a, b + 1, k, cr, ci, rr, ri, pr, pi);
                    }
                }
            }
            if (!HermitianSolve.solve(rr, ri, k, pr, pi, gr, gi, LOADING)) {
                return; // no history with energy: leave the bin as it is
            }
            // d_t = y_t - sum_a conj(g_a) y_{t-D-a}
            for (int t = target; t < count; t++) {
                double sr = yr[t];
                double si = yi[t];
                for (int a = 0; a < k; a++) {
                    int s = t - d - a;
                    sr -= gr[a] * yr[s] + gi[a] * yi[s];
                    si -= gr[a] * yi[s] - gi[a] * yr[s];
                }
                dr[t] = sr;
                di[t] = si;
            }
        }
        System.arraycopy(dr, target, yr, target, count - target);
        System.arraycopy(di, target, yi, target, count - target);
    }

    private static void store(int a, int b, int k, double sr, double si, double[] rr, double[] ri, double[] pr, double[] pi) {
        if (b == k) {
            pr[a] = sr;
            pi[a] = si;
        } else {
            rr[a * k + b] = sr;
            ri[a * k + b] = si;
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
