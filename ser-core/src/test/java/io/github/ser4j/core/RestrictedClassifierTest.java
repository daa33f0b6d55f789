package io.github.ser4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link EmotionClassifier#restrictedTo}'s argument handling (its streams: {@code EmotionStreamTest}). */
class RestrictedClassifierTest {

    static final EmotionClassifier CLASSIFIER = EmotionStreamTest.CLASSIFIER;

    @Test
    void restrictedToTakesAnyKindOfSetAndNamesWhatIsWrong() {
        // immutable sets throw on contains(null): Set.of and List.copyOf-style sets must still work
        assertEquals(List.of(Emotion.HAPPY), CLASSIFIER.restrictedTo(java.util.Set.of(Emotion.HAPPY)).labels());
        assertEquals(List.of(Emotion.HAPPY, Emotion.SAD),
                CLASSIFIER.restrictedTo(java.util.Set.copyOf(List.of(Emotion.SAD, Emotion.HAPPY))).labels());
        java.util.Set<Emotion> withNull = new java.util.HashSet<>(java.util.Arrays.asList(Emotion.HAPPY, null));
        assertEquals("restrictedTo needs a non-empty set of labels without null, got " + withNull,
                assertThrows(IllegalArgumentException.class, () -> CLASSIFIER.restrictedTo(withNull)).getMessage());
        assertEquals("restrictedTo needs a non-empty set of labels without null, got []",
                assertThrows(IllegalArgumentException.class, () -> CLASSIFIER.restrictedTo(java.util.Set.of())).getMessage());
        // and a restricted classifier restricted again
        EmotionClassifier both = CLASSIFIER.restrictedTo(java.util.Set.of(Emotion.HAPPY, Emotion.SAD));
        assertEquals(List.of(Emotion.SAD), both.restrictedTo(java.util.Set.of(Emotion.SAD)).labels());
        assertEquals("restrictedTo needs a non-empty set of labels without null, got " + withNull,
                assertThrows(IllegalArgumentException.class, () -> both.restrictedTo(withNull)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CLASSIFIER.restrictedTo(java.util.Set.of(Emotion.ANGRY))).getMessage().startsWith("cannot restrict to [ANGRY]"));
    }
}
