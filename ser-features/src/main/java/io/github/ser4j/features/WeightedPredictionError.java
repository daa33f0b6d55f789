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
 * <p>The frame is {@link BlockStft}'s; the filter is estimated per block, each block holding its
 * {@code D+K-1} preceding frames as the prediction's history. With {@code taps == 0} or
 * {@code iterations == 0} nothing is filtered (the STFT round trip alone).
 *
 * <p>Thread-safety: immutable; {@link #apply} may be called from any number of threads (each call
 * allocates its own buffers).
 */
final class WeightedPredictionError extends BlockStft {

    /** Relative floor of the power weights, against the bin's mean power in the block (-40 dB): no division by digital silence. */
    static final double POWER_FLOOR = 1e-4;
    /** Diagonal loading of the correlation matrix, relative to its mean diagonal. */
    static final double LOADING = 1e-6;

    private final int delay;
    private final int taps;
    private final int iterations;

    /**
     * @param frame frame and FFT length, a power of two &gt;= 16
     * @param delay prediction delay in frames, &gt;= 1
     * @param taps prediction filter length in frames, &gt;= 0 (0: no filtering)
     * @param iterations weight/filter refinements, &gt;= 0 (0: no filtering)
     */
    WeightedPredictionError(int frame, int delay, int taps, int iterations) {
        super(frame);
        this.delay = delay;
        this.taps = taps;
        this.iterations = iterations;
    }

    @Override
    int history() {
        return taps > 0 && iterations > 0 ? delay + taps - 1 : 0;
    }

    @Override
    void filterBlock(double[][] re, double[][] im, int target, int count) {
        double[] dr = new double[count];
        double[] di = new double[count];
        double[] w = new double[count];
        for (int k = 0; k < re.length; k++) {
            filterBin(re[k], im[k], target, count, dr, di, w);
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
}
