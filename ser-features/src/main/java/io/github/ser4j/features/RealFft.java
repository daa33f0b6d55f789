package io.github.ser4j.features;

/**
 * Double-precision forward FFT of a real sequence of power-of-two length {@code n}, computed as one
 * complex FFT of length {@code n/2} plus a split step. Own implementation rather than TarsosDSP's
 * {@code FloatFFT}: that one works in single precision, and librosa parity needs the float64
 * spectrum that numpy computes before it rounds to complex64.
 *
 * <p>Thread-safety: immutable (precomputed tables only); the caller passes its own output arrays and
 * batched transforms take their scratch rows from the calling thread's {@link Workspace}, so one
 * instance serves any number of threads.
 */
final class RealFft {

    private final int n;
    private final int half;
    private final int[] bitReverse;
    /** cos/sin of 2*pi*k/half for the complex FFT of length half, k &lt; half/2. */
    private final double[] cos;
    private final double[] sin;
    /**
     * Twiddles of each radix-4 pass after the first, in pass order: for pass span {@code s} and
     * {@code j < s}, six values: {@code W^j, W^2j, W^3j} (real, imaginary) with
     * {@code W = exp(-2 pi i / 4s)}, laid out contiguously so the inner loop reads them sequentially.
     */
    private final double[] passTwiddles;
    /** cos/sin of 2*pi*k/n for the real split step, k &lt;= half. */
    private final double[] splitCos;
    private final double[] splitSin;

    RealFft(int n) {
        if (n < 4 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two >= 4, got " + n);
        }
        this.n = n;
        this.half = n / 2;
        int bits = Integer.numberOfTrailingZeros(half);
        bitReverse = new int[half];
        for (int i = 0; i < half; i++) {
            bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        cos = new double[Math.max(1, half / 2)];
        sin = new double[cos.length];
        for (int k = 0; k < half / 2; k++) {
            double a = 2 * Math.PI * k / half;
            cos[k] = Math.cos(a);
            sin[k] = Math.sin(a);
        }
        int total = 0;
        for (int span = 4; span * 4 <= half; span *= 4) {
            total += 6 * span;
        }
        passTwiddles = new double[total];
        int at = 0;
        for (int span = 4; span * 4 <= half; span *= 4) {
            for (int j = 0; j < span; j++) {
                for (int power = 1; power <= 3; power++) {
                    double a = 2 * Math.PI * power * j / (4 * span);
                    passTwiddles[at++] = Math.cos(a);
                    passTwiddles[at++] = -Math.sin(a);
                }
            }
        }
        splitCos = new double[half + 1];
        splitSin = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            double a = 2 * Math.PI * k / n;
            splitCos[k] = Math.cos(a);
            splitSin[k] = Math.sin(a);
        }
    }

    /** @return the transform length */
    int size() {
        return n;
    }

    /** @return the number of non-negative frequency bins, {@code n/2 + 1} */
    int bins() {
        return half + 1;
    }

    /**
     * Forward transform {@code X[k] = sum x[j] exp(-2 pi i j k / n)} for {@code k = 0..n/2}.
     *
     * @param x input of length &gt;= n (read only)
     * @param re output real parts, length &gt;= n/2 + 1
     * @param im output imaginary parts, length &gt;= n/2 + 1
     */
    void forward(double[] x, double[] re, double[] im) {
        int h = half;
        // Pack even samples as real, odd as imaginary parts, in bit-reversed order.
        for (int j = 0; j < h; j++) {
            int r = bitReverse[j];
            re[r] = x[2 * j];
            im[r] = x[2 * j + 1];
        }
        transformPacked(re, im);
    }

    /**
     * Forward transform of {@code window[j] * x[offset + j]}, {@code j = 0..n-1}, windowing while
     * packing so the windowed frame is never stored.
     *
     * @param x signal (read only)
     * @param offset index of the frame's first sample in {@code x}
     * @param window window of length n
     * @param re output real parts, length &gt;= n/2 + 1
     * @param im output imaginary parts, length &gt;= n/2 + 1
     */
    void forwardWindowed(float[] x, int offset, double[] window, double[] re, double[] im) {
        int h = half;
        for (int j = 0; j < h; j++) {
            int r = bitReverse[j];
            re[r] = window[2 * j] * x[offset + 2 * j];
            im[r] = window[2 * j + 1] * x[offset + 2 * j + 1];
        }
        transformPacked(re, im);
    }

