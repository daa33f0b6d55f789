package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.StreamSettings;
import io.github.ser4j.core.TimedPrediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EmotionStreamProcessorTest {

    @Test
    void aDispatcherWithOverlappingBuffersGivesTheEventsOfPushingTheSamplesDirectly() throws Exception {
        float[] clip = AudioClip.read(Path.of("src/test/resources/clips/03-01-03-02-01-01-02.wav")).samples();
        Random r = new Random(2);
        float[] x = Arrays.copyOf(clip, clip.length + 16000);
        for (int i = clip.length; i < x.length; i++) {
            x[i] = (float) (2e-5 * r.nextGaussian());
        }
        EmotionClassifier classifier = EmotionClassifier.load();
        EmotionStream direct = EmotionStream.open(classifier, 16000, StreamSettings.defaults());
        List<TimedPrediction> expected = new ArrayList<>(direct.accept(x));
        expected.addAll(direct.finish());
        assertFalse(expected.isEmpty());

        // fromFloatArray passes the samples through 16-bit PCM, so the dispatcher's events are compared
        // with the direct ones within one 20 ms VAD frame, and exactly with each other.
        List<TimedPrediction> first = null;
        for (int overlap : new int[] {0, 512, 1000}) {
            // 2048-sample buffers; the last one is zero-padded, which only adds silence.
            AudioDispatcher d = AudioDispatcherFactory.fromFloatArray(x, 16000, 2048, overlap);
            List<TimedPrediction> got = new ArrayList<>();
            d.addAudioProcessor(new EmotionStreamProcessor(EmotionStream.open(classifier, 16000, StreamSettings.defaults()),
                    got::add));
            d.run();
            if (first == null) {
                first = got;
                assertEquals(expected.size(), got.size(), got.toString());
                for (int i = 0; i < got.size(); i++) {
                    assertEquals(expected.get(i).startSeconds(), got.get(i).startSeconds(), 0.0201, got.toString());
                    assertEquals(expected.get(i).endSeconds(), got.get(i).endSeconds(), 0.0201, got.toString());
                    assertEquals(expected.get(i).segmentEnd(), got.get(i).segmentEnd());
                    assertEquals(expected.get(i).prediction().emotion(), got.get(i).prediction().emotion());
                }
            } else {
                assertEquals(first, got, "overlap " + overlap + " pushes each sample once");
            }
        }
    }
}
