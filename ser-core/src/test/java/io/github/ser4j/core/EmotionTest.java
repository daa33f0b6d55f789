package io.github.ser4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RAVDESS codes, word parsing and its error messages. */
class EmotionTest {

    @Test
    void ravdessCodesFollowTheCorpusOrder() {
        String[] ravdess = {"neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"};
        assertEquals(8, Emotion.values().length);
        for (int code = 1; code <= 8; code++) {
            Emotion e = Emotion.fromRavdessCode(code);
            assertEquals(code, e.ravdessCode());
            assertEquals(ravdess[code - 1], e.word());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9, -1, Integer.MIN_VALUE})
    void badCodesAreNamed(int code) {
        assertEquals("RAVDESS emotion code must be 1 to 8, got " + code,
                assertThrows(IllegalArgumentException.class, () -> Emotion.fromRavdessCode(code)).getMessage());
    }

    @Test
    void everyWordParsesBackToItsEmotion() {
        for (Emotion e : Emotion.values()) {
            assertEquals(e, Emotion.parse(e.word()));
            assertEquals(e, Emotion.parse(e.name()));
        }
    }

    @ParameterizedTest
    @CsvSource({"'  Angry ', ANGRY", "SURPRISE, SURPRISED", "fear, FEARFUL", "disgusted, DISGUST", "anger, ANGRY",
        "happiness, HAPPY", "Sadness, SAD", "CALM, CALM"})
    void variantsAndCaseAndSpaceAreAccepted(String word, Emotion expected) {
        assertEquals(expected, Emotion.parse(word));
    }

    @Test
    void unknownWordsAreNamedWithTheChoices() {
        assertEquals("unknown emotion 'bored'; expected one of [neutral, calm, happy, sad, angry, fearful, disgust, surprised]",
                assertThrows(IllegalArgumentException.class, () -> Emotion.parse("bored")).getMessage());
        assertEquals("unknown emotion ''; expected one of [neutral, calm, happy, sad, angry, fearful, disgust, surprised]",
                assertThrows(IllegalArgumentException.class, () -> Emotion.parse("")).getMessage());
        assertEquals("emotion word must not be null",
                assertThrows(IllegalArgumentException.class, () -> Emotion.parse(null)).getMessage());
    }
}
