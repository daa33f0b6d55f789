package io.github.ser4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.models.Research;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's layouts compute what they say: the evaluator's two exact layouts each vector's sum in index
 * order (Weka's {@code Kernel.dotProd}), to the bit, on a shape whose dimension is not a multiple of four; the
 * float arithmetic close to it and no more; and the research entry point refuses shapes that disagree.
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
        assertArrayEquals(expected, Research.supportVectorDots(v, x), 0.0);
        assertArrayEquals(expected, Research.supportVectorDots(f, x), 0.0);
        float[] inFloat = KernelDotsBenchmark.dotsInFloat(f, x, n);
        int differing = 0;
        for (int s = 0; s < n; s++) {
            assertEquals(expected[s], inFloat[s], 1e-5 * d);
            differing += inFloat[s] != expected[s] ? 1 : 0;
        }
        assertTrue(differing > n / 2, differing + " of " + n + " float sums differ from the double ones");
    }

    @Test
    void shapesThatDisagreeAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Research.supportVectorDots(new double[2][3], new double[3]));
        assertEquals("the vectors have 2 features, the row 3 values; both must be the same, at least 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Research.supportVectorDots(new float[][] {new float[3], new float[2]}, new double[2]));
        assertEquals("feature 1 holds 2 vector values, feature 0 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Research.supportVectorDots(new double[][] {new double[3], null}, new double[2]));
        assertEquals("feature 1's vector values are null", e.getMessage());
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
