package io.github.ser4j.core;

import java.util.Locale;

/**
 * The eight emotion classes of the RAVDESS corpus, in RAVDESS code order.
 *
 * <p>Thread-safety: an enum; immutable and safe to share between threads.
 */
public enum Emotion {
    /** RAVDESS code 01. */
    NEUTRAL(1),
    /** RAVDESS code 02. */
    CALM(2),
    /** RAVDESS code 03. */
    HAPPY(3),
    /** RAVDESS code 04. */
    SAD(4),
    /** RAVDESS code 05. */
    ANGRY(5),
    /** RAVDESS code 06. */
    FEARFUL(6),
    /** RAVDESS code 07. */
    DISGUST(7),
    /** RAVDESS code 08. */
    SURPRISED(8);

    private static final Emotion[] VALUES = values();

    private final int ravdessCode;

    Emotion(int ravdessCode) {
        this.ravdessCode = ravdessCode;
    }

    /**
     * The emotion's code in RAVDESS file names (the third field, {@code 01}–{@code 08}).
     *
     * @return the code, 1 to 8
     */
    public int ravdessCode() {
        return ravdessCode;
    }

    /**
     * The emotion with a given RAVDESS code.
     *
     * @param code the code, 1 to 8
     * @return the emotion
     * @throws IllegalArgumentException if {@code code} is not between 1 and 8
     */
    public static Emotion fromRavdessCode(int code) {
        if (code < 1 || code > VALUES.length) {
            throw new IllegalArgumentException("RAVDESS emotion code must be 1 to 8, got " + code);
        }
        return VALUES[code - 1];
    }

    /**
     * Parses an emotion word, case-insensitively and ignoring surrounding white space. Besides the
     * constant names it accepts the common variants {@code surprise}, {@code fear}, {@code fearful},
     * {@code disgusted}, {@code anger}, {@code happiness} and {@code sadness}.
     *
     * @param word the word, such as {@code "angry"} or {@code "Neutral"}
     * @return the emotion
     * @throws IllegalArgumentException if {@code word} is null or names no emotion
     */
    public static Emotion parse(String word) {
        if (word == null) {
            throw new IllegalArgumentException("emotion word must not be null");
        }
        String w = word.trim().toLowerCase(Locale.ROOT);
        switch (w) {
            case "surprise": return SURPRISED;
            case "fear": return FEARFUL;
            case "disgusted": return DISGUST;
            case "anger": return ANGRY;
            case "happiness": return HAPPY;
            case "sadness": return SAD;
            default:
                for (Emotion e : VALUES) {
                    if (e.name().toLowerCase(Locale.ROOT).equals(w)) {
                        return e;
                    }
                }
                throw new IllegalArgumentException("unknown emotion '" + word + "'; expected one of "
                        + java.util.Arrays.toString(VALUES).toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The lower-case word for this emotion, as used in manifests and JSON output.
     *
     * @return for example {@code "angry"}
     */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
