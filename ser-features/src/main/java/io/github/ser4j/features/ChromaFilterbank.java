package io.github.ser4j.features;

/**
 * librosa's {@code filters.chroma(sr, n_fft, tuning, n_chroma=12, ctroct=5, octwidth=2, norm=2,
 * base_c=True)}: Gaussian bumps around each pitch class for every FFT bin, L2-normalised per bin,
 * weighted by a Gaussian over octaves centred at octave 5, rows starting at C, rounded to float32.
 *
 * <p>Weights far below the largest weight of their bin (below {@code 1e-9} times the bin's
 * octave weight) are dropped, so each bin keeps a short circular run of pitch classes; the
 * resulting chroma error is below {@code 144e-9} of the frame maximum (each dropped term is at most
 * {@code 1e-9 * oct_k * S_k}, while the frame maximum is at least {@code sum_k oct_k S_k / 12}).
 *
 * <p>Thread-safety: immutable.
 */
final class ChromaFilterbank {

    static final int N_CHROMA = 12;
    private static final double DROP = 1e-9;

    private final int bins;
    /** Kept weights, class after class, interval after interval. */
    private final double[] weights;
    /** Intervals of class c are {@code classFirst[c] .. classFirst[c+1]}. */
    private final int[] classFirst;
    private final int[] intervalFromBin;
    private final int[] intervalToBin;
    private final int[] intervalWeight;

    ChromaFilterbank(double sampleRateHz, int nFft, double tuning) {
        int n = nFft;
        bins = n / 2 + 1;
        double[] frqbins = new double[n];
        double a440 = 440.0 * Math.pow(2.0, tuning / N_CHROMA);
        for (int k = 1; k < n; k++) {
            // np.linspace(0, sr, n_fft, endpoint=False)[1:]
            double f = k * (sampleRateHz / n);
            frqbins[k] = N_CHROMA * log2(f / (a440 / 16));
        }
        frqbins[0] = frqbins[1] - 1.5 * N_CHROMA;
        double[] width = new double[n];
        for (int k = 0; k < n - 1; k++) {
            width[k] = Math.max(frqbins[k + 1] - frqbins[k], 1.0);
        }
        width[n - 1] = 1;
        double half = Math.rint(N_CHROMA / 2.0);
        double[][] w = new double[N_CHROMA][bins];
        for (int k = 0; k < bins; k++) {
            double norm = 0;
            for (int c = 0; c < N_CHROMA; c++) {
                double d = frqbins[k] - c + half + 10 * N_CHROMA;
                d = d % N_CHROMA;
                if (d < 0) {
                    d += N_CHROMA;
                }
                d -= half;
                double x = 2 * d / width[k];
                w[c][k] = Math.exp(-0.5 * x * x);
                norm += w[c][k] * w[c][k];
            }
            norm = Math.sqrt(norm);
            double oct = (frqbins[k] / N_CHROMA - 5.0) / 2.0;
            double octWeight = Math.exp(-0.5 * oct * oct);
            for (int c = 0; c < N_CHROMA; c++) {
                w[c][k] = (norm < Double.MIN_NORMAL ? w[c][k] : w[c][k] / norm) * octWeight;
            }
        }
        // base_c: np.roll(wts, -3, axis=0) makes row r hold the old row r + 3.
        float[][] rolled = new float[N_CHROMA][bins];
        for (int r = 0; r < N_CHROMA; r++) {
            for (int k = 0; k < bins; k++) {
                rolled[r][k] = (float) w[(r + 3) % N_CHROMA][k];
            }
        }
        int[] firstClass = new int[bins];
        int[] runLength = new int[bins];
        for (int k = 0; k < bins; k++) {
            double max = 0;
            for (int c = 0; c < N_CHROMA; c++) {
                max = Math.max(max, rolled[c][k]);
            }
            double limit = max * DROP;
            // The kept classes form one circular run around the peak; find it.
            int peak = 0;
            for (int c = 1; c < N_CHROMA; c++) {
                if (rolled[c][k] > rolled[peak][k]) {
                    peak = c;
                }
            }
            int lo = 0;
            while (lo < N_CHROMA / 2 && rolled[Math.floorMod(peak - lo - 1, N_CHROMA)][k] >= limit) {
                lo++;
            }
            int hi = 0;
            while (hi < N_CHROMA - 1 - lo && rolled[(peak + hi + 1) % N_CHROMA][k] >= limit) {
                hi++;
            }
            int first = Math.floorMod(peak - lo, N_CHROMA);
            int len = lo + hi + 1;
            firstClass[k] = first;
            runLength[k] = len;
        }
        // Regroup per pitch class: the bins a class keeps form a few intervals (one per octave),
        // so each class becomes a handful of contiguous dot products.
        float[] w32 = new float[bins * N_CHROMA];
        int[] from = new int[bins * N_CHROMA];
        int[] to = new int[bins * N_CHROMA];
        int[] at = new int[bins * N_CHROMA];
        classFirst = new int[N_CHROMA + 1];
        int used = 0;
        int intervals = 0;
        for (int c = 0; c < N_CHROMA; c++) {
            classFirst[c] = intervals;
            int k = 0;
            while (k < bins) {
                if (Math.floorMod(c - firstClass[k], N_CHROMA) >= runLength[k]) {
                    k++;
                    continue;
                }
                from[intervals] = k;
                at[intervals] = used;
                while (k < bins && Math.floorMod(c - firstClass[k], N_CHROMA) < runLength[k]) {
                    w32[used++] = rolled[c][k];
                    k++;
                }
                to[intervals] = k;
                intervals++;
            }
        }
        classFirst[N_CHROMA] = intervals;
        weights = new double[used];
        for (int i = 0; i < used; i++) {
            weights[i] = w32[i]; // librosa's float32 values, held as double: one conversion less per term
        }
        intervalFromBin = java.util.Arrays.copyOf(from, intervals);
        intervalToBin = java.util.Arrays.copyOf(to, intervals);
        intervalWeight = java.util.Arrays.copyOf(at, intervals);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * Raw (unnormalised) chroma of one frame: {@code out[c] = sum_k w[c][k] * power[offset + k]}.
     *
     * @param power power spectrum
     * @param offset index of bin 0
     * @param out receives 12 values
     */
    void apply(float[] power, int offset, double[] out) {
        for (int c = 0; c < N_CHROMA; c++) {
            // four partial sums break the floating-point add dependency chain
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int iv = classFirst[c]; iv < classFirst[c + 1]; iv++) {
                int k = offset + intervalFromBin[iv];
                int end = offset + intervalToBin[iv];
                int w = intervalWeight[iv] - k;
                for (; k + 3 < end; k += 4) {
                    s0 += weights[w + k] * (double) power[k];
                    s1 += weights[w + k + 1] * (double) power[k + 1];
                    s2 += weights[w + k + 2] * (double) power[k + 2];
                    s3 += weights[w + k + 3] * (double) power[k + 3];
                }
                for (; k < end; k++) {
                    s0 += weights[w + k] * (double) power[k];
                }
            }
            out[c] = (s0 + s1) + (s2 + s3);
        }
    }

