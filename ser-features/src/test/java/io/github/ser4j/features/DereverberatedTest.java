package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DereverberatedTest {

    private static final int RATE = 16_000;

    @Test
    void withTheFilterDisabledTheStftRoundTripReturnsTheInput() {
        Random r = new Random(1);
        for (int n : new int[] {4_000, 16_001, 70_000}) { // one block, and several blocks with a remainder
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (0.3 * r.nextGaussian());
            }
            AudioClip clip = AudioClip.of(x, RATE);
            for (Dereverberated off : new Dereverberated[] {Dereverberated.of(FeatureExtractors.mfcc(), 3, 0, 1),
                    Dereverberated.of(FeatureExtractors.mfcc(), 3, 5, 0)}) {
                float[] y = off.process(clip);
                assertEquals(n, y.length);
                for (int i = 0; i < n; i++) {
                    assertEquals(x[i], y[i], 2 * Math.ulp(x[i]) + 1e-9f, "sample " + i + " of " + n);
                }
            }
        }
    }
}
