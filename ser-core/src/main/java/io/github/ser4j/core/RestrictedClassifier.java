package io.github.ser4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A classifier over a subset of another's labels (see {@link EmotionClassifier#restrictedTo}): every
 * prediction of the underlying classifier, its sessions and its streams is renormalised over the
 * subset with {@link Prediction#restrictedTo}. No-speech results pass through unchanged.
 *
 * <p>Thread-safety: immutable; as safe for concurrent use as the underlying classifier (ser4j's are).
 */
final class RestrictedClassifier implements EmotionClassifier {

    private final EmotionClassifier base;
    private final Set<Emotion> subset;
    private final List<Emotion> labels;

    RestrictedClassifier(EmotionClassifier base, Set<Emotion> subset) {
        if (base == null || subset == null || subset.isEmpty() || holdsNull(subset)) {
            throw new IllegalArgumentException("restrictedTo needs a non-empty set of labels without null, got " + subset);
        }
        EnumSet<Emotion> missing = EnumSet.copyOf(subset);
        missing.removeAll(base.labels());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("cannot restrict to " + missing + ": the classifier's labels are "
                    + base.labels());
        }
        this.base = base;
        this.subset = Collections.unmodifiableSet(EnumSet.copyOf(subset));
        this.labels = List.copyOf(new ArrayList<>(EnumSet.copyOf(subset)));
    }

    @Override
    public EmotionClassifier forInputRate(float inputRateHz) {
        EmotionClassifier c = base.forInputRate(inputRateHz);
        return c == base ? this : new RestrictedClassifier(c, subset);
    }

    @Override
    public Prediction predict(AudioClip clip) {
        return base.predict(clip).restrictedTo(subset);
    }

    @Override
    public Optional<SpeechEvidence> detectSpeech(AudioClip clip) {
        return base.detectSpeech(clip);
    }

    @Override
    public <T> T analyseSpeech(AudioClip clip, java.util.function.Function<SpeechEvidence, T> noSpeech,
            java.util.function.BiFunction<SpeechEvidence, double[], T> speech) {
        return base.analyseSpeech(clip, noSpeech, speech); // features are not restricted, only predictions
    }

    @Override
    public List<Emotion> labels() {
        return labels;
    }

    @Override
    public String featureExtractorId() {
        return base.featureExtractorId();
    }

    @Override
    public FeatureExtractor featureExtractor() {
        return base.featureExtractor();
    }

    @Override
    public Prediction predictFeatures(double[] features) {
        return base.predictFeatures(features).restrictedTo(subset);
    }

    @Override
    public SpeakerSession newSpeakerSession() {
        return new Session(base.newSpeakerSession(), subset);
    }

    @Override
    public SpeakerSession newSpeakerSession(SpeakerProfile profile) {
        return new Session(base.newSpeakerSession(profile), subset);
    }

    @Override
    public EmotionClassifier restrictedTo(Set<Emotion> labels) {
        return new RestrictedClassifier(base, checkedSubset(labels));
    }

    /** Whether a set holds null, found by iterating: {@code Set.of(...).contains(null)} throws NullPointerException. */
    private static boolean holdsNull(Set<Emotion> labels) {
        return labels.stream().anyMatch(e -> e == null);
    }

    private Set<Emotion> checkedSubset(Set<Emotion> requested) {
        if (requested == null || requested.isEmpty() || holdsNull(requested)) {
            throw new IllegalArgumentException("restrictedTo needs a non-empty set of labels without null, got "
                    + requested);
        }
        if (!subset.containsAll(requested)) {
            EnumSet<Emotion> missing = EnumSet.copyOf(requested);
            missing.removeAll(subset);
            throw new IllegalArgumentException("cannot restrict to " + missing + ": the classifier's labels are "
                    + labels);
        }
        return requested;
    }

    @Override
    public String toString() {
        return base + " restricted to " + labels;
    }

    /** A session of the underlying classifier whose predictions are restricted likewise. */
    private record Session(SpeakerSession base, Set<Emotion> subset) implements SpeakerSession {

        @Override
        public Prediction predict(AudioClip clip) {
            return base.predict(clip).restrictedTo(subset);
        }

        @Override
        public Prediction predictFeatures(double[] features) {
            return base.predictFeatures(features).restrictedTo(subset);
        }

        @Override
        public void observeFeatures(double[] features) {
            base.observeFeatures(features);
        }

        @Override
        public Optional<SpeechEvidence> detectSpeech(AudioClip clip) {
            return base.detectSpeech(clip);
        }

        @Override
        public <T> T analyseSpeech(AudioClip clip, java.util.function.Function<SpeechEvidence, T> noSpeech,
                java.util.function.BiFunction<SpeechEvidence, double[], T> speech) {
            return base.analyseSpeech(clip, noSpeech, speech);
        }

        @Override
        public FeatureExtractor featureExtractor() {
            return base.featureExtractor();
        }

        @Override
        public SpeakerProfile profile() {
            return base.profile();
        }

        @Override
        public long clipsObserved() {
            return base.clipsObserved();
        }

        @Override
        public double speakerWeight() {
            return base.speakerWeight();
        }
    }
}