    /**
     * {@link #forwardWindowed} of {@code count} frames at once, frame {@code f} starting at
     * {@code x[offset + f * stride]}. Bin {@code k} of frame {@code f} goes to {@code re[k][f]},
     * {@code im[k][f]}: with the frame index innermost every butterfly is a loop over frames that the
     * JIT vectorises, and each row is its own array so the loops need no aliasing checks. The
     * arithmetic per frame is the same, in the same order, as {@link #forwardWindowed}, so the
     * results are bit-identical to it.
     *
     * @param x signal (read only)
     * @param offset index of the first frame's first sample in {@code x}
     * @param stride samples between the starts of consecutive frames
     * @param count number of frames, at most the length of every row
     * @param window window of length n
     * @param re output real parts: at least n/2 + 1 rows of at least {@code count} values
     * @param im output imaginary parts, shaped like {@code re}
     */
    void forwardWindowedBatch(float[] x, int offset, int stride, int count, double[] window, double[][] re,
            double[][] im) {
        int h = half;
        if (h < 4) {
            for (int j = 0; j < h; j++) {
                int r = bitReverse[j];
                for (int f = 0, o = offset + 2 * j; f < count; f++, o += stride) {
                    re[r][f] = window[2 * j] * x[o];
                    im[r][f] = window[2 * j + 1] * x[o + 1];
                }
            }
        } else {
            firstPassBatch(x, offset, stride, count, window, re, im);
        }
        complexBatch(re, im, count);
        splitBatch(re, im, count);
    }

    /** {@link #transformPacked}'s split step on batched rows. */
    private void splitBatch(double[][] re, double[][] im, int count) {
        int h = half;
        double[] r0 = re[0];
        double[] i0 = im[0];
        double[] rh = re[h];
        double[] ih = im[h];
        for (int f = 0; f < count; f++) {
            double z0r = r0[f];
            double z0i = i0[f];
            rh[f] = z0r - z0i;
            ih[f] = 0;
            r0[f] = z0r + z0i;
            i0[f] = 0;
        }
        for (int k = 1, m = h - 1; k <= m; k++, m--) {
            double[] rk = re[k];
            double[] ik = im[k];
            double[] rm = re[m];
            double[] imm = im[m];
            double wr = splitCos[k];
            double wi = -splitSin[k];
            if (m == k) {
                for (int f = 0; f < count; f++) {
                    double ar = rk[f];
                    double ai = ik[f];
                    double er = 0.5 * (ar + ar);
                    double ei = 0.5 * (ai - ai);
                    double or = 0.5 * (ai + ai);
                    double oi = -0.5 * (ar - ar);
                    rk[f] = er + (wr * or - wi * oi);
                    ik[f] = ei + (wr * oi + wi * or);
                }
                continue;
            }
            for (int f = 0; f < count; f++) {
                double ar = rk[f];
                double ai = ik[f];
                double br = rm[f];
                double bi = imm[f];
                double er = 0.5 * (ar + br);
                double ei = 0.5 * (ai - bi);
                double or = 0.5 * (ai + bi);
                double oi = -0.5 * (ar - br);
                double tr = wr * or - wi * oi;
                double ti = wr * oi + wi * or;
                rk[f] = er + tr;
                ik[f] = ei + ti;
                rm[f] = er - tr;
                imm[f] = -ei + ti;
            }
        }
    }

