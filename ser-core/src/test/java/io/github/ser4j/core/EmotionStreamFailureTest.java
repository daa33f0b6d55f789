package io.github.ser4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every way a call of {@link EmotionStream} can fail leaves the stream as it was: the same later audio gives
 * the same events as a stream that never saw the failed call. Each test feeds a recording in random chunks to
 * a fresh stream and to one that meets the failure in the middle, and compares all events.
 */
class EmotionStreamFailureTest {

    static final float[] AUDIO = EmotionStreamTest.recording(12.5, EmotionStreamTest.RATE, 3, EmotionStreamTest.BURSTS);
    static final float[] AUDIO_48K = EmotionStreamTest.recording(12.5, 48000, 3, EmotionStreamTest.BURSTS);
    static final StreamSettings SETTINGS = StreamSettings.defaults().withSmoothing(1.5).withHop(0.25);

    /** A classifier that throws on the calls whose numbers are in {@code failOn} (counted from 1). */
    static final class Flaky extends EmotionStreamTest.ToneClassifier {
        final List<Integer> failOn;
        int calls;

        Flaky(Integer... failOn) {
            this.failOn = List.of(failOn);
        }

        @Override
        public Prediction predictFeatures(double[] f) {
            calls++;
            if (failOn.contains(calls)) {
                throw new IllegalStateException("injected failure at call " + calls);
            }
            return super.predictFeatures(f);
        }
    }

    static List<int[]> chunks(int length, long seed) {
        List<int[]> out = new ArrayList<>();
        Random r = new Random(seed);
        for (int at = 0; at < length; ) {
            int c = Math.min(length - at, 1 + r.nextInt(r.nextBoolean() ? 900 : 9000));
            out.add(new int[] {at, c});
            at += c;
        }
        return out;
    }

    static List<TimedPrediction> clean(float[] x, float rate, long seed) {
        EmotionStream s = EmotionStream.open(EmotionStreamTest.CLASSIFIER, rate, SETTINGS);
        List<TimedPrediction> events = new ArrayList<>();
        for (int[] c : chunks(x.length, seed)) {
            events.addAll(s.accept(x, c[0], c[1]));
        }
        events.addAll(s.finish());
        return events;
    }

    /** Feeds {@code x}; before chunk {@code badAt}, calls {@code bad} (which must throw); a failed chunk is retried. */
    static List<TimedPrediction> withFailures(EmotionStream s, float[] x, long seed, int badAt,
            java.util.function.Consumer<EmotionStream> bad) {
        List<TimedPrediction> events = new ArrayList<>();
        List<int[]> cs = chunks(x.length, seed);
        int failures = 0;
        for (int i = 0; i < cs.size(); i++) {
            if (i == badAt) {
                assertThrows(RuntimeException.class, () -> bad.accept(s));
            }
            int[] c = cs.get(i);
            try {
                events.addAll(s.accept(x, c[0], c[1]));
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage().startsWith("injected failure"), e.getMessage());
                failures++;
                i--; // the same chunk again
            }
        }
        while (true) {
            try {
                events.addAll(s.finish());
                break;
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage().startsWith("injected failure"), e.getMessage());
                failures++;
            }
        }
        assertTrue(failures > 0 || badAt >= 0, "nothing failed");
        return events;
    }

    @Test
    void aChunkFarLouderThanFullScaleIsRefusedAndChangesNothing() {
        List<TimedPrediction> expected = clean(AUDIO, EmotionStreamTest.RATE, 5);
        for (float loud : new float[] {1e18f, 3e19f, EmotionStream.MAX_SAMPLE_MAGNITUDE * 1.01f}) {
            float[] chunk = new float[4000];
            java.util.Arrays.fill(chunk, loud);
            EmotionStream s = EmotionStream.open(EmotionStreamTest.CLASSIFIER, EmotionStreamTest.RATE, SETTINGS);
            List<TimedPrediction> got = withFailures(s, AUDIO, 5, 40, t -> t.accept(chunk));
            assertEquals(expected, got, "amplitude " + loud);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmotionStream.open(
                EmotionStreamTest.CLASSIFIER, EmotionStreamTest.RATE, SETTINGS).accept(new float[] {0, 0, 32767}));
        assertEquals("stream sample 2 is 32767.0; samples must be within ±1000.0 (full scale is ±1)", e.getMessage());
    }

    @Test
    void invalidArgumentsChangeNothing() {
        List<TimedPrediction> expected = clean(AUDIO, EmotionStreamTest.RATE, 6);
        float[] nan = new float[300];
        nan[299] = Float.NaN;
        List<java.util.function.Consumer<EmotionStream>> bad = List.of(
                t -> t.accept(nan),
                t -> t.accept(null),
                t -> t.accept(new float[10], 5, 6),
                t -> t.accept(new float[10], -1, 2));
        for (int k = 0; k < bad.size(); k++) {
            EmotionStream s = EmotionStream.open(EmotionStreamTest.CLASSIFIER, EmotionStreamTest.RATE, SETTINGS);
            assertEquals(expected, withFailures(s, AUDIO, 6, 30 + k, bad.get(k)), "case " + k);
        }
    }

    @Test
    void aClassifierFailureMidChunkIsUndone() {
        List<TimedPrediction> expected = clean(AUDIO, EmotionStreamTest.RATE, 7);
        int predictions = expected.size();
        assertTrue(predictions > 10, "events: " + predictions);
        // fail at the first event, in the middle, at a segment's last event, and twice in a row
        for (Integer[] failOn : new Integer[][] {{1}, {predictions / 2}, {predictions / 2, predictions / 2 + 1}}) {
            Flaky c = new Flaky(failOn);
            EmotionStream s = EmotionStream.open(c, EmotionStreamTest.RATE, SETTINGS);
            assertEquals(expected, withFailures(s, AUDIO, 7, -1, t -> { }), "failing on " + List.of(failOn));
        }
    }

    @Test
    void aClassifierFailureIsUndoneThroughTheResampler() {
        List<TimedPrediction> expected = clean(AUDIO_48K, 48000, 8);
        Flaky c = new Flaky(3, 9);
        EmotionStream s = EmotionStream.open(c, 48000, SETTINGS);
        assertEquals(expected, withFailures(s, AUDIO_48K, 8, -1, t -> { }));
    }

    @Test
    void aClassifierFailureInFinishIsUndone() {
        // a recording that ends inside a segment at a point where finish() has a new window to predict
        for (double end = 10.5; end < 11.6; end += 0.013) {
            float[] x = java.util.Arrays.copyOf(AUDIO, (int) (end * EmotionStreamTest.RATE));
            Flaky counter = new Flaky();
            EmotionStream counted = EmotionStream.open(counter, EmotionStreamTest.RATE, SETTINGS);
            for (int[] ch : chunks(x.length, 9)) {
                counted.accept(x, ch[0], ch[1]);
            }
            int beforeFinish = counter.calls;
            counted.finish();
            if (counter.calls == beforeFinish) {
                continue;
            }
            List<TimedPrediction> expected = clean(x, EmotionStreamTest.RATE, 9);
            assertTrue(expected.get(expected.size() - 1).segmentEnd());
            EmotionStream s = EmotionStream.open(new Flaky(counter.calls), EmotionStreamTest.RATE, SETTINGS);
            assertEquals(expected, withFailures(s, x, 9, -1, t -> { }));
            assertFalse(s.inSpeech());
            assertThrows(IllegalStateException.class, s::finish);
            return;
        }
        throw new AssertionError("no recording length made finish() predict");
    }
}
