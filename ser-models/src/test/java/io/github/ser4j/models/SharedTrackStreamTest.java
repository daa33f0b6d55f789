package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.SpeakerProfile;
import io.github.ser4j.core.SpeakerSession;
import io.github.ser4j.core.SpeechEvidence;
import io.github.ser4j.core.StreamSettings;
import io.github.ser4j.core.TimedPrediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shipped models detect speech and extract a window's features in one pass ({@code analyseSpeech}: one
 * pitch track instead of two), and a stream through that pass gives exactly the events of the path that
 * detects first and extracts separately (the classifier and session defaults, which streams ran before).
 */
class SharedTrackStreamTest {

    static final EmotionClassifier SHIPPED = EmotionClassifier.load();
    static final float RATE = SHIPPED.featureExtractor().sampleRateHz();

    /** The shipped model with {@link EmotionClassifier}'s default analyseSpeech: the detector, then a separate extraction. */
    record Separate(EmotionClassifier m) implements EmotionClassifier {
        @Override
        public Prediction predict(AudioClip clip) {
            return m.predict(clip);
        }

        @Override
        public Optional<SpeechEvidence> detectSpeech(AudioClip clip) {
            return m.detectSpeech(clip);
        }

        @Override
        public List<Emotion> labels() {
            return m.labels();
        }

        @Override
        public String featureExtractorId() {
            return m.featureExtractorId();
        }

        @Override
        public FeatureExtractor featureExtractor() {
            return m.featureExtractor();
        }

        @Override
        public Prediction predictFeatures(double[] features) {
            return m.predictFeatures(features);
        }
    }

    /** A session with {@link SpeakerSession}'s default analyseSpeech. */
    record SeparateSession(SpeakerSession s) implements SpeakerSession {
        @Override
        public Prediction predict(AudioClip clip) {
            return s.predict(clip);
        }

        @Override
        public Prediction predictFeatures(double[] features) {
            return s.predictFeatures(features);
        }

        @Override
        public void observeFeatures(double[] features) {
            s.observeFeatures(features);
        }

        @Override
        public Optional<SpeechEvidence> detectSpeech(AudioClip clip) {
            return s.detectSpeech(clip);
        }

        @Override
        public FeatureExtractor featureExtractor() {
            return s.featureExtractor();
        }

        @Override
        public SpeakerProfile profile() {
            return s.profile();
        }
    }

    /** The repository's four RAVDESS clips with a noise floor, a 220 Hz tone and silence between them. */
    static float[] recording() throws Exception {
        Random noise = new Random(3);
        List<float[]> parts = new ArrayList<>();
        for (String name : StreamTimelineTest.CLIPS) {
            float[] gap = new float[(int) (1.3 * RATE)];
            for (int i = 0; i < gap.length; i++) {
                gap[i] = (float) (3e-4 * noise.nextGaussian());
            }
            parts.add(gap);
            parts.add(AudioClip.read(Path.of("src/test/resources/clips", name)).resampledTo(RATE).samples());
            float[] tone = new float[(int) (2.5 * RATE)];
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (float) (0.2 * Math.sin(2 * Math.PI * 220 * i / RATE));
            }
            parts.add(tone);
        }
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] x = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, x, at, p.length);
            at += p.length;
        }
        return x;
    }

    static List<TimedPrediction> stream(EmotionStream s, float[] x) {
        List<TimedPrediction> events = new ArrayList<>();
        for (int at = 0; at < x.length; at += 320) {
            events.addAll(s.accept(x, at, Math.min(320, x.length - at)));
        }
        events.addAll(s.finish());
        return events;
    }

    @Test
    void theShippedModelsOnePassIsTheDetectorThenTheExtractionBitForBit() throws Exception {
        AudioClip speech = AudioClip.read(Path.of("src/test/resources/clips", StreamTimelineTest.CLIPS[1]))
                .resampledTo(RATE).quantizedToPcm16();
        SpeechEvidence e = SHIPPED.detectSpeech(speech).orElseThrow();
        double[] f = SHIPPED.featureExtractor().extract(speech);
        double[] got = SHIPPED.analyseSpeech(speech, ev -> fail("speech called no speech: " + ev), (ev, g) -> {
            assertEquals(e, ev);
            return g;
        });
        assertArrayEquals(f, got, 0.0);
        AudioClip silence = AudioClip.of(new float[(int) (2 * RATE)], RATE);
        SpeechEvidence none = SHIPPED.analyseSpeech(silence, ev -> ev, (ev, g) -> fail("silence called speech"));
        assertEquals(SHIPPED.detectSpeech(silence).orElseThrow(), none);
        // at another rate, the features of the clip as the model hears it, as predict extracts them
        AudioClip narrow = speech.resampledTo(8000);
        assertArrayEquals(SHIPPED.featureExtractor().extract(narrow.resampledToPcm16(RATE)),
                SHIPPED.analyseSpeech(narrow, ev -> null, (ev, g) -> g), 0.0);
        assertEquals("speech must not be null", assertThrows(IllegalArgumentException.class,
                () -> SHIPPED.analyseSpeech(speech, ev -> 0, null)).getMessage());
    }

    @Test
    void streamsThroughTheOnePassGiveTheEventsOfTheSeparatePath() throws Exception {
        float[] x = recording();
        List<TimedPrediction> separate = stream(EmotionStream.open(new Separate(SHIPPED), RATE, StreamSettings.defaults()), x);
        List<TimedPrediction> onePass = stream(EmotionStream.open(SHIPPED, RATE, StreamSettings.defaults()), x);
        assertTrue(separate.size() >= 8, separate.size() + " events");
        assertEquals(separate, onePass);
        // no event inside a tone: each tone (2.5 s after its clip) is called no speech
        double t = 0;
        for (String name : StreamTimelineTest.CLIPS) {
            t += 1.3 + AudioClip.read(Path.of("src/test/resources/clips", name)).durationSeconds();
            for (TimedPrediction e : onePass) {
                assertTrue(e.startSeconds() < t + 0.5 || e.startSeconds() >= t + 2.5 + 1.3 - 0.5,
                        "an event inside the tone at " + t + " s: " + e);
            }
            t += 2.5;
        }
        EmotionClassifier adapted = EmotionClassifier.load(
                Path.of("src/main/resources/io/github/ser4j/models/ravdess-adapted.ser4j"));
        assertEquals(stream(EmotionStream.open(new SeparateSession(adapted.newSpeakerSession()), RATE,
                StreamSettings.defaults()), x),
                stream(EmotionStream.open(adapted.newSpeakerSession(), RATE, StreamSettings.defaults()), x));
    }
}