    /**
     * Packing (windowed even samples as real, odd as imaginary parts, bit-reversed) fused with the
     * first radix-4 pass of {@link #complexInPlace}: position {@code i + q} of the packed sequence
     * is sample pair {@code bitReverse[i + q]}, read straight from the signal instead of from rows
     * written just before.
     */
    private void firstPassBatch(float[] x, int offset, int stride, int count, double[] window, double[][] re,
            double[][] im) {
        int h = half;
        for (int i = 0; i < h; i += 4) {
            int j0 = 2 * bitReverse[i];
            int j1 = 2 * bitReverse[i + 1];
            int j2 = 2 * bitReverse[i + 2];
            int j3 = 2 * bitReverse[i + 3];
            double w0r = window[j0];
            double w0i = window[j0 + 1];
            double w1r = window[j1];
            double w1i = window[j1 + 1];
            double w2r = window[j2];
            double w2i = window[j2 + 1];
            double w3r = window[j3];
            double w3i = window[j3 + 1];
            double[] r0 = re[i];
            double[] i0 = im[i];
            double[] r1 = re[i + 1];
            double[] i1 = im[i + 1];
            double[] r2 = re[i + 2];
            double[] i2 = im[i + 2];
            double[] r3 = re[i + 3];
            double[] i3 = im[i + 3];
            for (int f = 0, o = offset; f < count; f++, o += stride) {
                double x0r = w0r * x[o + j0];
                double x0i = w0i * x[o + j0 + 1];
                double x1r = w1r * x[o + j1];
                double x1i = w1i * x[o + j1 + 1];
                double x2r = w2r * x[o + j2];
                double x2i = w2i * x[o + j2 + 1];
                double x3r = w3r * x[o + j3];
                double x3i = w3i * x[o + j3 + 1];
                double a1r = x0r + x1r;
                double a1i = x0i + x1i;
                double b1r = x0r - x1r;
                double b1i = x0i - x1i;
                double c1r = x2r + x3r;
                double c1i = x2i + x3i;
                double d1r = x2r - x3r;
                double d1i = x2i - x3i;
                r0[f] = a1r + c1r;
                i0[f] = a1i + c1i;
                r2[f] = a1r - c1r;
                i2[f] = a1i - c1i;
                r1[f] = b1r + d1i;
                i1[f] = b1i - d1r;
                r3[f] = b1r - d1i;
                i3[f] = b1i + d1r;
            }
        }
    }

    /**
     * {@link #complexInPlace} on batched rows (row = position, column = frame), after the first
     * pass ({@link #firstPassBatch}) when {@code n/2 >= 4}.
     */
    private void complexBatch(double[][] re, double[][] im, int count) {
        int h = half;
        double[][] t = Workspace.current().rows(PRODUCTS, 6, count);
        int span = h >= 4 ? 4 : 1;
        int tw = 0;
        for (; span * 4 <= h; span *= 4) {
            int size = 4 * span;
            for (int g = 0; g < h; g += size) {
                for (int j = 0, w = tw; j < span; j++, w += 6) {
                    int i = g + j;
                    double[] ra = re[i];
                    double[] ia = im[i];
                    double[] rb = re[i + span];
                    double[] ib = im[i + span];
                    double[] rc = re[i + 2 * span];
                    double[] ic = im[i + 2 * span];
                    double[] rd = re[i + 3 * span];
                    double[] id = im[i + 3 * span];
                    double w1r = passTwiddles[w];
                    double w1i = passTwiddles[w + 1];
                    double w2r = passTwiddles[w + 2];
                    double w2i = passTwiddles[w + 3];
                    double w3r = passTwiddles[w + 4];
                    double w3i = passTwiddles[w + 5];
                    butterfly(ra, ia, rb, ib, rc, ic, rd, id, w1r, w1i, w2r, w2i, w3r, w3i, t, count);
                }
            }
            tw += 6 * span;
        }
        if (span < h) {
            int step = h / (2 * span);
            for (int j = 0; j < span; j++) {
                double wr = cos[j * step];
                double wi = -sin[j * step];
                double[] rq = re[j];
                double[] iq = im[j];
                double[] rp = re[j + span];
                double[] ip = im[j + span];
                for (int f = 0; f < count; f++) {
                    double pr = rp[f];
                    double pi = ip[f];
                    double tr = wr * pr - wi * pi;
                    double ti = wr * pi + wi * pr;
                    double qr = rq[f];
                    double qi = iq[f];
                    rp[f] = qr - tr;
                    ip[f] = qi - ti;
                    rq[f] = qr + tr;
                    iq[f] = qi + ti;
                }
            }
        }
    }

