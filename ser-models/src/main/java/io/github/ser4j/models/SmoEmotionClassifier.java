package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.DomainCheck;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.SpeakerProfile;
import io.github.ser4j.core.SpeakerSession;
import io.github.ser4j.core.SpeechEvidence;
import io.github.ser4j.features.Narrowband;
import io.github.ser4j.features.SpeechDetector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An emotion classifier made of a feature extractor, a standardiser and a support vector machine trained
 * by Weka's SMO with logistic calibration (pairwise-coupled), whose distribution is then temperature-scaled
 * ({@code p_i ∝ p_i^(1/T)}, T from {@link ModelProvenance#temperature()}). Weka fits its logistic models
 * on the SVM's own training data, which it separates almost perfectly, so alone they are far too
 * confident; T, fitted on cross-validated distributions, softens them without changing any predicted label.
 * Built by {@link SmoTrainer} or read from a model file with {@link #load(Path)}.
 *
 * <p>{@link #predict(AudioClip)} first asks the {@link SpeechDetector}: a clip without speech gets
 * {@link Prediction#noSpeech} and no emotion. Every prediction of speech carries a
 * {@link DomainCheck} of the row the SVM sees ({@link DomainRule}: a root-mean-square
 * z-score above {@value DomainRule#RMS_LIMIT} flags it {@link Prediction#outOfDomain()}), and a flagged
 * prediction gives no emotion: only the model's distribution, for research and scoring.
 *
 * <p>Thread-safety: immutable and safe for concurrent use. Prediction runs ser4j's own evaluator of the
 * exported SVM ({@link SupportVectorMachine}, equal to Weka's {@code distributionForInstance}), which keeps
 * no state between calls, so every thread shares the one model and no Weka object is involved.
 *
 * <p>A model trained with per-speaker normalisation ({@link #isSpeakerAdapted()}) predicts through
 * {@link #newSpeakerSession()}; its plain {@link #predict} normalises with the population priors only,
 * as a session that has heard nothing yet would. The unadapted pretrained model from
 * {@link EmotionClassifier#load()} is paired with the shipped adapted one, so its
 * {@link #newSpeakerSession()} works too.
 */
public final class SmoEmotionClassifier implements EmotionClassifier {

    private final FeatureExtractor extractor;
    private final Standardizer standardizer;
    private final SupportVectorMachine svm;
    /** What computes the class distribution of a standardised row: the SVM itself, or Weka for comparisons. */
    private final Scorer scorer;
    private final ModelProvenance provenance;
    private final String source;
    /** The adapted model that sessions of this unadapted one use; null if none is paired. */
    private volatile PairedModel adapted;
    /** The narrowband model that {@link #predict} of narrowband clips uses; null if none is paired. */
    private volatile PairedModel narrowband;

    SmoEmotionClassifier(FeatureExtractor extractor, Standardizer standardizer, SupportVectorMachine svm,
            ModelProvenance provenance, String source) throws IOException {
        if (svm.classes() != provenance.labels().size() || svm.dimension() != standardizer.dimension()) {
            throw new IOException(source + ": the SVM has " + svm.classes() + " classes and " + svm.dimension()
                    + " features but the provenance lists " + provenance.labels().size() + " labels and the standardiser "
                    + standardizer.dimension() + " features");
        }
        this.extractor = extractor;
        this.standardizer = standardizer;
        this.svm = svm;
        this.scorer = svm::distribution;
        this.provenance = provenance;
        this.source = source;
    }

    private SmoEmotionClassifier(SmoEmotionClassifier model, Scorer scorer) {
        this.extractor = model.extractor;
        this.standardizer = model.standardizer;
        this.svm = model.svm;
        this.scorer = scorer;
        this.provenance = model.provenance;
        this.source = model.source;
        this.adapted = model.adapted;
        this.narrowband = model.narrowband;
    }

    /** The class distribution of a standardised row; must be safe for concurrent use. */
    interface Scorer {
        double[] distribution(double[] standardisedRow);
    }

    /**
     * This model predicting through another scorer of the same SVM (Weka's, to measure or compare against it).
     * Research only: the scorer must compute the same function.
     */
    SmoEmotionClassifier withScorer(Scorer other) {
        return new SmoEmotionClassifier(this, other);
    }

    /**
     * Reads a model file written by {@link #save(Path)} or the {@code train} command.
     *
     * @param modelFile the file
     * @return the classifier
     * @throws IOException if the file is missing, larger than a model may be, truncated, corrupt, not a
     *     ser4j model, of another format version (an old one names the {@code convert} command), breaks a
     *     documented limit, or names a feature extractor this installation cannot rebuild; the message names
     *     the file and the field or limit
     * @throws IllegalArgumentException if {@code modelFile} is null
     */
    public static SmoEmotionClassifier load(Path modelFile) throws IOException {
        if (modelFile == null) {
            throw new IllegalArgumentException("modelFile must not be null");
        }
        return ModelFile.read(modelFile, ExtractorResolver.DEFAULT);
    }

    /**
     * Reads a model file trained with a feature extractor of your own: {@code extractorsById} must
     * rebuild it from its {@link FeatureExtractor#id()}.
     *
     * @param modelFile the file
     * @param extractorsById returns the extractor with the given id, or null if it knows none
     * @return the classifier
     * @throws IOException as {@link #load(Path)}
     * @throws IllegalArgumentException if an argument is null
     */
    public static SmoEmotionClassifier load(Path modelFile, java.util.function.Function<String, FeatureExtractor> extractorsById)
            throws IOException {
        if (modelFile == null || extractorsById == null) {
            throw new IllegalArgumentException("modelFile and extractorsById must not be null");
        }
        return ModelFile.read(modelFile, ExtractorResolver.of(extractorsById));
    }

    /**
     * Writes the classifier and its provenance to a model file (atomically replacing it).
     *
     * @param modelFile the file
     * @throws IOException if it cannot be written
     * @throws IllegalArgumentException if {@code modelFile} is null
     */
    public void save(Path modelFile) throws IOException {
        if (modelFile == null) {
            throw new IllegalArgumentException("modelFile must not be null");
        }
        ModelFile.write(modelFile, ModelFile.encode(provenance, standardizer, svm));
    }

    /**
     * Predicts the emotion of a clip: resampled to the extractor's rate and rounded to 16-bit PCM levels
     * as the training recordings were ({@link AudioClip#quantizedToPcm16()}); then the
     * {@link SpeechDetector} looks for speech in what the features are computed from (for a front end such
     * as the shipped models' {@code speech-span}, the speech span at the speech level), and a clip without
     * any (silence, steady noise, a tone, music) gets {@link Prediction#noSpeech}; otherwise its features
     * are extracted and classified, and the prediction carries the detector's evidence.
     *
     * @param clip the clip
     * @return the distribution over {@link #labels()}, or a no-speech prediction
     * @throws IllegalArgumentException if {@code clip} is null, or too long for this JVM's heap (the message
     *     says how much it needs: about 38 MB plus 0.22 MB per second of clip, see the README)
     */
    @Override
    public Prediction predict(AudioClip clip) {
        return modelFor(clip).predictHere(clip);
    }

    /**
     * The model {@link #predict} uses for a clip: the paired narrowband model when one is paired (the
     * pretrained classifier of {@link EmotionClassifier#load()} pairs the shipped one) and the clip carries
     * nothing above the telephone band ({@link Narrowband#isNarrowband}: 8 kHz audio, or a telephone call
     * stored at a higher rate), otherwise this model. Streams go by their input rate ({@link #forInputRate});
     * sessions and {@link #predictFeatures} always use this model (or its paired speaker-adapted one).
     *
     * @param clip the clip
     * @return this model or its paired narrowband model (loaded on first use)
     * @throws IllegalArgumentException if {@code clip} is null
     * @throws IllegalStateException if the paired narrowband model cannot be loaded
     */
    public SmoEmotionClassifier modelFor(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        PairedModel n = narrowband;
        return n == null || !Narrowband.isNarrowband(clip) ? this : n.get(source);
    }

    /**
     * The model a stream at this rate goes through: the paired narrowband model when one is paired and the rate
     * cannot carry anything above the telephone band ({@link Narrowband#isNarrowbandRate}), otherwise this one.
     *
     * @param inputRateHz the stream's input rate
     * @return this model or its paired narrowband model (loaded on first use)
     * @throws IllegalStateException if the paired narrowband model cannot be loaded
     */
    @Override
    public SmoEmotionClassifier forInputRate(float inputRateHz) {
        PairedModel n = narrowband;
        return n == null || !Narrowband.isNarrowbandRate(inputRateHz) ? this : n.get(source);
    }

    /** {@link #predict} with this model, whatever the clip's band. */
    private Prediction predictHere(AudioClip clip) {
        checkHeap(clip, extractor); // before the speech detector, which tracks the pitch of the clip or its span
        // the detector listens to what the features are computed from, and its pitch track serves them too
        return SpeechDetector.analyse(heard(clip, extractor), extractor, Prediction::noSpeech,
                (speech, features) -> predictFeatures(features).withSpeech(speech));
    }

    /**
     * Looks for speech with the {@link SpeechDetector}, in the clip as the model hears it (what its features are computed from, as {@link #predict}).
     *
     * @param clip the clip
     * @return the detector's evidence
     * @throws IllegalArgumentException if {@code clip} is null
     */
    @Override
    public java.util.Optional<SpeechEvidence> detectSpeech(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        checkHeap(clip, extractor); // the detector tracks the pitch of the clip's span, as predict does
        return java.util.Optional.of(SpeechDetector.analyse(heard(clip, extractor), extractor));
    }

    /**
     * The detector and, for speech, the features of a clip as the model hears it, as {@link #predict} computes
     * them: the detector's pitch track serves the prosodic features (one track instead of two).
     *
     * @param clip the clip, at any rate
     * @param noSpeech what to return without speech, given the evidence
     * @param speech what to return with speech, given the evidence and the features
     * @param <T> what the callbacks return
     * @return what the callback called returned
     * @throws IllegalArgumentException if an argument is null
     */
    @Override
    public <T> T analyseSpeech(AudioClip clip, java.util.function.Function<SpeechEvidence, T> noSpeech,
            java.util.function.BiFunction<SpeechEvidence, double[], T> speech) {
        if (clip == null || noSpeech == null || speech == null) {
            throw new IllegalArgumentException((clip == null ? "clip" : noSpeech == null ? "noSpeech" : "speech")
                    + " must not be null");
        }
        checkHeap(clip, extractor); // as predict: a stream's window needs far less than the model itself
        return SpeechDetector.analyse(heard(clip, extractor), extractor, noSpeech, speech);
    }

    /**
     * A clip as every model hears it: resampled to the extractor's rate and rounded to 16-bit PCM levels
     * ({@link AudioClip#quantizedToPcm16()}), as the training recordings were.
     */
    static AudioClip heard(AudioClip clip, FeatureExtractor extractor) {
        return clip.resampledToPcm16(extractor.sampleRateHz());
    }

    /**
     * The features of a clip as every model sees them ({@link #heard}). Training, evaluation, prediction
     * and sessions all extract through here. Refuses, before extracting, a clip too long for this JVM's
     * heap ({@link #heapNeededBytes}).
     */
    static double[] features(AudioClip clip, FeatureExtractor extractor) {
        checkHeap(clip, extractor);
        return extractor.extract(heard(clip, extractor));
    }

    /** Refuses a clip too long for this JVM's heap ({@link #heapNeededBytes}), naming what it needs. */
    static void checkHeap(AudioClip clip, FeatureExtractor extractor) {
        long needed = heapNeededBytes(clip, extractor);
        long max = Runtime.getRuntime().maxMemory();
        if (needed > max) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "a %.1f s clip needs about %d MB "
                    + "of heap to predict, and this JVM may use at most %d MB: raise -Xmx, or predict the clip in "
                    + "shorter pieces", clip.durationSeconds(), needed >> 20, max >> 20));
        }
    }

    /** Heap a prediction needs besides the clip at the extractor's rate, measured with the shipped model (README). */
    static final long HEAP_BASE_BYTES = 38L << 20;
    /**
     * Heap a prediction needs per second of clip at the extractor's rate, the clip included (README): the
     * shipped {@code speech-span} extractor holds one more copy of the clip's speech span (62.5 KiB/s).
     */
    static final long HEAP_BYTES_PER_SECOND = 229L << 10;

    /**
     * About how much heap predicting {@code clip} takes, from the measured line {@code HeapPerClipLength}
     * gives for the shipped model at 16 kHz (the clip, its pitch track and per-frame values; spectrograms are read
     * in chunks), plus the input clip itself when it is at another rate (its resampled copy is in the line). Lighter extractors need less.
     */
    /**
     * Heap the {@link Narrowband} front end adds per second of clip at the extractor's rate: its padded copy of
     * the clip and the filtered clip (64 + 64 KiB/s of floats at 16 kHz) beside the clip they came from.
     */
    static final long NARROWBAND_BYTES_PER_SECOND = 128L << 10;

    /** {@link #heapNeededBytes(AudioClip, float)} for this extractor, with {@link #NARROWBAND_BYTES_PER_SECOND} when it band-limits first. */
    static long heapNeededBytes(AudioClip clip, FeatureExtractor extractor) {
        long bytes = heapNeededBytes(clip, extractor.sampleRateHz());
        return extractor instanceof Narrowband ? bytes + (long) (clip.durationSeconds() * NARROWBAND_BYTES_PER_SECOND) : bytes;
    }

    static long heapNeededBytes(AudioClip clip, float extractorRateHz) {
        long bytes = HEAP_BASE_BYTES + (long) (clip.durationSeconds() * HEAP_BYTES_PER_SECOND);
        return clip.sampleRateHz() == extractorRateHz ? bytes : bytes + 4L * clip.length();
    }

    /**
     * Predicts from a feature vector made by {@link #featureExtractor()}.
     *
     * @param features the vector
     * @return the distribution over {@link #labels()}
     * @throws IllegalArgumentException if {@code features} is null, of another length, or not finite
     */
    @Override
    public Prediction predictFeatures(double[] features) {
        if (features == null) {
            throw new IllegalArgumentException("features must not be null");
        }
        for (int i = 0; i < features.length; i++) {
            if (!Double.isFinite(features[i])) {
                throw new IllegalArgumentException("feature " + i + " is " + features[i] + "; features must be finite");
            }
        }
        SpeakerNormalization sn = provenance.speakerNormalization();
        return predict(features, sn == null ? null : SpeakerProfile.empty(extractor.id(), sn.dimension()));
    }

    /**
     * The prediction of a checked feature vector, normalised with a speaker's statistics if this model is
     * adapted, with the {@link DomainRule} check of the row the SVM sees attached.
     */
    Prediction predict(double[] features, SpeakerProfile speaker) {
        double[] row = row(features, speaker);
        return toPrediction(distributionOfRow(row)).withDomain(domainCheck(features, speaker, row));
    }

    /** The {@link DomainRule} check {@link #predictFeatures} attaches, without the SVM. */
    DomainCheck domainCheck(double[] features) {
        SpeakerNormalization sn = provenance.speakerNormalization();
        SpeakerProfile speaker = sn == null ? null : SpeakerProfile.empty(extractor.id(), sn.dimension());
        return domainCheck(features, speaker, row(features, speaker));
    }

    private DomainCheck domainCheck(double[] features, SpeakerProfile speaker, double[] row) {
        // The check reads plain z-scores: a squashed row (train --squash) bounds every feature, which is what
        // keeps the SVM sane, but would hide how far outside the training data the input lies.
        double[] z = standardizer.squash() > 0 ? zScores(features, speaker) : row;
        return DomainRule.check(z, provenance.featureNames());
    }

    /** The row's plain z-scores, before any squash: what the domain check measures. */
    double[] zScores(double[] features, SpeakerProfile speaker) {
        SpeakerNormalization sn = provenance.speakerNormalization();
        return standardizer.zScores(sn == null ? features : sn.apply(features, speaker));
    }

    /** The row the SVM sees: per-speaker normalisation (adapted models), then the standardiser. */
    double[] row(double[] features, SpeakerProfile speaker) {
        if (features.length != standardizer.dimension()) {
            throw new IllegalArgumentException("expected " + standardizer.dimension() + " features, got " + features.length);
        }
        SpeakerNormalization sn = provenance.speakerNormalization();
        return standardizer.apply(sn == null ? features : sn.apply(features, speaker));
    }

    Prediction toPrediction(double[] p) {
        Map<Emotion, Double> map = new EnumMap<>(Emotion.class);
        List<Emotion> labels = provenance.labels();
        for (int i = 0; i < p.length; i++) {
            map.put(labels.get(i), p[i]);
        }
        return Prediction.of(map);
    }

    /** Calibrated probabilities in label order, clamped to [0, 1], renormalised to sum to 1, then temperature-scaled. */
    double[] distribution(double[] features) {
        SpeakerNormalization sn = provenance.speakerNormalization();
        return distribution(features, sn == null ? null : SpeakerProfile.empty(extractor.id(), sn.dimension()));
    }

    /** As {@link #distribution(double[])}, normalising first with a speaker's statistics if this model is adapted. */
    double[] distribution(double[] features, SpeakerProfile speaker) {
        return distributionOfRow(row(features, speaker));
    }

    private double[] distributionOfRow(double[] row) {
        double[] p = scorer.distribution(row);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Double.isFinite(p[i]) ? Math.min(1, Math.max(0, p[i])) : 0;
            sum += p[i];
        }
        if (!(sum > 0)) {
            throw new IllegalStateException(source + ": the SVM returned no probability mass");
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        double t = provenance.temperature();
        return t == 1 ? p : TemperatureScaling.scale(p, t);
    }

    /**
     * Whether this model was trained on per-speaker-normalised features, so that it can adapt to a speaker.
     *
     * @return true for a speaker-adapted model
     */
    public boolean isSpeakerAdapted() {
        return provenance.speakerNormalization() != null;
    }

    /**
     * Starts a session for one speaker (see {@link SpeakerSession}). A speaker's statistics are shrunk
     * towards population priors (see {@link SpeakerNormalization}), so a new session predicts like the
     * population-normalised model and moves towards the speaker's own baseline clip by clip; no clip is
     * ever predicted with statistics that include it.
     *
     * @return a new, empty session
     * @throws UnsupportedOperationException if this model is not speaker-adapted and has no adapted model paired
     * @throws IllegalStateException if the paired adapted model cannot be loaded
     */
    @Override
    public SpeakerSession newSpeakerSession() {
        SmoEmotionClassifier a = adaptedModel();
        return new AdaptiveSpeakerSession(a, SpeakerProfile.empty(a.extractor.id(), a.extractor.dimension()));
    }

    /**
     * Resumes a session from saved statistics.
     *
     * @param profile statistics saved from {@link SpeakerSession#profile()}
     * @return a session continuing from them
     * @throws IllegalArgumentException if {@code profile} is null, or was made with another feature
     *     extractor or dimension (both ids are named)
     * @throws UnsupportedOperationException as {@link #newSpeakerSession()}
     */
    @Override
    public SpeakerSession newSpeakerSession(SpeakerProfile profile) {
        if (profile == null) {
            throw new IllegalArgumentException("profile must not be null");
        }
        SmoEmotionClassifier a = adaptedModel();
        if (!profile.featureExtractorId().equals(a.extractor.id()) || profile.dimension() != a.extractor.dimension()) {
            throw new IllegalArgumentException("the speaker profile was made with feature extractor '"
                    + profile.featureExtractorId() + "' (" + profile.dimension() + " features) but this model uses '"
                    + a.extractor.id() + "' (" + a.extractor.dimension() + " features)");
        }
        return new AdaptiveSpeakerSession(a, profile);
    }

    /** The model sessions use: this one if adapted, else the paired adapted model, loaded once. */
    private SmoEmotionClassifier adaptedModel() {
        if (isSpeakerAdapted()) {
            return this;
        }
        PairedModel a = adapted;
        if (a == null) {
            throw new UnsupportedOperationException(this + " has no speaker-adapted model; train one with per-speaker "
                    + "normalisation (train --per-speaker) or use EmotionClassifier.load()");
        }
        return a.get(source);
    }

    /** Pairs this unadapted model with an adapted one that sessions use; called before the instance is shared. */
    SmoEmotionClassifier pairedWith(java.util.concurrent.Callable<SmoEmotionClassifier> loader) {
        this.adapted = new PairedModel("speaker-adapted", loader);
        return this;
    }

    /** Pairs this wideband model with a narrowband one that {@link #predict} uses for narrowband clips; called before the instance is shared. */
    SmoEmotionClassifier pairedWithNarrowband(java.util.concurrent.Callable<SmoEmotionClassifier> loader) {
        this.narrowband = new PairedModel("narrowband", loader);
        return this;
    }

    /** The same model with another provenance (same extractor, standardiser and SVM). */
    SmoEmotionClassifier withProvenance(ModelProvenance p) throws IOException {
        return new SmoEmotionClassifier(extractor, standardizer, svm, p, source);
    }

    /** The exported SVM this classifier predicts with. */
    SupportVectorMachine svm() {
        return svm;
    }

    /**
     * The labels, in {@link Emotion} order.
     *
     * @return an unmodifiable list
     */
    @Override
    public List<Emotion> labels() {
        return provenance.labels();
    }

    /**
     * The id of the extractor the model was trained with.
     *
     * @return the id
     */
    @Override
    public String featureExtractorId() {
        return extractor.id();
    }

    /**
     * Where the model comes from.
     *
     * @return the provenance stored in the model file
     */
    public ModelProvenance provenance() {
        return provenance;
    }

    FeatureExtractor extractor() {
        return extractor;
    }

    /**
     * The feature extractor the model was trained with.
     *
     * @return the extractor
     */
    @Override
    public FeatureExtractor featureExtractor() {
        return extractor;
    }

    /**
     * A one-line description.
     *
     * @return for example {@code SmoEmotionClassifier[rbf C=4 gamma=0.01, 8 labels, temperature 2.5, extractor ...]}
     */
    @Override
    public String toString() {
        return "SmoEmotionClassifier[" + provenance.parameters() + ", " + labels().size() + " labels, "
                + (isSpeakerAdapted() ? "speaker-adapted " + provenance.speakerNormalization() + ", " : "")
                + String.format(java.util.Locale.ROOT, "temperature %.4g, ", provenance.temperature())
                + "extractor " + extractor.id() + "]";
    }
}
