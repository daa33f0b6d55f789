package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionClassifier;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Long clips in forked JVMs: in {@code -Xmx256m} a 600 s clip predicts (which gave an {@link OutOfMemoryError}
 * at first, then was refused as needing 332 MB); a clip too long for the heap is refused before extraction with
 * a message giving the heap it needs, never an {@link OutOfMemoryError}.
 */
class LongClipHeapTest {

    /**
     * The child: predicts the committed speech clip looped to each length, printing the outcome; an argument
     * {@code detect:S@R} or {@code analyse:S@R} runs {@code detectSpeech} or {@code analyseSpeech} instead.
     */
    public static void main(String[] args) throws Exception {
        EmotionClassifier c = EmotionClassifier.load();
        float[] speech = AudioClip.read(Path.of("src/test/resources/clips", WekaParityTest.CLIPS[2])).samples();
        for (String arg : args) {
            String call = arg.contains(":") ? arg.substring(0, arg.indexOf(':')) : "predict";
            String[] p = arg.substring(arg.indexOf(':') + 1).split("@");
            try {
                AudioClip x = clip(speech, Integer.parseInt(p[0]), Float.parseFloat(p[1]));
                Object answer = switch (call) {
                    case "detect" -> c.detectSpeech(x).orElseThrow().speech();
                    case "analyse" -> c.analyseSpeech(x, e -> "no speech", (e, f) -> f.length + " features");
                    default -> c.predict(x).emotion();
                };
                System.out.println(arg + " " + answer);
            } catch (IllegalArgumentException e) {
                System.out.println(arg + " refused: " + e.getMessage());
            } catch (OutOfMemoryError e) {
                System.out.println(arg + " OutOfMemoryError");
                System.exit(3);
            }
        }
    }

    /**
     * The speech looped to {@code seconds} at 16 kHz, resampled to a higher {@code rate}: the child holds
     * one clip at a time, and at most the 16 kHz clip twice or it and its resampled copy meanwhile. Below
     * 16 kHz, every (16000 / rate)-th sample at that rate directly (the refusal test never extracts it).
     */
    private static AudioClip clip(float[] speech, int seconds, float rate) {
        float at = Math.min(rate, 16000);
        float[] x = new float[Math.round(seconds * at)];
        for (int i = 0; i < x.length; i++) {
            x[i] = speech[(int) (i * (16000L / at)) % speech.length];
        }
        AudioClip clip = AudioClip.of(x, at);
        x = null;
        return clip.resampledTo(rate);
    }

    @Test
    void tenMinuteClipsPredictInA256MegabyteHeap() throws Exception {
        // extraction reads the spectrograms in chunks and keeps only per-frame values (README, "Heap per
        // clip length"): the longest clip AudioClip accepts fits at 16 kHz, five minutes at 48 kHz; ten
        // minutes at 48 kHz (the input clip alone is 110 MB) is refused by the estimate, never an OutOfMemoryError
        long at48 = SmoEmotionClassifier.heapNeededBytes(AudioClip.of(new float[600 * 48000], 48000), 16000) >> 20;
        assertTrue(at48 > 256, "the estimate for 600 s at 48 kHz, " + at48 + " MB");
        ForkedJvm.Result r = ForkedJvm.run(LongClipHeapTest.class, List.of("-Xmx256m"), 600, "120@16000", "600@16000",
                "300@48000");
        assertEquals(0, r.exitCode(), r.output());
        for (String clip : List.of("120@16000", "600@16000", "300@48000")) {
            assertTrue(r.output().matches("(?s)(.*\\n)?" + clip + " [A-Z]+\\n.*"), r.output());
        }
        // in a child of its own: building the 110 MB input next to what the clips before left for the
        // collector can itself run out of a 256 MB heap, which is the test's input, not predict
        r = ForkedJvm.run(LongClipHeapTest.class, List.of("-Xmx256m"), 600, "600@48000");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().matches("(?s).*600@48000 refused: a 600.0 s clip needs about " + at48 + " MB of heap.*"),
                r.output());
    }

    @Test
    void aHeapTooSmallForTheModelIsOneLineFromTheCommandLine() throws Exception {
        // -Xmx24m cannot hold the shipped default model (5.4 MB on disk, about 44 MB to load and predict)
        ForkedJvm.Result r = ForkedJvm.run(Main.class, List.of("-Xmx24m"), 120, "predict",
                "src/test/resources/clips/" + WekaParityTest.CLIPS[2]);
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("ser4j: out of memory: this JVM may use at most "), r.output());
        assertTrue(r.output().contains("raise -Xmx"), r.output());
        assertTrue(!r.output().contains("\tat ") && !r.output().contains("Exception in thread"), r.output());
    }

    @Test
    void aClipTooLongForTheHeapIsRefusedClearly() throws Exception {
        // 8 kHz input: the estimate adds the input clip to its 16 kHz copy
        long expected = SmoEmotionClassifier.heapNeededBytes(AudioClip.of(new float[600 * 8000], 8000), 16000) >> 20;
        assertTrue(expected > 128, "the estimate for 600 s at 8 kHz, " + expected + " MB, must exceed the child's heap");
        ForkedJvm.Result r = ForkedJvm.run(LongClipHeapTest.class, List.of("-Xmx128m"), 600, "60@16000", "600@8000",
                "analyse:60@16000", "detect:600@8000", "analyse:600@8000");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().matches("(?s)(.*\\n)?60@16000 [A-Z]+\\n.*"), r.output());
        assertTrue(r.output().contains("analyse:60@16000 494 features\n"), r.output());
        // predict sends 8 kHz audio to the narrowband model, whose front end holds two more copies
        long narrowband = (SmoEmotionClassifier.heapNeededBytes(AudioClip.of(new float[600 * 8000], 8000), 16000)
                + 600 * SmoEmotionClassifier.NARROWBAND_BYTES_PER_SECOND) >> 20;
        assertTrue(r.output().matches("(?s).*\\n600@8000 refused: a 600.0 s clip needs about " + narrowband
                + " MB of heap to predict, and this JVM may use at most 12[0-9] MB: raise -Xmx, or predict the clip "
                + "in shorter pieces\\n.*"), r.output());
        // the speech detector and the one-pass analysis track the clip's pitch too: refused alike
        for (String arg : new String[] {"detect:600@8000", "analyse:600@8000"}) {
            assertTrue(r.output().matches("(?s).*\\n" + arg + " refused: a 600.0 s clip needs about " + expected
                    + " MB of heap to predict, and this JVM may use at most 12[0-9] MB: raise -Xmx, or predict the clip "
                    + "in shorter pieces\\n.*"), r.output());
        }
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
