package io.github.ser4j.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Tells which emotion a voice carries, with a probability for each label.
 *
 * <pre>{@code
 * EmotionClassifier classifier = EmotionClassifier.load();     // the pretrained model
 * Prediction p = classifier.predict(samples);                    // 16 kHz mono floats
 * System.out.println(p.emotion() + " " + p.confidence());
 * }</pre>
 *
 * <p>Thread-safety: implementations must be safe for concurrent use; the classifier returned by
 * {@link #load()} may be shared by any number of threads.
 */
public interface EmotionClassifier {

    /** The sample rate {@link #predict(float[])} assumes. */
    float DEFAULT_SAMPLE_RATE_HZ = 16_000f;

    /**
     * Predicts the emotion of one clip.
     *
     * @param clip the clip, at any sample rate (it is resampled to the model's rate)
     * @return the prediction over {@link #labels()}, or, if the implementation's speech detector finds
     *     no speech in the clip, a {@linkplain Prediction#noSpeech no-speech prediction} without an
     *     emotion (ser4j's models check every clip; see {@link Prediction#hasSpeech()}); ser4j's models
     *     also give no emotion to speech far outside their training data ({@link Prediction#outOfDomain()})
     * @throws IllegalArgumentException if {@code clip} is null
     */
    Prediction predict(AudioClip clip);

    /**
     * Predicts the emotion of mono samples at a given rate.
     *
     * @param samples mono samples, nominally in [-1, 1]
     * @param sampleRateHz their sample rate
     * @return the prediction
     * @throws IllegalArgumentException if the samples or the rate break {@link AudioClip#of}'s limits
     */
    default Prediction predict(float[] samples, float sampleRateHz) {
        return predict(AudioClip.of(samples, sampleRateHz));
    }

    /**
     * Predicts the emotion of 16 kHz mono samples.
     *
     * @param samples mono samples at {@value #DEFAULT_SAMPLE_RATE_HZ} Hz, nominally in [-1, 1]
     * @return the prediction
     * @throws IllegalArgumentException if the samples break {@link AudioClip#of}'s limits
     */
    default Prediction predict(float[] samples) {
        return predict(samples, DEFAULT_SAMPLE_RATE_HZ);
    }

    /**
     * Reads an audio file and predicts its emotion.
     *
     * @param audioFile a WAV, AIFF or AU file (see {@link AudioClip#read(Path)})
     * @return the prediction
     * @throws IOException if the file cannot be read or decoded ({@link UnsupportedAudioException})
     */
    default Prediction predict(Path audioFile) throws IOException {
        return predict(AudioClip.read(audioFile));
    }

    /**
     * Looks for speech in a clip with the classifier's speech detector, the one {@link #predict(AudioClip)}
     * applies; {@link EmotionStream} asks it of every window before predicting, so that tones, noise and
     * music never get an emotion there either.
     *
     * @param clip the clip, at any rate
     * @return the detector's evidence, or empty if this classifier has no speech detector (this default)
     * @throws IllegalArgumentException if {@code clip} is null
     */
    default Optional<SpeechEvidence> detectSpeech(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        return Optional.empty();
    }

    /**
     * What {@link EmotionStream} asks of each window when its features are a whole extraction of the window:
     * {@link #detectSpeech} and, unless it finds no speech, the window's features, in one pass where the
     * classifier can share work between them (ser4j's models share the detector's pitch track with their
     * prosodic features, as {@link #predict(AudioClip)} does). This default runs the detector, then
     * {@code featureExtractor().extract(clip)}; an implementation may extract from the clip as its model hears
     * it (ser4j's: resampled to the extractor's rate and rounded to 16-bit levels, as {@code predict} does),
     * and for a clip already at that rate and on that grid, as a stream's windows are, it gives this default's
     * result.
     *
     * @param clip the clip, at any rate
     * @param noSpeech what to return when the detector finds no speech, given its evidence
     * @param speech what to return otherwise, given the evidence (null when the classifier has no speech
     *     detector) and the clip's features (a new array the callback may keep)
     * @param <T> what the callbacks return
     * @return what the callback called returned
     * @throws IllegalArgumentException if an argument is null
     */
    default <T> T analyseSpeech(AudioClip clip, java.util.function.Function<SpeechEvidence, T> noSpeech,
            java.util.function.BiFunction<SpeechEvidence, double[], T> speech) {
        return SpeechAnalysis.separately(clip, featureExtractor(), this::detectSpeech, noSpeech, speech);
    }

    /**
     * This classifier over a subset of its labels, for apps that need fewer classes (for example
     * angry, happy, neutral, sad) and for scoring data sets that lack some labels fairly: every
     * prediction (of {@link #predict}, {@link #predictFeatures}, sessions and streams) keeps the subset's
     * probabilities renormalised to sum to 1 and names the most probable of them. Equivalent to
     * conditioning the model's distribution on the answer being one of the subset. No-speech results
     * are unchanged.
     *
     * @param labels the labels to keep, all among {@link #labels()}
     * @return an immutable classifier sharing this one's model; thread-safe as this one is
     * @throws IllegalArgumentException if {@code labels} is null, empty, holds null, or holds a label
     *     this classifier does not predict (named)
     */
    default EmotionClassifier restrictedTo(java.util.Set<Emotion> labels) {
        return new RestrictedClassifier(this, labels);
    }

    /**
     * The classifier a stream of audio at this rate goes through ({@link EmotionStream#open(EmotionClassifier,
     * float, StreamSettings)} asks it once, when the stream opens): this one (this default), or one trained
     * for the band such audio can carry. ser4j's pretrained classifier answers its narrowband model for
     * rates that cannot carry anything above the telephone band (at most 9.1 kHz, for example 8 kHz calls),
     * as its {@link #predict(AudioClip)} does for such clips.
     *
     * @param inputRateHz the stream's input rate
     * @return the classifier to stream through; this one by default
     */
    default EmotionClassifier forInputRate(float inputRateHz) {
        return this;
    }

    /**
     * The labels the classifier can predict, in {@link Emotion} order.
     *
     * @return an unmodifiable list
     */
    List<Emotion> labels();

    /**
     * The identifier of the feature extractor the model was trained with.
     *
     * @return the extractor's {@link FeatureExtractor#id()}
     */
    String featureExtractorId();

    /**
     * The feature extractor the model was trained with; {@link #predict(AudioClip)} applies it.
     *
     * @return the extractor (immutable, shareable)
     */
    FeatureExtractor featureExtractor();

    /**
     * Predicts from a feature vector made by {@link #featureExtractor()}, for callers that extract
     * features themselves (for example incrementally with a {@link FeatureStream}).
     *
     * @param features the vector, {@code featureExtractor().dimension()} finite values
     * @return the distribution over {@link #labels()}
     * @throws IllegalArgumentException if {@code features} is null, of another length, or not finite
     */
    Prediction predictFeatures(double[] features);

    /**
     * Starts a session for one speaker: it learns the speaker's own feature baseline from the clips it
     * sees and predicts relative to it (see {@link SpeakerSession}).
     *
     * @return a new, empty session
     * @throws UnsupportedOperationException if this classifier has no model trained on
     *     per-speaker-normalised features (the message says how to get one)
     */
    default SpeakerSession newSpeakerSession() {
        throw new UnsupportedOperationException(this + " has no speaker-adapted model; train one with per-speaker "
                + "normalisation (train --per-speaker) or use EmotionClassifier.load()");
    }

    /**
     * Resumes a session for a speaker from statistics saved earlier with {@link SpeakerSession#profile()}.
     *
     * @param profile the saved statistics
     * @return a session that continues from them
     * @throws IllegalArgumentException if {@code profile} is null or was made with another feature
     *     extractor (both ids are named)
     * @throws UnsupportedOperationException as {@link #newSpeakerSession()}
     */
    default SpeakerSession newSpeakerSession(SpeakerProfile profile) {
        throw new UnsupportedOperationException(this + " has no speaker-adapted model; train one with per-speaker "
                + "normalisation (train --per-speaker) or use EmotionClassifier.load()");
    }

    /**
     * The pretrained model that ships with {@code io.github.ser4j:ser-models}, found through
     * {@link ServiceLoader}. Each call loads a fresh instance; keep and share one.
     *
     * @return the shipped classifier
     * @throws IllegalStateException if {@code ser-models} is not on the class path, or its model cannot
     *     be loaded
     */
    static EmotionClassifier load() {
        try {
            return provider().loadDefault();
        } catch (IOException e) {
            throw new IllegalStateException("the pretrained ser4j model could not be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model file written by the ser4j trainer.
     *
     * @param modelFile the model file
     * @return the classifier
     * @throws IOException if the file cannot be read, is not a ser4j model, or was trained with a
     *     feature extractor this installation does not have
     * @throws IllegalStateException if {@code ser-models} is not on the class path
     */
    static EmotionClassifier load(Path modelFile) throws IOException {
        if (modelFile == null) {
            throw new IllegalArgumentException("modelFile must not be null");
        }
        return provider().load(modelFile);
    }

    private static ClassifierProvider provider() {
        return ServiceLoader.load(ClassifierProvider.class, EmotionClassifier.class.getClassLoader())
                .findFirst()
                .or(() -> ServiceLoader.load(ClassifierProvider.class).findFirst())
                .orElseThrow(() -> new IllegalStateException(
                        "no ser4j model provider on the class path: add the Maven dependency "
                                + "io.github.ser4j:ser-models (it holds the classifier and the pretrained model)"));
    }
}
