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
}