    private static final Workspace.Slot PRODUCTS = new Workspace.Slot("fft.products");

    /**
     * One radix-4 butterfly of {@link #complexInPlace} on every frame of rows a, b, c, d (positions i, i + span,
     * i + 2 span, i + 3 span), {@code t} six scratch rows. Written as seven small loops rather than one: C2
     * unrolls, and so vectorises, only loops with small bodies (the one-loop form ran scalar), and each value
     * is still computed by the same operations on the same operands.
     */
    private static void butterfly(double[] ra, double[] ia, double[] rb, double[] ib, double[] rc, double[] ic,
            double[] rd, double[] id, double w1r, double w1i, double w2r, double w2i, double w3r, double w3i,
            double[][] t, int count) {
        double[] t1r = t[0];
        double[] t1i = t[1];
        double[] t2r = t[2];
        double[] t2i = t[3];
        double[] t3r = t[4];
        double[] t3i = t[5];
        multiply(rc, ic, w1r, w1i, t1r, t1i, count);
        multiply(rb, ib, w2r, w2i, t2r, t2i, count);
        multiply(rd, id, w3r, w3i, t3r, t3i, count);
        // X[j + span] = s1 - i*s3, X[j + 3 span] = s1 + i*s3, with s1 = a - t2, s3 = t1 - t3 (a still unchanged)
        for (int f = 0; f < count; f++) {
            double s1r = ra[f] - t2r[f];
            double s3i = t1i[f] - t3i[f];
            rb[f] = s1r + s3i;
            rd[f] = s1r - s3i;
        }
        for (int f = 0; f < count; f++) {
            double s1i = ia[f] - t2i[f];
            double s3r = t1r[f] - t3r[f];
            ib[f] = s1i - s3r;
            id[f] = s1i + s3r;
        }
        // X[j] = s0 + s2, X[j + 2 span] = s0 - s2, with s0 = a + t2, s2 = t1 + t3
        for (int f = 0; f < count; f++) {
            double s0r = ra[f] + t2r[f];
            double s2r = t1r[f] + t3r[f];
            ra[f] = s0r + s2r;
            rc[f] = s0r - s2r;
        }
        for (int f = 0; f < count; f++) {
            double s0i = ia[f] + t2i[f];
            double s2i = t1i[f] + t3i[f];
            ia[f] = s0i + s2i;
            ic[f] = s0i - s2i;
        }
    }

    /** {@code (outR + i outI)[f] = (wr + i wi) * (xr + i xi)[f]}, as {@link #complexInPlace} multiplies. */
    private static void multiply(double[] xr, double[] xi, double wr, double wi, double[] outR, double[] outI,
            int count) {
        for (int f = 0; f < count; f++) {
            double r = xr[f];
            double m = xi[f];
            outR[f] = wr * r - wi * m;
            outI[f] = wr * m + wi * r;
        }
    }

    private void transformPacked(double[] re, double[] im) {
        int h = half;
        complexInPlace(re, im);
        // Split step: X[k] = E[k] + W^k O[k], with E, O the spectra of even and odd samples.
        double z0r = re[0];
        double z0i = im[0];
        re[h] = z0r - z0i;
        im[h] = 0;
        re[0] = z0r + z0i;
        im[0] = 0;
        for (int k = 1, m = h - 1; k <= m; k++, m--) {
            double ar = re[k];
            double ai = im[k];
            double br = re[m];
            double bi = im[m];
            // k-th output
            double er = 0.5 * (ar + br);
            double ei = 0.5 * (ai - bi);
            double or = 0.5 * (ai + bi);
            double oi = -0.5 * (ar - br);
            double wr = splitCos[k];
            double wi = -splitSin[k];
            double tr = wr * or - wi * oi;
            double ti = wr * oi + wi * or;
            re[k] = er + tr;
            im[k] = ei + ti;
            if (m != k) {
                // m-th output: E[m] = conj(E[k]), O[m] = conj(O[k]), W^m = -conj(W^k)
                re[m] = er - tr;
                im[m] = -ei + ti;
            }
        }
    }

