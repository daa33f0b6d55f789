package io.github.ser4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimedPredictionTest {

    private static TimedPrediction event(double start, Emotion top, double p, Emotion second) {
        Map<Emotion, Double> m = new EnumMap<>(Emotion.class);
        m.put(top, p);
        m.put(second, 1 - p);
        return new TimedPrediction(start, start + 1, Prediction.of(m), false);
    }

    @Test
    void anEventNeedsAPredictionWithAnEmotion() {
        Prediction q = Prediction.of(Map.of(Emotion.CALM, 0.8, Emotion.NEUTRAL, 0.2)).withDomain(new DomainCheck(true, 11.4, 2, 494, 207, "rms_min"));
        assertEquals("an event needs a prediction with an emotion, got one out of domain (" + q.domain().describe() + ")",
                assertThrows(IllegalArgumentException.class, () -> new TimedPrediction(0, 1, q, false)).getMessage());
        Prediction none = Prediction.noSpeech(SpeechEvidence.noSpeech(0, 1, "silence"));
        assertEquals("an event needs a prediction with an emotion, got one without speech",
                assertThrows(IllegalArgumentException.class, () -> new TimedPrediction(0, 1, none, false)).getMessage());
    }

    @Test
    void theMajorityIsTheMostFrequentLabel() {
        List<TimedPrediction> run = List.of(event(0, Emotion.FEARFUL, 0.99, Emotion.ANGRY),
                event(0.5, Emotion.ANGRY, 0.51, Emotion.FEARFUL), event(1, Emotion.ANGRY, 0.51, Emotion.FEARFUL));
        // fearful has the larger summed probability (0.99 + 0.49 + 0.49), but angry has two votes
        assertEquals(Emotion.ANGRY, TimedPrediction.majority(run));
    }

    @Test
    void aTieGoesToTheLargerSummedProbability() {
        assertEquals(Emotion.SAD, TimedPrediction.majority(List.of(event(0, Emotion.HAPPY, 0.6, Emotion.SAD),
                event(1, Emotion.SAD, 0.9, Emotion.HAPPY))));
        assertEquals(Emotion.HAPPY, TimedPrediction.majority(List.of(event(0, Emotion.HAPPY, 0.95, Emotion.SAD),
                event(1, Emotion.SAD, 0.6, Emotion.HAPPY))));
    }

    @Test
    void noEventsIsAnError() {
        assertEquals("events must not be null or empty",
                assertThrows(IllegalArgumentException.class, () -> TimedPrediction.majority(List.of())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimedPrediction.majority(null));
    }
}
