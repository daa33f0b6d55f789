package io.github.ser4j.core;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The default of {@link EmotionClassifier#analyseSpeech} and {@link SpeakerSession#analyseSpeech}: the speech
 * detector, then, unless it found no speech, a separate extraction.
 *
 * <p>Thread-safety: stateless.
 */
final class SpeechAnalysis {

    private SpeechAnalysis() {
    }

    static <T> T separately(AudioClip clip, FeatureExtractor extractor,
            Function<AudioClip, Optional<SpeechEvidence>> detector, Function<SpeechEvidence, T> noSpeech,
            BiFunction<SpeechEvidence, double[], T> speech) {
        check(clip, noSpeech, speech);
        Optional<SpeechEvidence> evidence = detector.apply(clip);
        if (evidence.isPresent() && !evidence.get().speech()) {
            return noSpeech.apply(evidence.get());
        }
        return speech.apply(evidence.orElse(null), extractor.extract(clip));
    }

    private static void check(AudioClip clip, Object noSpeech, Object speech) {
        if (clip == null || noSpeech == null || speech == null) {
            throw new IllegalArgumentException((clip == null ? "clip" : noSpeech == null ? "noSpeech" : "speech")
                    + " must not be null");
        }
    }
}