    /**
     * Iterative decimation-in-time FFT of bit-reversed input in radix-4 passes (two radix-2 stages
     * at a time: half the passes over memory and three complex multiplies per four points instead
     * of four), plus one radix-2 pass when log2(n/2) is odd.
     */
    private void complexInPlace(double[] re, double[] im) {
        int h = half;
        int span = 1;
        if (h >= 4) {
            // first fused pass: all twiddles are 1, so only additions
            for (int i = 0; i < h; i += 4) {
                double a1r = re[i] + re[i + 1];
                double a1i = im[i] + im[i + 1];
                double b1r = re[i] - re[i + 1];
                double b1i = im[i] - im[i + 1];
                double c1r = re[i + 2] + re[i + 3];
                double c1i = im[i + 2] + im[i + 3];
                double d1r = re[i + 2] - re[i + 3];
                double d1i = im[i + 2] - im[i + 3];
                re[i] = a1r + c1r;
                im[i] = a1i + c1i;
                re[i + 2] = a1r - c1r;
                im[i + 2] = a1i - c1i;
                // -i * d1
                re[i + 1] = b1r + d1i;
                im[i + 1] = b1i - d1r;
                re[i + 3] = b1r - d1i;
                im[i + 3] = b1i + d1r;
            }
            span = 4;
        }
        int tw = 0;
        for (; span * 4 <= h; span *= 4) {
            int size = 4 * span;
            // groups outer, position j inner: contiguous data and twiddles in the inner loop
            for (int g = 0; g < h; g += size) {
                for (int j = 0, w = tw; j < span; j++, w += 6) {
                    int i = g + j;
                    int i1 = i + span;
                    int i2 = i1 + span;
                    int i3 = i2 + span;
                    // bit-reversed blocks: i holds the DFT of residue 0, i1 of 2, i2 of 1, i3 of 3
                    double ar = re[i];
                    double ai = im[i];
                    double w1r = passTwiddles[w];
                    double w1i = passTwiddles[w + 1];
                    double w2r = passTwiddles[w + 2];
                    double w2i = passTwiddles[w + 3];
                    double w3r = passTwiddles[w + 4];
                    double w3i = passTwiddles[w + 5];
                    double cr = re[i2];
                    double ci = im[i2];
                    double t1r = w1r * cr - w1i * ci;
                    double t1i = w1r * ci + w1i * cr;
                    double br = re[i1];
                    double bi = im[i1];
                    double t2r = w2r * br - w2i * bi;
                    double t2i = w2r * bi + w2i * br;
                    double dr = re[i3];
                    double di = im[i3];
                    double t3r = w3r * dr - w3i * di;
                    double t3i = w3r * di + w3i * dr;
                    double s0r = ar + t2r;
                    double s0i = ai + t2i;
                    double s1r = ar - t2r;
                    double s1i = ai - t2i;
                    double s2r = t1r + t3r;
                    double s2i = t1i + t3i;
                    double s3r = t1r - t3r;
                    double s3i = t1i - t3i;
                    re[i] = s0r + s2r;
                    im[i] = s0i + s2i;
                    re[i2] = s0r - s2r;
                    im[i2] = s0i - s2i;
                    // X[j + span] = s1 - i*s3, X[j + 3 span] = s1 + i*s3
                    re[i1] = s1r + s3i;
                    im[i1] = s1i - s3r;
                    re[i3] = s1r - s3i;
                    im[i3] = s1i + s3r;
                }
            }
            tw += 6 * span;
        }
        if (span < h) {
            // one radix-2 stage left when log2(half) is odd
            int step = h / (2 * span);
            for (int j = 0; j < span; j++) {
                double wr = cos[j * step];
                double wi = -sin[j * step];
                int p = j + span;
                double pr = re[p];
                double pi = im[p];
                double tr = wr * pr - wi * pi;
                double ti = wr * pi + wi * pr;
                double qr = re[j];
                double qi = im[j];
                re[p] = qr - tr;
                im[p] = qi - ti;
                re[j] = qr + tr;
                im[j] = qi + ti;
            }
        }
    }
}
