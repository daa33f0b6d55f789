package io.github.ser4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's loops compute what they say: the two exact layouts each vector's sum in index order (Weka's
 * {@code Kernel.dotProd}), to the bit, on a shape whose dimension is not a multiple of four; the float
 * arithmetic close to it and no more.
 */
class KernelDotsBenchmarkTest {

    @Test
    void exactLayoutsGiveTheIndexOrderSumsBitForBitAndFloatArithmeticOnlyApproximately() {
        int n = 37;
        int d = 23;
        Random random = new Random(7);
        double[] x = new double[d];
        double[][] v = new double[d][n];
        float[][] f = new float[d][n];
        for (int j = 0; j < d; j++) {
            x[j] = random.nextGaussian();
            for (int s = 0; s < n; s++) {
                f[j][s] = (float) random.nextGaussian();
                v[j][s] = f[j][s];
            }
        }
        double[] expected = new double[n];
        for (int s = 0; s < n; s++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += x[j] * v[j][s];
            }
            expected[s] = sum;
        }
        assertArrayEquals(expected, KernelDotsBenchmark.dotsOfDoubles(v, x, n), 0.0);
        assertArrayEquals(expected, KernelDotsBenchmark.dotsOfFloats(f, x, n), 0.0);
        float[] inFloat = KernelDotsBenchmark.dotsInFloat(f, x, n);
        int differing = 0;
        for (int s = 0; s < n; s++) {
            assertEquals(expected[s], inFloat[s], 1e-5 * d);
            differing += inFloat[s] != expected[s] ? 1 : 0;
        }
        assertTrue(differing > n / 2, differing + " of " + n + " float sums differ from the double ones");
    }

    @Test
    void anUnknownLayoutIsRefused() {
        KernelDotsBenchmark b = new KernelDotsBenchmark();
        b.layout = "half";
        b.vectors = 4;
        b.dimension = 4;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::setUp);
        assertEquals("layout must be double, float or float-arithmetic, got half", e.getMessage());
    }
}
