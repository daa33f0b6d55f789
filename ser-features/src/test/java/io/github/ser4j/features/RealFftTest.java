package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RealFftTest {

    @Test
    void matchesDirectDftForSeveralSizes() {
        Random rnd = new Random(42);
        for (int n : new int[] {4, 8, 16, 64, 512, 2048}) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextGaussian();
            }
            RealFft fft = new RealFft(n);
            double[] re = new double[n / 2 + 1];
            double[] im = new double[n / 2 + 1];
            fft.forward(x, re, im);
            for (int k = 0; k <= n / 2; k++) {
                double sr = 0;
                double si = 0;
                for (int j = 0; j < n; j++) {
                    double a = -2 * Math.PI * (long) j * k / n;
                    sr += x[j] * Math.cos(a);
                    si += x[j] * Math.sin(a);
                }
                assertEquals(sr, re[k], 1e-9 * n, "re n=" + n + " k=" + k);
                assertEquals(si, im[k], 1e-9 * n, "im n=" + n + " k=" + k);
            }
        }
    }

    @Test
    void rejectsSizesThatAreNotPowersOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RealFft(1000));
        assertEquals("FFT size must be a power of two >= 4, got 1000", e.getMessage());
    }
}
