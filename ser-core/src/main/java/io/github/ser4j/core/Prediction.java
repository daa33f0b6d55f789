package io.github.ser4j.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a classifier says about one clip: the most probable emotion, its probability (the
 * {@code confidence}) and the whole
 * distribution over the classifier's labels; or that the clip holds no speech.
 *
 * <p>No answer is better than a wrong confident one, so two kinds of input get no emotion
 * ({@link #hasEmotion()} false, {@link #emotion()} null, {@link #confidence()} 0):
 * <ul>
 *   <li>a clip without speech (silence, steady noise, a tone, music; see {@link SpeechEvidence}):
 *       {@link #hasSpeech()} is false, {@link #probabilities()} is empty, and {@link #speech()} says how
 *       much voiced sound was found and why it is not speech;</li>
 *   <li>speech far outside what the model was trained on: {@link #outOfDomain()} is true and
 *       {@link #domain()} says how far ({@link DomainCheck#describe()}). {@link #probabilities()} still
 *       holds the model's distribution, for research and for scoring a model over every clip; it is not
 *       an answer to show.</li>
 * </ul>
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param emotion the most probable emotion; null for a clip without speech and for an input out of domain
 * @param confidence the probability of {@code emotion}, in [0, 1]; 0 where there is no emotion
 * @param probabilities the probability of every label of the classifier, in {@link Emotion} order;
 *     they sum to 1 within 1e-6; empty without speech
 * @param speech what the speech detector found, or null where none ran (a prediction from a feature
 *     vector alone)
 * @param domain how far the input lies outside the model's training data, or null where no check ran
 */
public record Prediction(Emotion emotion, double confidence, Map<Emotion, Double> probabilities,
        SpeechEvidence speech, DomainCheck domain) {

    /** How far the probabilities may sum from 1. */
    public static final double SUM_TOLERANCE = 1e-6;

    /**
     * Validates and freezes a prediction.
     *
     * @param emotion the most probable emotion; null without speech
     * @param confidence the probability of {@code emotion}
     * @param probabilities the distribution; copied
     * @param speech the speech detector's evidence, or null
     * @param domain the domain check, or null
     * @throws IllegalArgumentException if a no-speech prediction has an emotion, a probability other
     *     than 0 or any probabilities or a domain check; if an out-of-domain prediction has an emotion or a
     *     confidence other than 0; or, for speech, if the map is null, empty or has a null label or
     *     probability, a probability is outside [0, 1] or not finite, they do not sum to 1 within
     *     {@link #SUM_TOLERANCE}, or (in domain) {@code emotion} is null or not the most probable label
     */
    public Prediction {
        if (speech != null && !speech.speech()) {
            if (emotion != null || confidence != 0 || (probabilities != null && !probabilities.isEmpty())
                    || domain != null) {
                throw new IllegalArgumentException("a prediction without speech has no emotion, probabilities or "
                        + "domain check; got " + emotion + " " + probabilities);
            }
            probabilities = Map.of();
        } else if (domain != null && domain.outOfDomain()) {
            if (emotion != null || confidence != 0) {
                throw new IllegalArgumentException("a prediction out of domain has no emotion; got " + emotion + " "
                        + confidence + " (" + domain.describe() + ")");
            }
            probabilities = Collections.unmodifiableMap(distribution(probabilities));
        } else {
            probabilities = Collections.unmodifiableMap(checked(emotion, confidence, probabilities));
        }
    }

    /**
     * A prediction of speech, with no speech detector or domain check attached.
     *
     * @param emotion the most probable emotion
     * @param confidence the probability of {@code emotion}
     * @param probabilities the distribution; copied
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Prediction(Emotion emotion, double confidence, Map<Emotion, Double> probabilities) {
        this(emotion, confidence, probabilities, null, null);
    }

    /**
     * The result for a clip without speech.
     *
     * @param evidence the detector's verdict; {@code evidence.speech()} must be false
     * @return a prediction with no emotion
     * @throws IllegalArgumentException if {@code evidence} is null or says speech
     */
    public static Prediction noSpeech(SpeechEvidence evidence) {
        if (evidence == null || evidence.speech()) {
            throw new IllegalArgumentException("noSpeech needs a no-speech verdict, got " + evidence);
        }
        return new Prediction(null, 0, Map.of(), evidence, null);
    }

    /**
     * Whether the clip holds speech (true also where no detector ran).
     *
     * @return false only when a speech detector found none
     */
    public boolean hasSpeech() {
        return speech == null || speech.speech();
    }

    /**
     * Whether this prediction gives an emotion: false for a clip without speech and for an input out of domain.
     *
     * @return true if {@link #emotion()} is not null
     */
    public boolean hasEmotion() {
        return emotion != null;
    }

    /**
     * The emotion, if the prediction gives one (the name is older than the out-of-domain rule: an input out
     * of domain has speech but no emotion).
     *
     * @return the most probable emotion, or empty without speech or out of domain
     */
    public Optional<Emotion> emotionIfSpeech() {
        return Optional.ofNullable(emotion);
    }

    /**
     * Whether the domain check found the input far outside the model's training data.
     *
     * @return true if {@link #domain()} is present and says so
     */
    public boolean outOfDomain() {
        return domain != null && domain.outOfDomain();
    }

    /**
     * This prediction with the speech detector's evidence of speech attached.
     *
     * @param evidence evidence with {@code speech()} true
     * @return a new prediction
     * @throws IllegalArgumentException if {@code evidence} is null or says no speech (use {@link #noSpeech})
     */
    public Prediction withSpeech(SpeechEvidence evidence) {
        if (evidence == null || !evidence.speech()) {
            throw new IllegalArgumentException("withSpeech needs evidence of speech; use Prediction.noSpeech");
        }
        return new Prediction(emotion, confidence, probabilities, evidence, domain);
    }

    /**
     * This prediction with a domain check attached. A check that finds the input out of domain takes the
     * emotion away (the probabilities stay, as the model's distribution); one that does not keeps it.
     *
     * @param check the check
     * @return a new prediction
     * @throws IllegalArgumentException if {@code check} is null, this prediction has no speech, or it is out
     *     of domain already (its emotion is gone)
     */
    public Prediction withDomain(DomainCheck check) {
        if (check == null || !hasSpeech()) {
            throw new IllegalArgumentException("a domain check needs a non-null check and a prediction of speech");
        }
        if (outOfDomain()) {
            throw new IllegalArgumentException("this prediction is out of domain already (" + domain.describe() + ")");
        }
        return check.outOfDomain() ? new Prediction(null, 0, probabilities, speech, check)
                : new Prediction(emotion, confidence, probabilities, speech, check);
    }

    /**
     * This prediction over a subset of its labels: their probabilities renormalised to sum to 1 (the
     * distribution conditioned on the answer being one of them) and the most probable of them chosen;
     * evidence and domain check are kept. If every kept label has probability 0 here, the condition is
     * undefined and they get equal probabilities. Labels this prediction lacks are ignored. A no-speech
     * prediction is returned as it is; an out-of-domain one gets its distribution restricted and still no emotion.
     *
     * @param labels the labels to keep; at least one must be among this prediction's labels
     * @return the restricted prediction
     * @throws IllegalArgumentException if {@code labels} is null or empty, or holds none of this
     *     prediction's labels
     */
    public Prediction restrictedTo(Set<Emotion> labels) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("labels must not be null or empty");
        }
        if (!hasSpeech()) {
            return this;
        }
        EnumMap<Emotion, Double> kept = new EnumMap<>(Emotion.class);
        double sum = 0;
        for (Emotion e : labels) {
            Double p = probabilities.get(e);
            if (p != null) {
                kept.put(e, p);
                sum += p;
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("none of " + labels + " is a label of " + probabilities.keySet());
        }
        int k = kept.size();
        for (Map.Entry<Emotion, Double> e : kept.entrySet()) {
            e.setValue(sum > 0 ? e.getValue() / sum : 1.0 / k);
        }
        if (outOfDomain()) {
            return new Prediction(null, 0, kept, speech, domain);
        }
        Prediction p = of(kept);
        return new Prediction(p.emotion(), p.confidence(), p.probabilities(), speech, domain);
    }

    /** Checks a distribution against its most probable label and returns a frozen-ready copy. */
    private static EnumMap<Emotion, Double> checked(Emotion emotion, double probability,
            Map<Emotion, Double> probabilities) {
        if (emotion == null) {
            throw new IllegalArgumentException("emotion must not be null");
        }
        EnumMap<Emotion, Double> copy = distribution(probabilities);
        double max = Double.NEGATIVE_INFINITY;
        for (double p : copy.values()) {
            max = Math.max(max, p);
        }
        Double own = copy.get(emotion);
        if (own == null || own != probability || probability < max) {
            throw new IllegalArgumentException("emotion " + emotion + " with probability " + probability
                    + " is not the most probable label of " + copy);
        }
        return copy;
    }

    /** Checks a distribution (labels, values in [0, 1], sum 1) and returns a frozen-ready copy. */
    private static EnumMap<Emotion, Double> distribution(Map<Emotion, Double> probabilities) {
        EnumMap<Emotion, Double> copy = copyOf(probabilities);
        double sum = 0;
        for (Map.Entry<Emotion, Double> e : copy.entrySet()) {
            Double boxed = e.getValue();
            if (boxed == null) {
                throw new IllegalArgumentException("probability of " + e.getKey() + " must not be null");
            }
            double p = boxed;
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability of " + e.getKey() + " must be in [0, 1], got " + p);
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("probabilities must sum to 1, got " + sum);
        }
        return copy;
    }

    /**
     * Builds a prediction from a distribution, choosing the most probable label (the first in
     * {@link Emotion} order on a tie). On an out-of-domain prediction's {@link #probabilities()} it gives
     * the answer the model would have given, which is what scoring a model over every clip needs.
     *
     * @param probabilities the distribution over the classifier's labels
     * @return the prediction
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static Prediction of(Map<Emotion, Double> probabilities) {
        EnumMap<Emotion, Double> sorted = copyOf(probabilities);
        // Bad values (null, NaN) are skipped here and reported by the constructor's checks.
        Emotion best = sorted.keySet().iterator().next();
        double bestP = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Emotion, Double> e : sorted.entrySet()) {
            if (e.getValue() != null && e.getValue() > bestP) {
                best = e.getKey();
                bestP = e.getValue();
            }
        }
        return new Prediction(best, bestP, sorted);
    }

    /** A copy in {@link Emotion} order, rejecting a null or empty map and null labels. */
    private static EnumMap<Emotion, Double> copyOf(Map<Emotion, Double> probabilities) {
        if (probabilities == null) {
            throw new IllegalArgumentException("probabilities must not be null");
        }
        if (probabilities.isEmpty()) {
            throw new IllegalArgumentException("probabilities must not be empty");
        }
        EnumMap<Emotion, Double> copy = new EnumMap<>(Emotion.class);
        for (Map.Entry<Emotion, Double> e : probabilities.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("probabilities must not have a null label: " + probabilities);
            }
            copy.put(e.getKey(), e.getValue());
        }
        return copy;
    }

    /**
     * The probability of {@link #emotion}: the old name of {@link #confidence}.
     *
     * @return {@link #confidence()}
     * @deprecated use {@link #confidence()}, the name the command line's outputs use too
     */
    @Deprecated(since = "0.1.0")
    public double probability() {
        return confidence;
    }

    /**
     * The probability of one emotion.
     *
     * @param e the emotion
     * @return its probability, or 0 if it is not one of the classifier's labels
     * @throws IllegalArgumentException if {@code e} is null (a caller's mistake, not an emotion of probability 0)
     */
    public double probabilityOf(Emotion e) {
        if (e == null) {
            throw new IllegalArgumentException("emotion must not be null");
        }
        return probabilities.getOrDefault(e, 0.0);
    }
}
