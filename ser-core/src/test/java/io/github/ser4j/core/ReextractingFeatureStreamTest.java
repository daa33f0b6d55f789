package io.github.ser4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReextractingFeatureStreamTest {

    /** Features that depend on every sample and its position: sum, weighted sum, first and last. */
    private static final FeatureExtractor POSITIONAL = new FeatureExtractor() {
        @Override
        public String id() {
            return "positional/1";
        }

        @Override
        public List<String> featureNames() {
            return List.of("sum", "weighted", "first", "last");
        }

        @Override
        public float sampleRateHz() {
            return 1000;
        }

        @Override
        public double[] extract(AudioClip clip) {
            float[] s = clip.samples();
            double sum = 0;
            double weighted = 0;
            for (int i = 0; i < s.length; i++) {
                sum += s[i];
                weighted += (i + 1) * (double) s[i];
            }
            return new double[] {sum, weighted, s[0], s[s.length - 1]};
        }
    };

    @Test
    void theLastSpanEqualsExtractingThoseSamplesAfterTheRingWrapsAround() {
        Random r = new Random(3);
        float[] all = new float[5000];
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) r.nextGaussian();
        }
        FeatureStream stream = POSITIONAL.openStream(1000);
        int at = 0;
        while (at < all.length) {
            int chunk = Math.min(all.length - at, 1 + r.nextInt(700));
            stream.append(all, at, chunk);
            at += chunk;
            if (at >= 1000) {
                for (int span : new int[] {250, 999, 1000}) {
                    float[] expected = Arrays.copyOfRange(all, at - span, at);
                    assertArrayEquals(POSITIONAL.extract(AudioClip.of(expected, 1000)), stream.extractLast(span));
                }
            }
        }
        assertEquals(5000, stream.samplesAppended());
        stream.reset();
        assertEquals(0, stream.samplesAppended());
    }

    @Test
    void badArgumentsNameTheProblem() {
        FeatureStream stream = POSITIONAL.openStream(1000);
        stream.append(new float[400], 0, 400);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> stream.extractLast(500))
                .getMessage().contains("only 400 have been appended"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> stream.extractLast(100))
                .getMessage().contains("shorter than the 0.25 s minimum"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> stream.extractLast(1001))
                .getMessage().contains("exceeds the stream's capacity of 1000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> stream.append(new float[] {0, Float.NaN}, 0, 2))
                .getMessage().contains("stream sample 401 is NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> stream.append(new float[4], 3, 2))
                .getMessage().contains("outside a buffer of 4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> POSITIONAL.openStream(10))
                .getMessage().contains("stream capacity 10 samples"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> POSITIONAL.openStream(Integer.MAX_VALUE))
                .getMessage().contains("outside"));
    }
}
