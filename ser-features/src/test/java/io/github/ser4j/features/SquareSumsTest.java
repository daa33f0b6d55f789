package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SquareSumsTest {

    @Test
    void everyWindowMatchesTheDirectSum() {
        Random random = new Random(9);
        float[] x = new float[203];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        SquareSums sums = new SquareSums(x, x.length, new double[x.length / SquareSums.BLOCK + 1]);
        for (int from = 0; from <= x.length; from++) {
            for (int to = from; to <= x.length; to++) {
                double direct = 0;
                for (int i = from; i < to; i++) {
                    direct += (double) x[i] * x[i];
                }
                assertEquals(direct, sums.sum(from, to), 1e-9, from + ".." + to);
            }
        }
    }
}
