package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Kernels rewritten for speed (several outputs or frames at a time, so that independent chains of
 * additions overlap; a shortcut that skips unused statistics) against the code they replaced, kept here as
 * the reference: every value must be bit-identical, on random input of several scales and lengths (which
 * also exercise the loops' remainders).
 */
class InterleavedKernelsTest {

    /** {@link PitchTracker#decimate} as it was: one output at a time. */
    private static float[] decimateReference(float[] x, int n) {
        float[] h = PitchTracker.LOW_PASS;
        int half = h.length / 2;
        int outputs = n / 4;
        float[] y = new float[outputs];
        for (int o = 0; o < outputs; o++) {
            int c = o * 4;
            if (c < half || c + half >= n) {
                y[o] = 0;
                continue;
            }
            double acc = h[half] * x[c];
            for (int k = 1; k <= half; k++) {
                acc += h[half - k] * (x[c - k] + x[c + k]);
            }
            y[o] = (float) acc;
        }
        return y;
    }

    private static float[] noise(SplittableRandom r, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (scale * (r.nextDouble() * 2 - 1) + scale * 0.5 * Math.sin(i * 0.03));
        }
        return x;
    }

    @Test
    void decimationEqualsOneOutputAtATime() {
        SplittableRandom r = new SplittableRandom(1);
        for (int n : new int[] {1, 3, 16, 33, 34, 35, 36, 40, 67, 640, 4003, 48_640}) {
            for (double scale : new double[] {1e-30, 1e-3, 0.7, 1e20}) {
                float[] x = noise(r, n, scale);
                float[] expected = decimateReference(x, n);
                float[] got = PitchTracker.decimate(x, n, new float[n / 4 + 3]);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]),
                            "n=" + n + " scale=" + scale + " output " + i);
                }
            }
        }
    }

    @Test
    void chromaOfFourFramesEqualsOneFrameAtATime() {
        SplittableRandom r = new SplittableRandom(2);
        for (double[] setting : new double[][] {{16_000, 2048, 0.0}, {16_000, 2048, -0.31}, {22_050, 2048, 0.2},
            {44_100, 4096, 0.49}}) {
            ChromaFilterbank fb = new ChromaFilterbank(setting[0], (int) setting[1], setting[2]);
            int bins = (int) setting[1] / 2 + 1;
            float[] p = new float[4 * bins + 3];
            for (int i = 0; i < p.length; i++) {
                double v = r.nextDouble();
                p[i] = (float) (v * v * v * Math.pow(10, -6 * r.nextDouble()));
            }
            int[] offsets = {0, bins + 1, 2 * bins + 2, 3 * bins + 3};
            double[] four = new double[48];
            fb.apply4(p, offsets[0], offsets[1], offsets[2], offsets[3], four);
            double[] one = new double[12];
            for (int f = 0; f < 4; f++) {
                fb.apply(p, offsets[f], one);
                for (int c = 0; c < 12; c++) {
                    assertEquals(Double.doubleToRawLongBits(one[c]), Double.doubleToRawLongBits(four[12 * f + c]),
                            "frame " + f + " class " + c);
                }
            }
        }
    }

    @Test
    void melOfFourFramesEqualsOneFrameAtATime() {
        SplittableRandom r = new SplittableRandom(4);
        for (int[] setting : new int[][] {{16_000, 2048, 128}, {16_000, 512, 40}, {22_050, 2048, 128}}) {
            MelFilterbank mel = new MelFilterbank(setting[0], setting[1], setting[2], 0, setting[0] / 2.0);
            int bins = setting[1] / 2 + 1;
            float[] p = new float[4 * bins + 5];
            for (int i = 0; i < p.length; i++) {
                double v = r.nextDouble();
                p[i] = (float) (v * v * Math.pow(10, -8 * r.nextDouble()));
            }
            int n = mel.bands();
            int[] offsets = {5, 3 * bins + 5, bins + 2, 2 * bins + 1};
            double[] four = new double[4 * n + 7];
            mel.apply4(p, offsets[0], offsets[1], offsets[2], offsets[3], four, 7, 7 + n, 7 + 3 * n, 7 + 2 * n, 1);
            int[] at = {7, 7 + n, 7 + 3 * n, 7 + 2 * n};
            double[] one = new double[n];
            for (int f = 0; f < 4; f++) {
                mel.apply(p, offsets[f], one, 0);
                for (int m = 0; m < n; m++) {
                    assertEquals(Double.doubleToRawLongBits(one[m]), Double.doubleToRawLongBits(four[at[f] + m]),
                            "frame " + f + " band " + m);
                }
            }
        }
    }

    @Test
    void spreadEqualsComputesMeanStddevP20AndP80() {
        SplittableRandom r = new SplittableRandom(6);
        for (int count : new int[] {1, 2, 3, 5, 17, 300, 1001}) {
            for (double keep : new double[] {0.0, 0.1, 0.7, 1.0}) {
                double[] v = new double[count + 3];
                boolean[] select = new boolean[count];
                for (int i = 0; i < count; i++) {
                    v[i + 3] = r.nextInt(4) == 0 ? Math.floor(r.nextDouble() * 4) : r.nextGaussian() * 30; // ties too
                    select[i] = r.nextDouble() < keep;
                }
                double[] all = new double[Functionals.COUNT];
                double[] four = new double[4];
                Functionals.compute(v, 3, count, select, 0.01, new double[count], all, 0);
                Functionals.spread(v, 3, count, select, new double[count], four, 0);
                double[] expected = {all[0], all[1], all[4], all[6]};
                for (int i = 0; i < 4; i++) {
                    assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(four[i]),
                            "count " + count + " keep " + keep + " value " + i);
                }
            }
        }
    }
}
