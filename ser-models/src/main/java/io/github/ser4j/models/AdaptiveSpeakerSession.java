package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.SpeakerProfile;
import io.github.ser4j.core.SpeakerSession;
import io.github.ser4j.core.SpeechEvidence;
import io.github.ser4j.features.SpeechDetector;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A speaker session of a speaker-adapted {@link SmoEmotionClassifier}: an immutable
 * {@link SpeakerProfile} behind an atomic reference, replaced by compare-and-set on every update, so
 * concurrent callers never lose a clip and a prediction always sees one consistent snapshot. A clip
 * without speech ({@link SpeechDetector}) gets a no-speech prediction and is not learnt: silence or
 * noise would pull the speaker's baseline away from their voice.
 */
final class AdaptiveSpeakerSession implements SpeakerSession {

    private final SmoEmotionClassifier model;
    private final AtomicReference<SpeakerProfile> profile;

    AdaptiveSpeakerSession(SmoEmotionClassifier model, SpeakerProfile start) {
        this.model = model;
        this.profile = new AtomicReference<>(start);
    }

    @Override
    public Prediction predict(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        FeatureExtractor fx = model.featureExtractor();
        return SpeechDetector.analyse(SmoEmotionClassifier.heard(clip, fx), fx, Prediction::noSpeech, (speech, features) -> {
            Prediction p = predictFeatures(features);
            observeFeatures(features);
            return p.withSpeech(speech);
        });
    }

    @Override
    public Prediction predictFeatures(double[] features) {
        check(features);
        return model.predict(features, profile.get());
    }

    @Override
    public void observeFeatures(double[] features) {
        check(features);
        profile.updateAndGet(p -> p.plus(features));
    }

    private void check(double[] features) {
        if (features == null || features.length != model.featureExtractor().dimension()) {
            throw new IllegalArgumentException("expected " + model.featureExtractor().dimension() + " features, got "
                    + (features == null ? "null" : features.length));
        }
        for (int i = 0; i < features.length; i++) {
            if (!Double.isFinite(features[i])) {
                throw new IllegalArgumentException("feature " + i + " is " + features[i] + "; features must be finite");
            }
        }
    }

    @Override
    public java.util.Optional<SpeechEvidence> detectSpeech(AudioClip clip) {
        return model.detectSpeech(clip);
    }

    @Override
    public <T> T analyseSpeech(AudioClip clip, java.util.function.Function<SpeechEvidence, T> noSpeech,
            java.util.function.BiFunction<SpeechEvidence, double[], T> speech) {
        return model.analyseSpeech(clip, noSpeech, speech);
    }

    @Override
    public FeatureExtractor featureExtractor() {
        return model.featureExtractor();
    }

    @Override
    public SpeakerProfile profile() {
        return profile.get();
    }

    @Override
    public double speakerWeight() {
        return model.provenance().speakerNormalization().speakerWeight(profile.get().count());
    }

    @Override
    public String toString() {
        return "SpeakerSession[" + profile.get() + ", " + model + "]";
    }
}
