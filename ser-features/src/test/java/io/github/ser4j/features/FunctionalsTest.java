package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FunctionalsTest {

    /** numpy.percentile(..., method="linear") on a sorted copy. */
    private static double sortedPercentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    @Test
    void matchesSortBasedStatisticsOnRandomInputWithTies() {
        Random random = new Random(1);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(trial < 50 ? 6 : 400);
            double[] v = new double[n + 3];
            boolean[] select = new boolean[n];
            for (int i = 0; i < n; i++) {
                v[3 + i] = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextGaussian();
                select[i] = random.nextInt(5) != 0;
            }
            double[] chosen = new double[n];
            int m = 0;
            double sumT = 0;
            for (int i = 0; i < n; i++) {
                if (select[i]) {
                    chosen[m++] = v[3 + i];
                    sumT += i;
                }
            }
            double[] out = new double[Functionals.COUNT];
            assertEquals(m, Functionals.compute(v, 3, n, select, 0.01, new double[n], out, 0));
            if (m == 0) {
                assertEquals(0.0, Arrays.stream(out).map(Math::abs).sum());
                continue;
            }
            double[] s = Arrays.copyOf(chosen, m);
            Arrays.sort(s);
            double mean = Arrays.stream(s).average().orElseThrow();
            double var = Arrays.stream(s).map(x -> (x - mean) * (x - mean)).sum() / m;
            assertEquals(mean, out[0], 1e-12);
            assertEquals(Math.sqrt(var), out[1], 1e-12);
            assertEquals(s[0], out[2]);
            assertEquals(s[m - 1], out[3]);
            assertEquals(sortedPercentile(s, 0.2), out[4], 1e-12, "p20 n=" + m);
            assertEquals(sortedPercentile(s, 0.5), out[5], 1e-12, "p50 n=" + m);
            assertEquals(sortedPercentile(s, 0.8), out[6], 1e-12, "p80 n=" + m);
            assertEquals(out[6] - out[4], out[7], 1e-12);
        }
    }

    @Test
    void slopeOfALineIsItsRatePerSecond() {
        double[] v = new double[50];
        for (int i = 0; i < v.length; i++) {
            v[i] = 4 + 0.25 * i; // 0.25 per 10 ms frame = 25 per second
        }
        double[] out = new double[Functionals.COUNT];
        Functionals.compute(v, 0, v.length, null, 0.01, new double[v.length], out, 0);
        assertEquals(25.0, out[8], 1e-9);
    }
}