    /**
     * {@link #apply} of four frames at once, frame {@code i} at {@code power[offset[i]..]} going to
     * {@code out[12 i .. 12 i + 12)}: each weight is loaded once for the four frames and sixteen sums run
     * side by side; every frame's four partial sums take the same terms in the same order as {@link #apply},
     * so the values are bit-identical to it.
     */
    void apply4(float[] power, int o0, int o1, int o2, int o3, double[] out) {
        for (int c = 0; c < N_CHROMA; c++) {
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            double b0 = 0, b1 = 0, b2 = 0, b3 = 0;
            double c0 = 0, c1 = 0, c2 = 0, c3 = 0;
            double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
            for (int iv = classFirst[c]; iv < classFirst[c + 1]; iv++) {
                int k = intervalFromBin[iv];
                int end = intervalToBin[iv];
                int w = intervalWeight[iv] - k;
                for (; k + 3 < end; k += 4) {
                    double w0 = weights[w + k];
                    double w1 = weights[w + k + 1];
                    double w2 = weights[w + k + 2];
                    double w3 = weights[w + k + 3];
                    a0 += w0 * (double) power[o0 + k];
                    a1 += w1 * (double) power[o0 + k + 1];
                    a2 += w2 * (double) power[o0 + k + 2];
                    a3 += w3 * (double) power[o0 + k + 3];
                    b0 += w0 * (double) power[o1 + k];
                    b1 += w1 * (double) power[o1 + k + 1];
                    b2 += w2 * (double) power[o1 + k + 2];
                    b3 += w3 * (double) power[o1 + k + 3];
                    c0 += w0 * (double) power[o2 + k];
                    c1 += w1 * (double) power[o2 + k + 1];
                    c2 += w2 * (double) power[o2 + k + 2];
                    c3 += w3 * (double) power[o2 + k + 3];
                    d0 += w0 * (double) power[o3 + k];
                    d1 += w1 * (double) power[o3 + k + 1];
                    d2 += w2 * (double) power[o3 + k + 2];
                    d3 += w3 * (double) power[o3 + k + 3];
                }
                for (; k < end; k++) {
                    double w0 = weights[w + k];
                    a0 += w0 * (double) power[o0 + k];
                    b0 += w0 * (double) power[o1 + k];
                    c0 += w0 * (double) power[o2 + k];
                    d0 += w0 * (double) power[o3 + k];
                }
            }
            out[c] = (a0 + a1) + (a2 + a3);
            out[N_CHROMA + c] = (b0 + b1) + (b2 + b3);
            out[2 * N_CHROMA + c] = (c0 + c1) + (c2 + c3);
            out[3 * N_CHROMA + c] = (d0 + d1) + (d2 + d3);
        }
    }

    /** @return the average number of pitch classes kept per bin */
    double meanClassesPerBin() {
        return weights.length / (double) bins;
    }
}
