package io.github.ser4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AudioClip#of}'s argument checks, and that a clip cannot be changed from outside. */
class AudioClipTest {

    private static String rejected(float[] samples, float rate) {
        return assertThrows(IllegalArgumentException.class, () -> AudioClip.of(samples, rate)).getMessage();
    }

    @Test
    void nullAndEmptySamples() {
        assertEquals("samples must not be null", rejected(null, 16000));
        assertEquals("samples must not be empty", rejected(new float[0], 16000));
    }

    @Test
    void nonFiniteSamplesAreNamedByIndex() {
        float[] s = new float[8000];
        s[4321] = Float.NaN;
        assertEquals("samples[4321] must be finite, got NaN", rejected(s, 16000));
        s[4321] = 0;
        s[7] = Float.NEGATIVE_INFINITY;
        assertEquals("samples[7] must be finite, got -Infinity", rejected(s, 16000));
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, -16000f, Float.NaN, Float.POSITIVE_INFINITY, 999.9f, 384_001f, 1e12f})
    void badSampleRatesAreNamed(float rate) {
        assertEquals("sampleRateHz must be between 1000.0 and 384000.0 Hz, got " + rate, rejected(new float[400_000], rate));
    }

    @Test
    void durationLimits() {
        assertEquals("clip is too short: 3999 samples at 16000 Hz is 0.2499 s, the minimum is 0.25 s",
                rejected(new float[3999], 16000));
        assertEquals("clip is too long: 600001 samples at 1000 Hz is 600.0 s, the maximum is 600 s; stream longer audio",
                rejected(new float[600_001], 1000));
        assertEquals(0.25, AudioClip.of(new float[4000], 16000).durationSeconds());
        assertEquals(600.0, AudioClip.of(new float[600_000], 1000).durationSeconds());
    }

    @Test
    void resampledToRejectsBadRates() {
        AudioClip clip = AudioClip.of(new float[8000], 16000);
        assertEquals("sampleRateHz must be between 1000.0 and 384000.0 Hz, got NaN",
                assertThrows(IllegalArgumentException.class, () -> clip.resampledTo(Float.NaN)).getMessage());
        assertEquals("sampleRateHz must be between 1000.0 and 384000.0 Hz, got 500.0",
                assertThrows(IllegalArgumentException.class, () -> clip.resampledTo(500)).getMessage());
    }

    @Test
    void samplesAreCopiedInAndOut() {
        float[] s = new float[4000];
        s[0] = 0.5f;
        AudioClip clip = AudioClip.of(s, 16000);
        s[0] = 0.9f;
        assertEquals(0.5f, clip.sample(0));
        float[] out = clip.samples();
        out[0] = -1f;
        assertEquals(0.5f, clip.sample(0));
        assertArrayEquals(new float[] {0.5f, 0f}, java.util.Arrays.copyOf(clip.samples(), 2));
    }

    @Test
    void samplesViewIsReadOnlyAndComplete() {
        float[] s = new float[4000];
        s[3999] = 0.25f;
        FloatBuffer view = AudioClip.of(s, 16000).samplesView();
        assertTrue(view.isReadOnly());
        assertEquals(0, view.position());
        assertEquals(4000, view.limit());
        assertEquals(0.25f, view.get(3999));
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, 1f));
    }

    @Test
    void describesItself() {
        AudioClip clip = AudioClip.of(new float[8000], 16000);
        assertEquals(8000, clip.length());
        assertEquals(16000f, clip.sampleRateHz());
        assertEquals("AudioClip[8000 samples, 16000 Hz, 0.500 s]", clip.toString());
    }

    @Test
    void segmentCopiesTheRangeScaledAndRefusesBadRangesByName() {
        float[] x = new float[16_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 100) / 200f;
        }
        AudioClip clip = AudioClip.of(x, 16_000f);
        AudioClip s = clip.segment(4_000, 12_000, 0.5f);
        assertEquals(8_000, s.length());
        for (int i = 0; i < s.length(); i++) {
            assertEquals(x[4_000 + i] * 0.5f, s.sample(i), 0.0f);
        }
        assertTrue(clip == clip.segment(0, x.length, 1f), "the whole clip at gain 1 is the clip itself");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clip.segment(10, 5, 1f));
        assertTrue(e.getMessage().contains("[10, 5)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> clip.segment(-1, 100, 1f));
        assertThrows(IllegalArgumentException.class, () -> clip.segment(0, x.length + 1, 1f));
        e = assertThrows(IllegalArgumentException.class, () -> clip.segment(0, 1_000, 1f));
        assertTrue(e.getMessage().startsWith("clip is too short"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> clip.segment(0, x.length, Float.NaN));
        assertTrue(e.getMessage().contains("gain must be finite"), e.getMessage());
        float[] big = new float[1_000];
        big[0] = 3e38f;
        AudioClip loud = AudioClip.of(big, 1_000f);
        e = assertThrows(IllegalArgumentException.class, () -> loud.segment(0, 1_000, 10f));
        assertTrue(e.getMessage().contains("is not finite"), e.getMessage());
    }
}
