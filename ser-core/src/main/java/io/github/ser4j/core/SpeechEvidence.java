package io.github.ser4j.core;

/**
 * How much speech a speech detector found in a clip, and its verdict: a clip without speech (silence,
 * steady noise, a tone, music) gets a {@link Prediction#noSpeech no-speech prediction} instead of an
 * emotion.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param speech whether the clip holds speech
 * @param voicedSeconds seconds of voiced sound found (periodic frames with a pitch in the voice range),
 *     at least 0
 * @param durationSeconds the clip's length in seconds, at least {@code voicedSeconds}
 * @param reason why the clip holds no speech, in one sentence; empty when it does
 */
public record SpeechEvidence(boolean speech, double voicedSeconds, double durationSeconds, String reason) {

    /**
     * Validates the evidence.
     *
     * @param speech the record component of the same name
     * @param voicedSeconds the record component of the same name
     * @param durationSeconds the record component of the same name
     * @param reason the record component of the same name
     * @throws IllegalArgumentException if a duration is negative or not finite, voiced exceeds the
     *     duration (beyond a frame's rounding), the reason is null, or a no-speech verdict has no reason
     */
    public SpeechEvidence {
        if (!(voicedSeconds >= 0) || !Double.isFinite(voicedSeconds) || !(durationSeconds >= 0)
                || !Double.isFinite(durationSeconds) || voicedSeconds > durationSeconds + 0.02) {
            throw new IllegalArgumentException("need 0 <= voicedSeconds <= durationSeconds, got " + voicedSeconds
                    + " and " + durationSeconds);
        }
        if (reason == null || (!speech && reason.isBlank())) {
            throw new IllegalArgumentException("a no-speech verdict needs a reason");
        }
    }

    /**
     * Evidence of speech.
     *
     * @param voicedSeconds seconds of voiced sound found
     * @param durationSeconds the clip's length
     * @return the evidence
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static SpeechEvidence speech(double voicedSeconds, double durationSeconds) {
        return new SpeechEvidence(true, voicedSeconds, durationSeconds, "");
    }

    /**
     * A no-speech verdict.
     *
     * @param voicedSeconds seconds of voiced sound found
     * @param durationSeconds the clip's length
     * @param reason why it is not speech
     * @return the evidence
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static SpeechEvidence noSpeech(double voicedSeconds, double durationSeconds, String reason) {
        return new SpeechEvidence(false, voicedSeconds, durationSeconds, reason);
    }
}
