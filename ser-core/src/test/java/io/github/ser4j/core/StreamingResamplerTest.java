package io.github.ser4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingResamplerTest {

    private static float[] noise(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * r.nextGaussian());
        }
        return x;
    }

    /** Streams {@code in} in random chunks and collects the output. */
    private static float[] stream(float[] in, float from, float to, long seed) {
        StreamingResampler s = StreamingResampler.between(from, to);
        float[][] out = {new float[16]};
        int[] n = {0};
        StreamingResampler.Sink sink = (b, o, l) -> {
            if (n[0] + l > out[0].length) {
                out[0] = Arrays.copyOf(out[0], Math.max(out[0].length * 2, n[0] + l));
            }
            System.arraycopy(b, o, out[0], n[0], l);
            n[0] += l;
        };
        Random r = new Random(seed);
        int at = 0;
        while (at < in.length) {
            int c = Math.min(in.length - at, r.nextInt(3) == 0 ? 1 + r.nextInt(5) : 1 + r.nextInt(9000));
            s.accept(in, at, c, sink);
            at += c;
        }
        s.finish(sink);
        return Arrays.copyOf(out[0], n[0]);
    }

    @Test
    void chunkedOutputEqualsTheWholeClipResamplerSampleForSample() {
        float[][] rates = {{48000, 16000}, {44100, 16000}, {8000, 16000}, {22050, 16000}, {16000, 16000}};
        for (float[] pair : rates) {
            float[] in = noise((int) (pair[0] * 1.3) + 17, 5);
            float[] expected = Resampler.resample(in, pair[0], pair[1]);
            for (long seed = 1; seed <= 3; seed++) {
                assertArrayEquals(expected, stream(in, pair[0], pair[1], seed), pair[0] + " -> " + pair[1]);
            }
        }
    }

    @Test
    void refusesRatesItCannotStream() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamingResampler.between(44100.5f, 16000));
        assertTrue(e.getMessage().contains("44100.5") && e.getMessage().contains("whole-number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StreamingResampler.between(500, 16000));
        assertTrue(e.getMessage().contains("500.0 Hz"), e.getMessage());
    }
}
