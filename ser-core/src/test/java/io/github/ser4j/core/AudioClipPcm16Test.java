package io.github.ser4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AudioClipPcm16Test {

    @Test
    void sixteenBitSamplesAreLeftAloneAndTheSameClipIsReturned() {
        Random r = new Random(5);
        float[] x = new float[8000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (r.nextInt(65536) - 32768) / 32768f;
        }
        AudioClip clip = AudioClip.of(x, 16000);
        assertSame(clip, clip.quantizedToPcm16());
    }

    @Test
    void otherSamplesGoToTheNearestLevelWithoutClipping() {
        float lsb = 1f / 32768;
        float[] x = new float[4000];
        x[0] = 0.3f * lsb;
        x[1] = 0.7f * lsb;
        x[2] = -1.6f * lsb;
        x[3] = 1000.25f; // loud float input: rounded, not clipped
        x[4] = 1e6f;
        AudioClip q = AudioClip.of(x, 8000).quantizedToPcm16();
        float[] y = q.samples();
        assertArrayEquals(new float[] {0, lsb, -2 * lsb, 1000.25f, 1e6f}, java.util.Arrays.copyOf(y, 5));
        assertEquals(8000, q.sampleRateHz());
    }

    @Test
    void resampledToPcm16EqualsResamplingThenRounding() {
        Random r = new Random(9);
        float[] x = new float[48_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 48_000.0) + 0.01 * r.nextGaussian());
        }
        AudioClip clip = AudioClip.of(x, 48_000);
        AudioClip expected = clip.resampledTo(16_000).quantizedToPcm16();
        AudioClip actual = clip.resampledToPcm16(16_000);
        assertEquals(16_000, actual.sampleRateHz());
        assertArrayEquals(expected.samples(), actual.samples());
        // at the same rate: only the rounding, and the same clip when nothing needs rounding
        assertArrayEquals(clip.quantizedToPcm16().samples(), clip.resampledToPcm16(48_000).samples());
        AudioClip grid = clip.quantizedToPcm16();
        assertSame(grid, grid.resampledToPcm16(48_000));
    }
}
