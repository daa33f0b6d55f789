package io.github.ser4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation, the sum tolerance, argmax in {@link Prediction#of} and the frozen map. */
class PredictionTest {

    private static Map<Emotion, Double> dist(double... p) {
        Map<Emotion, Double> m = new EnumMap<>(Emotion.class);
        for (int i = 0; i < p.length; i++) {
            m.put(Emotion.values()[i], p[i]);
        }
        return m;
    }

    private static String rejected(Map<Emotion, Double> probabilities) {
        return assertThrows(IllegalArgumentException.class, () -> Prediction.of(probabilities)).getMessage();
    }

    @Test
    void ofPicksTheMostProbableLabel() {
        Prediction p = Prediction.of(dist(0.1, 0.05, 0.05, 0.6, 0.2));
        assertEquals(Emotion.SAD, p.emotion());
        assertEquals(0.6, p.confidence());
        assertEquals(0.2, p.probabilityOf(Emotion.ANGRY));
        assertEquals(0.0, p.probabilityOf(Emotion.SURPRISED), "labels the classifier lacks have probability 0");
    }

    @Test
    void tiesGoToTheFirstInEmotionOrderWhateverTheMapOrder() {
        Map<Emotion, Double> m = new HashMap<>();
        m.put(Emotion.SURPRISED, 0.4);
        m.put(Emotion.CALM, 0.4);
        m.put(Emotion.HAPPY, 0.2);
        assertEquals(Emotion.CALM, Prediction.of(m).emotion());
    }

    @Test
    void probabilitiesAreCopiedInEmotionOrderAndFrozen() {
        Map<Emotion, Double> m = new HashMap<>(dist(0.25, 0.75));
        Prediction p = Prediction.of(m);
        m.put(Emotion.CALM, 0.0);
        assertEquals(0.75, p.probabilities().get(Emotion.CALM));
        assertEquals(List.of(Emotion.NEUTRAL, Emotion.CALM), List.copyOf(p.probabilities().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> p.probabilities().put(Emotion.SAD, 0.0));
        assertThrows(UnsupportedOperationException.class, () -> p.probabilities().clear());
    }

    @Test
    void sumMustBeOneWithinTheTolerance() {
        Prediction.of(dist(0.5, 0.5 + 0.9e-6));
        Prediction.of(dist(0.5, 0.5 - 0.9e-6));
        assertEquals("probabilities must sum to 1, got 1.0000011", rejected(dist(0.5, 0.5000011)));
        assertEquals("probabilities must sum to 1, got 0.9", rejected(dist(0.5, 0.4)));
    }

    @Test
    void eachProbabilityMustBeAFiniteNumberInTheUnitInterval() {
        assertEquals("probability of NEUTRAL must be in [0, 1], got 1.1", rejected(dist(1.1, -0.1)));
        assertEquals("probability of CALM must be in [0, 1], got -0.1", rejected(dist(0.9, -0.1, 0.2)));
        assertEquals("probability of NEUTRAL must be in [0, 1], got 1.5", rejected(dist(1.5, -0.5)));
        assertEquals("probability of CALM must be in [0, 1], got NaN", rejected(dist(1.0, Double.NaN)));
        Map<Emotion, Double> withNull = new EnumMap<>(dist(1.0));
        withNull.put(Emotion.SAD, null);
        assertEquals("probability of SAD must not be null", assertThrows(IllegalArgumentException.class,
                () -> new Prediction(Emotion.NEUTRAL, 1.0, withNull)).getMessage());
        assertEquals("probability of SAD must not be null", rejected(withNull));
        assertEquals("probability of NEUTRAL must be in [0, 1], got NaN", rejected(dist(Double.NaN)));
    }

    @Test
    void emptyOrNullDistributions() {
        assertEquals("probabilities must not be empty", rejected(Map.of()));
        assertEquals("probabilities must not be null", rejected(null));
        Map<Emotion, Double> nullLabel = new HashMap<>();
        nullLabel.put(null, 1.0);
        assertEquals("probabilities must not have a null label: {null=1.0}", rejected(nullLabel));
        assertEquals("emotion must not be null", assertThrows(IllegalArgumentException.class,
                () -> new Prediction(null, 1.0, dist(1.0))).getMessage());
    }

    @Test
    void constructorChecksTheEmotionIsTheMostProbable() {
        assertEquals("emotion CALM with probability 0.3 is not the most probable label of {NEUTRAL=0.7, CALM=0.3}",
                assertThrows(IllegalArgumentException.class,
                        () -> new Prediction(Emotion.CALM, 0.3, dist(0.7, 0.3))).getMessage());
        assertEquals("emotion NEUTRAL with probability 0.5 is not the most probable label of {NEUTRAL=0.7, CALM=0.3}",
                assertThrows(IllegalArgumentException.class,
                        () -> new Prediction(Emotion.NEUTRAL, 0.5, dist(0.7, 0.3))).getMessage());
        assertEquals("emotion SAD with probability 0.0 is not the most probable label of {NEUTRAL=1.0}",
                assertThrows(IllegalArgumentException.class, () -> new Prediction(Emotion.SAD, 0.0, dist(1.0))).getMessage());
        assertEquals(Emotion.CALM, new Prediction(Emotion.CALM, 0.5, dist(0.5, 0.5)).emotion(), "a tied label is accepted");
    }

    @Test
    @SuppressWarnings("deprecation")
    void theOldNameProbabilityIsTheConfidence() {
        Prediction p = Prediction.of(dist(0.1, 0.05, 0.05, 0.6, 0.2));
        assertEquals(0.6, p.confidence());
        assertEquals(p.confidence(), p.probability());
        assertEquals(p.probabilityOf(p.emotion()), p.confidence());
    }

    @Test
    void noSpeechHasNoEmotionAndSaysWhy() {
        SpeechEvidence why = SpeechEvidence.noSpeech(0.0, 2.0, "0.00 s of voiced sound");
        Prediction p = Prediction.noSpeech(why);
        assertEquals(false, p.hasSpeech());
        assertEquals(null, p.emotion());
        assertEquals(java.util.Optional.empty(), p.emotionIfSpeech());
        assertEquals(0.0, p.confidence());
        assertEquals(Map.of(), p.probabilities());
        assertEquals(0.0, p.probabilityOf(Emotion.ANGRY));
        assertEquals(why, p.speech());
        assertEquals(false, p.outOfDomain());
        assertEquals(p, p.restrictedTo(java.util.Set.of(Emotion.SAD)), "nothing to restrict");
        assertThrows(IllegalArgumentException.class, () -> new Prediction(Emotion.SAD, 1.0, Map.of(Emotion.SAD, 1.0), why, null));
        assertThrows(IllegalArgumentException.class, () -> Prediction.noSpeech(SpeechEvidence.speech(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> SpeechEvidence.noSpeech(0, 2, " "), "a verdict needs a reason");
        assertThrows(IllegalArgumentException.class, () -> SpeechEvidence.speech(3, 2));
    }

    @Test
    void speechCarriesItsEvidenceAndDomainCheck() {
        Prediction p = Prediction.of(dist(0.2, 0.8));
        assertEquals(true, p.hasSpeech(), "no detector ran: speech is assumed");
        Prediction q = p.withSpeech(SpeechEvidence.speech(1.2, 3.0))
                .withDomain(new DomainCheck(true, 65.8, 2, 494, 1463, "seed-librosa.rms_min"));
        assertEquals(1.2, q.speech().voicedSeconds());
        assertEquals(true, q.outOfDomain());
        assertEquals("RMS z-score 65.8 over 494 features (limit 2.00): largest 1.46e+03 sd, seed-librosa.rms_min",
                q.domain().describe());
        assertThrows(IllegalArgumentException.class, () -> p.withSpeech(SpeechEvidence.noSpeech(0, 1, "none")));
        assertThrows(IllegalArgumentException.class, () -> new DomainCheck(false, Double.NaN, 2, 4, 1, "x"));
        assertThrows(IllegalArgumentException.class, () -> new DomainCheck(false, 1, 0, 4, 1, "x"));
    }

    @Test
    void anOutOfDomainCheckTakesTheEmotionAwayAndKeepsTheModelsDistribution() {
        Prediction p = Prediction.of(dist(0.2, 0.8)).withSpeech(SpeechEvidence.speech(1.2, 3.0));
        DomainCheck far = new DomainCheck(true, 11.4, 2, 494, 207, "seed-librosa.rms_min");
        Prediction q = p.withDomain(far);
        assertEquals(false, q.hasEmotion());
        assertNull(q.emotion());
        assertEquals(0.0, q.confidence());
        assertEquals(java.util.Optional.empty(), q.emotionIfSpeech());
        assertEquals(true, q.hasSpeech(), "it is speech, just not speech the model knows");
        assertEquals(p.probabilities(), q.probabilities(), "the model's distribution stays, for research");
        assertEquals(Emotion.CALM, Prediction.of(q.probabilities()).emotion(), "the answer scoring counts");
        assertEquals(p.speech(), q.speech());
        assertEquals(far, q.domain());

        Prediction in = p.withDomain(new DomainCheck(false, 1.1, 2, 494, 4.2, "x"));
        assertEquals(Emotion.CALM, in.emotion(), "a check that does not flag keeps the emotion");
        assertEquals(true, in.hasEmotion());

        assertEquals("this prediction is out of domain already (" + far.describe() + ")",
                assertThrows(IllegalArgumentException.class, () -> q.withDomain(in.domain())).getMessage(),
                "an emotion taken away cannot come back by attaching another check");
        assertThrows(IllegalArgumentException.class,
                () -> new Prediction(Emotion.CALM, 0.8, dist(0.2, 0.8), null, far), "out of domain with an emotion");
        assertThrows(IllegalArgumentException.class,
                () -> new Prediction(null, 0, dist(0.2, 0.7), null, far), "the distribution is still checked");
        assertThrows(IllegalArgumentException.class, () -> new Prediction(null, 0, dist(0.2, 0.8), null, null),
                "in domain, an emotion is required");
    }

    @Test
    void restrictingAnOutOfDomainPredictionRestrictsItsDistributionAndGivesNoEmotion() {
        DomainCheck far = new DomainCheck(true, 3.5, 2, 494, 40, "x");
        Prediction q = Prediction.of(dist(0.1, 0.4, 0.2, 0.3)).withDomain(far);
        Prediction r = q.restrictedTo(java.util.EnumSet.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD));
        assertNull(r.emotion());
        assertEquals(0.2 / 0.6, r.probabilityOf(Emotion.HAPPY), 1e-12);
        assertEquals(far, r.domain());
    }

    @Test
    void probabilityOfANullEmotionIsRefusedNotZero() {
        Prediction p = Prediction.of(Map.of(Emotion.HAPPY, 0.6, Emotion.SAD, 0.4));
        assertEquals(0.0, p.probabilityOf(Emotion.ANGRY), "a label the classifier does not predict");
        assertEquals("emotion must not be null",
                assertThrows(IllegalArgumentException.class, () -> p.probabilityOf(null)).getMessage());
    }

    @Test
    void restrictedToRenormalisesOverTheSubset() {
        Prediction p = Prediction.of(dist(0.1, 0.4, 0.2, 0.3)).withSpeech(SpeechEvidence.speech(1, 2));
        Prediction r = p.restrictedTo(java.util.EnumSet.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD, Emotion.ANGRY));
        assertEquals(Emotion.SAD, r.emotion());
        assertEquals(0.5, r.confidence(), 1e-12);
        assertEquals(0.1 / 0.6, r.probabilityOf(Emotion.NEUTRAL), 1e-12);
        assertEquals(0.2 / 0.6, r.probabilityOf(Emotion.HAPPY), 1e-12);
        assertEquals(List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD), List.copyOf(r.probabilities().keySet()),
                "ANGRY is not one of the prediction's labels");
        assertEquals(p.speech(), r.speech());
        Prediction zero = Prediction.of(dist(0.0, 1.0, 0.0)).restrictedTo(java.util.EnumSet.of(Emotion.NEUTRAL, Emotion.HAPPY));
        assertEquals(0.5, zero.probabilityOf(Emotion.HAPPY), "all kept labels at 0: equal probabilities");
        assertThrows(IllegalArgumentException.class, () -> p.restrictedTo(java.util.Set.of()));
        assertThrows(IllegalArgumentException.class, () -> p.restrictedTo(java.util.Set.of(Emotion.SURPRISED)));
    }
}
