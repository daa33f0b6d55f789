package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.EmotionStream;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.SpeakerSession;
import io.github.ser4j.core.StreamSettings;
import io.github.ser4j.core.TimedPrediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped model with its speech detector: no emotion for silence, a tone or noise; sessions and streams too. */
class NoSpeechTest {

    private static final float RATE = 16_000f;
    private static EmotionClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = EmotionClassifier.load();
    }

    private static AudioClip tone(double seconds, double hz) {
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return AudioClip.of(x, RATE);
    }

    @Test
    void silenceToneAndNoiseGetNoEmotionSpeechDoes() throws Exception {
        float[] noise = new float[(int) (2 * RATE)];
        Random r = new Random(2);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.05 * r.nextGaussian());
        }
        for (AudioClip c : List.of(AudioClip.of(new float[(int) (2 * RATE)], RATE), tone(2, 220),
                AudioClip.of(noise, RATE))) {
            Prediction p = classifier.predict(c);
            assertFalse(p.hasSpeech(), p.toString());
            assertEquals(null, p.emotion());
            assertFalse(p.speech().reason().isBlank());
        }
        Prediction speech = classifier.predict(Path.of("src/test/resources/clips/03-01-05-02-01-01-02.wav"));
        assertTrue(speech.hasSpeech());
        assertNotNull(speech.emotion());
        assertTrue(speech.speech().voicedSeconds() > 0.5, speech.speech().toString());
    }

    @Test
    void sessionsDoNotLearnFromClipsWithoutSpeech() throws Exception {
        SpeakerSession s = classifier.newSpeakerSession();
        assertFalse(s.predict(tone(2, 150)).hasSpeech());
        assertFalse(s.predict(AudioClip.of(new float[8000], RATE)).hasSpeech());
        assertEquals(0, s.clipsObserved(), "no-speech clips are not learnt");
        Prediction p = s.predict(AudioClip.read(Path.of("src/test/resources/clips/03-01-04-02-01-01-02.wav")));
        assertTrue(p.hasSpeech());
        assertEquals(1, s.clipsObserved());
    }

    @Test
    void streamsEmitNothingForAToneOrNoiseAfterSilenceAndSessionsLearnNothing() {
        Random r = new Random(4);
        for (int kind = 0; kind < 2; kind++) {
            float[] x = new float[(int) (6 * RATE)];
            for (int i = (int) RATE; i < 5 * RATE; i++) {
                x[i] = kind == 0 ? (float) (0.4 * Math.sin(2 * Math.PI * 220 * i / RATE)) : (float) (0.1 * r.nextGaussian());
            }
            SpeakerSession session = classifier.newSpeakerSession();
            for (EmotionStream stream : List.of(EmotionStream.open(classifier, RATE, StreamSettings.defaults()),
                    EmotionStream.open(session, RATE, StreamSettings.defaults()))) {
                List<TimedPrediction> events = new ArrayList<>(stream.accept(x));
                events.addAll(stream.finish());
                assertEquals(List.of(), events, kind == 0 ? "tone" : "noise");
            }
            assertEquals(0, session.clipsObserved());
        }
    }

    @Test
    void aFeatureThrownFarIsFlaggedOutOfDomainTheStudioClipIsNot() throws Exception {
        SmoEmotionClassifier m = (SmoEmotionClassifier) classifier;
        AudioClip clip = AudioClip.read(Path.of("src/test/resources/clips/03-01-04-02-01-01-02.wav"));
        Prediction clean = m.predict(clip);
        assertFalse(clean.outOfDomain(), clean.domain().describe());
        assertTrue(clean.domain().rmsZ() > 0.3 && clean.domain().rmsZ() < DomainRule.RMS_LIMIT, clean.domain().describe());
        assertEquals(m.featureExtractor().dimension(), clean.domain().features());

        double[] f = SmoEmotionClassifier.features(clip, m.featureExtractor());
        double[] z = m.zScores(f, null);
        int far = 7;
        String name = m.provenance().featureNames().get(far);
        f[far] += 1000 * sdOf(m, far); // one feature 1000 training sd away, the rest as recorded
        Prediction shifted = m.predictFeatures(f);
        assertTrue(shifted.outOfDomain(), shifted.domain().describe());
        assertTrue(clean.hasEmotion());
        assertEquals(null, shifted.emotion(), "no emotion for an input the model does not know");
        assertEquals(0.0, shifted.confidence());
        assertEquals(Research.distribution(m, f)[0], shifted.probabilities().get(m.labels().get(0)), 0.0,
                "the model's distribution is kept for research");
        assertEquals(name, shifted.domain().largestFeature());
        assertEquals(shifted.domain(), Research.domainCheck(m, f), "the harness's check without the SVM is the same");
        assertEquals(clean.domain(), Research.domainCheck(m, SmoEmotionClassifier.features(clip, m.featureExtractor())));
        double expected = Math.sqrt((sumSquares(z) - z[far] * z[far] + Math.pow(m.zScores(f, null)[far], 2)) / z.length);
        assertEquals(expected, shifted.domain().rmsZ(), 1e-9, "the RMS of the plain z-scores of the row the SVM sees");

        float[] s = clip.samples();
        Random r = new Random(9);
        for (int i = 0; i < s.length; i++) {
            s[i] += (float) (0.003 * r.nextGaussian()); // white noise floor at about -50 dBFS
        }
        Prediction noisy = m.predict(AudioClip.of(s, clip.sampleRateHz()));
        assertTrue(noisy.hasSpeech());
        assertTrue(noisy.domain().rmsZ() > clean.domain().rmsZ(), noisy.domain().describe() + " vs " + clean.domain().describe());
    }

    @Test
    void speechPlayedAtTwiceItsSpeedIsOutOfDomainAndGetsNoEmotionFromPredictSessionsOrTheCli() throws Exception {
        AudioClip clip = AudioClip.read(Path.of("src/test/resources/clips/03-01-05-02-01-01-02.wav"));
        Prediction as = classifier.predict(clip);
        assertTrue(as.hasEmotion() && !as.outOfDomain(), as.domain().describe());
        // band-limited to 4 kHz, then read at 16 kHz: the same voice an octave up, in half the time
        AudioClip fast = AudioClip.of(clip.resampledTo(8_000f).samples(), RATE);
        Prediction p = classifier.predict(fast);
        assertTrue(p.hasSpeech(), "still a voice");
        assertTrue(p.outOfDomain(), p.domain().describe());
        assertFalse(p.hasEmotion());
        assertEquals(0.0, p.confidence());
        assertEquals(classifier.labels().size(), p.probabilities().size(), "the model's distribution stays");
        SpeakerSession session = classifier.newSpeakerSession();
        assertFalse(session.predict(fast).hasEmotion(), "a new session normalises with the population's statistics");
        assertEquals(1, session.clipsObserved(), "but learns the clip: it is speech");
        Map<String, Object> row = ResultRecords.prediction("fast.wav", p);
        List<String> flat = ResultRecords.flat(row, ResultRecords.predictColumns(classifier.labels()), true);
        assertEquals("out-of-domain", flat.get(1));
        assertEquals("", flat.get(2), "no confidence");
        assertEquals(p.domain().describe(), flat.get(flat.size() - 1));
    }

    /** One feature's training standard deviation, from two z-scores of the model's own standardiser. */
    private static double sdOf(SmoEmotionClassifier m, int j) {
        double[] a = new double[m.featureExtractor().dimension()];
        double[] b = a.clone();
        b[j] = 1;
        return 1 / (m.zScores(b, null)[j] - m.zScores(a, null)[j]);
    }

    private static double sumSquares(double[] z) {
        double s = 0;
        for (double v : z) {
            s += v * v;
        }
        return s;
    }
}
