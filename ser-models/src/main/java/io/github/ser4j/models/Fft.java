package io.github.ser4j.models;

/**
 * An in-place iterative radix-2 complex FFT on double arrays, for the recording conditions (coloured
 * noise shaping and room-impulse convolution). Hand-written because the features module's real FFT is
 * float, package-private and sized for frames; conditions need long double-precision transforms.
 *
 * <p>Thread-safety: stateless.
 */
final class Fft {

    private Fft() {
    }

    /** The smallest power of two at least {@code n}. */
    static int size(int n) {
        int m = 1;
        while (m < n) {
            m <<= 1;
        }
        return m;
    }

    /** Transforms {@code re}/{@code im} (length a power of two) in place; {@code inverse} includes the 1/n. */
    static void transform(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wr = Math.cos(ang);
            double wi = Math.sin(ang);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double nr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = nr;
                }
            }
        }
        if (inverse) {
            for (int i = 0; i < n; i++) {
                re[i] /= n;
                im[i] /= n;
            }
        }
    }

    /** Linear convolution of {@code x} with {@code h}, truncated to {@code x.length} samples. */
    static double[] convolve(float[] x, double[] h) {
        int n = size(x.length + h.length - 1);
        double[] ar = new double[n];
        double[] ai = new double[n];
        double[] br = new double[n];
        double[] bi = new double[n];
        for (int i = 0; i < x.length; i++) {
            ar[i] = x[i];
        }
        System.arraycopy(h, 0, br, 0, h.length);
        transform(ar, ai, false);
        transform(br, bi, false);
        for (int k = 0; k < n; k++) {
            double r = ar[k] * br[k] - ai[k] * bi[k];
            ai[k] = ar[k] * bi[k] + ai[k] * br[k];
            ar[k] = r;
        }
        transform(ar, ai, true);
        double[] out = new double[x.length];
        System.arraycopy(ar, 0, out, 0, x.length);
        return out;
    }
}
