package io.github.ser4j.features;

/**
 * Double-precision forward FFT of a real sequence of power-of-two length {@code n}, computed as one
 * complex FFT of length {@code n/2} plus a split step. Own implementation rather than TarsosDSP's
 * {@code FloatFFT}: that one works in single precision, and librosa parity needs the float64
 * spectrum that numpy computes before it rounds to complex64.
 *
 * <p>Thread-safety: immutable (precomputed tables only); the caller passes its own scratch arrays,
 * so one instance serves any number of threads.
 */
final class RealFft {

    private final int n;
    private final int half;
    private final int[] bitReverse;
    /** cos/sin of 2*pi*k/half for the complex FFT of length half, k &lt; half/2. */
    private final double[] cos;
    private final double[] sin;
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
     * Iterative decimation-in-time FFT of bit-reversed input, two radix-2 stages fused per pass
     * (radix-2^2): half the passes over memory of plain radix-2, the same arithmetic.
     */
    private void complexInPlace(double[] re, double[] im) {
        int h = half;
        int span = 1;
        for (; span * 4 <= h; span *= 4) {
            int size = 4 * span;
            int step1 = h / (2 * span); // W_{2span}^j = table[j * step1]
            int step2 = h / (4 * span); // W_{4span}^j = table[j * step2]
            for (int j = 0; j < span; j++) {
                double w1r = cos[j * step1];
                double w1i = -sin[j * step1];
                double w2r = cos[j * step2];
                double w2i = -sin[j * step2];
                for (int i = j; i < h; i += size) {
                    int i1 = i + span;
                    int i2 = i1 + span;
                    int i3 = i2 + span;
                    double ar = re[i];
                    double ai = im[i];
                    double br = re[i1];
                    double bi = im[i1];
                    double cr = re[i2];
                    double ci = im[i2];
                    double dr = re[i3];
                    double di = im[i3];
                    // first stage (span): (a, b) and (c, d), twiddle w1
                    double tr = w1r * br - w1i * bi;
                    double ti = w1r * bi + w1i * br;
                    double a1r = ar + tr;
                    double a1i = ai + ti;
                    double b1r = ar - tr;
                    double b1i = ai - ti;
                    tr = w1r * dr - w1i * di;
                    ti = w1r * di + w1i * dr;
                    double c1r = cr + tr;
                    double c1i = ci + ti;
                    double d1r = cr - tr;
                    double d1i = ci - ti;
                    // second stage (2*span): (a1, c1) with w2, (b1, d1) with -i*w2
                    tr = w2r * c1r - w2i * c1i;
                    ti = w2r * c1i + w2i * c1r;
                    re[i] = a1r + tr;
                    im[i] = a1i + ti;
                    re[i2] = a1r - tr;
                    im[i2] = a1i - ti;
                    double ur = w2r * d1r - w2i * d1i;
                    double ui = w2r * d1i + w2i * d1r;
                    // -i * (ur + i ui) = ui - i ur
                    re[i1] = b1r + ui;
                    im[i1] = b1i - ur;
                    re[i3] = b1r - ui;
                    im[i3] = b1i + ur;
                }
            }
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
