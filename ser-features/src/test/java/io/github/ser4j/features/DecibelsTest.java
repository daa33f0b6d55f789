package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DecibelsTest {

    @Test
    void fastLog10MatchesMathLog10AcrossTheDynamicRange() {
        Random rnd = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            double x = Math.pow(10, -10 + 25 * rnd.nextDouble());
            double expected = Math.log10(x);
            assertEquals(expected, Decibels.log10(x), 4e-15 * Math.max(1, Math.abs(expected)), "x=" + x);
        }
        for (double x : new double[] {1e-10, 1.0, 2.0, 10.0, 1000.0, Math.nextDown(2.0), Math.nextUp(1.0)}) {
            assertEquals(Math.log10(x), Decibels.log10(x), 1e-14, "x=" + x);
        }
    }

    @Test
    void powerToDbFloorsAtAminAndEightyDbBelowTheMatrixMaximum() {
        double[] v = {1.0, 1e-3, 1e-9, 0.0, 100.0};
        Decibels.powerToDb(v, 0, v.length);
        // max is 20 dB, so the floor is -60 dB; 0 would be -100 dB (amin) before the floor
        assertArrayEquals(new double[] {0.0, -30.0, -60.0, -60.0, 20.0}, v, 1e-12);
    }
}
