package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SelectionTest {

    @Test
    void smallestAndLargestMatchSortingOnRandomRisingFallingAndTiedData() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + rnd.nextInt(300);
            int q = 1 + rnd.nextInt(Math.min(n, 25));
            int from = rnd.nextInt(5);
            float[] a = new float[from + n + 3];
            int shape = trial % 4;
            for (int i = 0; i < a.length; i++) {
                a[i] = shape == 0 ? rnd.nextFloat() : shape == 1 ? i : shape == 2 ? -i : rnd.nextInt(4);
            }
            float[] copy = a.clone();
            float[] sorted = Arrays.copyOfRange(a, from, from + n);
            Arrays.sort(sorted);
            float[] best = new float[q];
            Selection.smallest(a, from, n, q, best);
            assertArrayEquals(Arrays.copyOfRange(sorted, 0, q), best, "smallest, trial " + trial);
            Selection.largest(a, from, n, q, best);
            float[] top = new float[q];
            for (int i = 0; i < q; i++) {
                top[i] = sorted[n - 1 - i];
            }
            assertArrayEquals(top, best, "largest, trial " + trial);
            assertArrayEquals(copy, a, "input changed");
        }
    }

    @Test
    void kthAgreesWithSorting() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + rnd.nextInt(200);
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = trial % 2 == 0 ? rnd.nextFloat() : rnd.nextInt(3);
            }
            float[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = rnd.nextInt(n);
            assertEquals(sorted[k], Selection.kth(a, n, k));
            if (k > 0) {
                assertEquals(sorted[k - 1], Selection.maxBelow(a, k));
            }
        }
    }
}
