package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.StreamSettings;
import io.github.ser4j.core.TimedPrediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link EmotionStream}'s undo with the shipped model and its incremental feature stream (the feature stream
 * is refilled after a failure): a failed prediction, retried, gives the events of a stream that never failed;
 * and a chunk of amplitude 1e18 (which made the shipped extractor throw mid-chunk before) is refused whole.
 */
class ShippedStreamFailureTest {

    /** The shipped classifier, throwing on the calls numbered in {@code failOn}. */
    static final class Flaky implements EmotionClassifier {
        final EmotionClassifier real;
        final List<Integer> failOn;
        int calls;

        Flaky(EmotionClassifier real, Integer... failOn) {
            this.real = real;
            this.failOn = List.of(failOn);
        }

        @Override
        public Prediction predict(AudioClip clip) {
            return real.predict(clip);
        }

        @Override
        public List<Emotion> labels() {
            return real.labels();
        }

        @Override
        public String featureExtractorId() {
            return real.featureExtractorId();
        }

        @Override
        public FeatureExtractor featureExtractor() {
            return real.featureExtractor();
        }

        @Override
        public Prediction predictFeatures(double[] features) {
            if (failOn.contains(++calls)) {
                throw new IllegalStateException("injected failure at call " + calls);
            }
            return real.predictFeatures(features);
        }
    }

    static List<TimedPrediction> feed(EmotionStream s, float[] x, float[] badChunkAt4) {
        List<TimedPrediction> events = new ArrayList<>();
        int chunk = 3_700;
        for (int at = 0, i = 0; at < x.length; i++) {
            if (i == 4 && badChunkAt4 != null) {
                assertThrows(IllegalArgumentException.class, () -> s.accept(badChunkAt4));
            }
            int n = Math.min(chunk, x.length - at);
            try {
                events.addAll(s.accept(x, at, n));
                at += n;
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage().startsWith("injected failure"), e.getMessage());
            }
        }
        events.addAll(s.finish());
        return events;
    }

    @Test
    void failuresWithTheShippedModelAreUndone() throws Exception {
        EmotionClassifier shipped = EmotionClassifier.load();
        float[] x = AudioClip.read(Path.of("src/test/resources/clips", WekaParityTest.CLIPS[2])).samples();
        float[] twice = new float[x.length * 2];
        System.arraycopy(x, 0, twice, 0, x.length);
        System.arraycopy(x, 0, twice, x.length, x.length);
        StreamSettings settings = StreamSettings.defaults().withSmoothing(1.0);
        List<TimedPrediction> expected = feed(EmotionStream.open(shipped, 16000, settings), twice, null);
        assertTrue(expected.size() >= 4, expected.toString());
        float[] loud = new float[2000];
        java.util.Arrays.fill(loud, 1e18f);
        assertEquals(expected, feed(EmotionStream.open(shipped, 16000, settings), twice, loud));
        assertEquals(expected, feed(EmotionStream.open(new Flaky(shipped, 2, 3, expected.size() - 1), 16000, settings),
                twice, null));
    }
}
