package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionClassifier;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Long clips in a JVM of {@code -Xmx256m}: one that fits predicts, one that does not is refused before
 * extraction with a message giving the heap it needs, never an {@link OutOfMemoryError} (which a 600 s clip
 * gave before).
 */
class LongClipHeapTest {

    /** The child: predicts the committed speech clip looped to each length, printing the outcome. */
    public static void main(String[] args) throws Exception {
        EmotionClassifier c = EmotionClassifier.load();
        float[] speech = AudioClip.read(Path.of("src/test/resources/clips", WekaParityTest.CLIPS[2])).samples();
        for (String arg : args) {
            String[] p = arg.split("@");
            int seconds = Integer.parseInt(p[0]);
            float rate = Float.parseFloat(p[1]);
            // at a multiple of 16 kHz by repeating samples (no resampler, so the child holds only the clip)
            int repeat = Math.round(rate / 16000f);
            float[] x = new float[Math.round(seconds * rate)];
            for (int i = 0; i < x.length; i++) {
                x[i] = speech[(i / repeat) % speech.length];
            }
            AudioClip clip = AudioClip.of(x, rate);
            x = null;
            try {
                System.out.println(arg + " " + c.predict(clip).emotion());
            } catch (IllegalArgumentException e) {
                System.out.println(arg + " refused: " + e.getMessage());
            } catch (OutOfMemoryError e) {
                System.out.println(arg + " OutOfMemoryError");
                System.exit(3);
            }
        }
    }

    @Test
    void longClipsPredictOrAreRefusedClearlyInA256MegabyteHeap() throws Exception {
        long expected600 = SmoEmotionClassifier.heapNeededBytes(AudioClip.of(new float[600 * 16000], 16000), 16000) >> 20;
        ForkedJvm.Result r = ForkedJvm.run(LongClipHeapTest.class, List.of("-Xmx256m"), 600, "120@16000", "600@16000",
                "200@48000");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().matches("(?s).*\\n?120@16000 [A-Z]+\\n.*"), r.output());
        assertTrue(r.output().contains("600@16000 refused: a 600.0 s clip needs about " + expected600
                + " MB of heap to predict, and this JVM may use at most 256 MB: raise -Xmx, or predict the clip in "
                + "shorter pieces"), r.output());
        assertTrue(r.output().matches("(?s).*200@48000 [A-Z]+\\n.*"), r.output());
    }

    @Test
    void theEstimateCountsTheInputClipWhenItIsAtAnotherRate() {
        AudioClip at16 = AudioClip.of(new float[16000 * 10], 16000);
        AudioClip at48 = AudioClip.of(new float[48000 * 10], 48000);
        long line = SmoEmotionClassifier.HEAP_BASE_BYTES + 10 * SmoEmotionClassifier.HEAP_BYTES_PER_SECOND;
        assertEquals(line, SmoEmotionClassifier.heapNeededBytes(at16, 16000));
        assertEquals(line + 4L * 48000 * 10, SmoEmotionClassifier.heapNeededBytes(at48, 16000));
    }
}
