package io.github.ser4j.core;

/**
 * A classifier adapted to one speaker. Emotion shows as a change from a speaker's own baseline, so a
 * session keeps the running mean and variance of the features of that speaker's clips (a
 * {@link SpeakerProfile}) and predicts with a model trained on per-speaker-normalised features. Until
 * it has seen enough of the speaker, it falls back to, blends with, or (ser4j's models) shrinks the
 * speaker's statistics towards population priors; the implementation documents how much is enough
 * and {@link #speakerWeight()} reports how far it has got.
 *
 * <p>Obtain one from {@link EmotionClassifier#newSpeakerSession()}; save its {@link #profile()} and
 * resume with {@link EmotionClassifier#newSpeakerSession(SpeakerProfile)}.
 *
 * <p>Thread-safety: implementations are safe for concurrent use; each update is atomic. Sessions are
 * independent of each other and cheap (memory linear in the feature dimension).
 */
public interface SpeakerSession {

    /**
     * Predicts a clip with the statistics of the clips observed before it, then adds the clip to the
     * statistics: {@link #predictFeatures} followed by {@link #observeFeatures} on its features. A clip
     * in which the implementation's speech detector finds no speech gets {@link Prediction#noSpeech} and
     * is not added (ser4j's sessions do this). A clip of speech out of the model's domain
     * ({@link Prediction#outOfDomain()}: no emotion) is added all the same: it is the speaker's voice, and
     * the speaker's statistics are what brings their next clips into the domain.
     *
     * @param clip the clip, at any rate
     * @return the prediction, or a no-speech prediction
     * @throws IllegalArgumentException if {@code clip} is null
     */
    Prediction predict(AudioClip clip);

    /**
     * Predicts from a feature vector of {@link #featureExtractor()} with the current statistics, without
     * changing them.
     *
     * @param features the vector
     * @return the prediction
     * @throws IllegalArgumentException if {@code features} is null, of another length, or not finite
     */
    Prediction predictFeatures(double[] features);

    /**
     * Adds a clip's feature vector to the speaker's statistics without predicting (for example an
     * enrolment recording).
     *
     * @param features the vector
     * @throws IllegalArgumentException if {@code features} is null, of another length, or not finite
     */
    void observeFeatures(double[] features);

    /**
     * Looks for speech in a clip with the session's speech detector (see
     * {@link EmotionClassifier#detectSpeech(AudioClip)}).
     *
     * @param clip the clip, at any rate
     * @return the detector's evidence, or empty if the session has no speech detector (this default)
     * @throws IllegalArgumentException if {@code clip} is null
     */
    default java.util.Optional<SpeechEvidence> detectSpeech(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        return java.util.Optional.empty();
    }

    /**
     * {@link #detectSpeech} and, unless it finds no speech, the clip's features, in one pass where the session's
     * model can share work between them (see {@link EmotionClassifier#analyseSpeech}); neither predicts nor
     * observes. This default runs the detector, then {@code featureExtractor().extract(clip)}; see
     * {@link EmotionClassifier#analyseSpeech} for what implementations may do instead.
     *
     * @param clip the clip, at any rate
     * @param noSpeech what to return when the detector finds no speech, given its evidence
     * @param speech what to return otherwise, given the evidence (null without a detector) and the features
     * @param <T> what the callbacks return
     * @return what the callback called returned
     * @throws IllegalArgumentException if an argument is null
     */
    default <T> T analyseSpeech(AudioClip clip, java.util.function.Function<SpeechEvidence, T> noSpeech,
            java.util.function.BiFunction<SpeechEvidence, double[], T> speech) {
        return SpeechAnalysis.separately(clip, featureExtractor(), this::detectSpeech, noSpeech, speech);
    }

    /**
     * The extractor whose features the session expects.
     *
     * @return the extractor
     */
    FeatureExtractor featureExtractor();

    /**
     * A snapshot of the speaker's statistics, to save and later resume from.
     *
     * @return the profile
     */
    SpeakerProfile profile();

    /**
     * How many clips the session's statistics hold (restored ones included).
     *
     * @return {@code profile().count()}
     */
    default long clipsObserved() {
        return profile().count();
    }

    /**
     * How far the session is adapted: the weight, from 0 (nothing heard, the unadapted or population
     * behaviour) to 1 (the speaker's own statistics only), that the speaker's statistics carry in the
     * next prediction. Implementations that shrink or blend say how it grows; this default says 0
     * before the first clip and 1 after it.
     *
     * @return a value in [0, 1]
     */
    default double speakerWeight() {
        return clipsObserved() == 0 ? 0 : 1;
    }
}
