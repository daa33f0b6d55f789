package io.github.ser4j.models;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How {@link SmoTrainer} trains a speaker-adapted model and how its cross-validation scores test
 * speakers. Training z-normalises every clip with its own speaker's statistics (see
 * {@link SpeakerNormalization}), shrunk towards population priors with weights {@code meanShrinkage}
 * and {@code varianceShrinkage} (in clips); sessions of the model apply the same shrinkage to the
 * statistics of the clips they have seen.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param meanShrinkage {@code k} of the mean: the weight, in clips, of the prior mean; finite, not negative
 * @param varianceShrinkage {@code k} of the variance; finite, not negative (a very large value
 *     normalises by the population variance only: mean-only normalisation)
 * @param noisyCopies how many extra copies of each training clip are normalised with the statistics
 *     of a random subset of its speaker's other clips (of a random size, as a session early on sees),
 *     so the model learns to live with noisy statistics; 0 for none, at most 8
 * @param online how cross-validation scores a test speaker: false for transductive (statistics of all
 *     the speaker's clips), true for online (the speaker's clips in a seeded random order, each
 *     predicted with the statistics of the clips before it only)
 */
public record SpeakerAdaptation(double meanShrinkage, double varianceShrinkage, int noisyCopies, boolean online) {

    /**
     * Validates.
     *
     * @param meanShrinkage the record component of the same name
     * @param varianceShrinkage the record component of the same name
     * @param noisyCopies the record component of the same name
     * @param online the record component of the same name
     * @throws IllegalArgumentException if a shrinkage is negative or not finite, or {@code noisyCopies}
     *     is outside 0..8
     */
    public SpeakerAdaptation {
        check("meanShrinkage", meanShrinkage);
        check("varianceShrinkage", varianceShrinkage);
        if (noisyCopies < 0 || noisyCopies > 8) {
            throw new IllegalArgumentException("noisyCopies must be in 0..8, got " + noisyCopies);
        }
    }

    private static void check(String name, double k) {
        if (!(k >= 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException(name + " must be finite and not negative, got " + k);
        }
    }

    /**
     * The recipe of the shipped adapted model, chosen by online cross-validated accuracy (README,
     * "Speaker adaptation"), scored transductively.
     *
     * @return the defaults
     */
    public static SpeakerAdaptation defaults() {
        return new SpeakerAdaptation(8, 8, 0, false);
    }

    /**
     * A copy scored online or transductively.
     *
     * @param isOnline online scoring
     * @return the copy
     */
    public SpeakerAdaptation withOnline(boolean isOnline) {
        return new SpeakerAdaptation(meanShrinkage, varianceShrinkage, noisyCopies, isOnline);
    }

    /** For the report's protocol line. */
    String describe() {
        return String.format(Locale.ROOT, "%s speaker adaptation (k mean %s, k variance %s%s)",
                online ? "online" : "transductive", meanShrinkage, varianceShrinkage,
                noisyCopies == 0 ? "" : ", " + noisyCopies + " noisy copies");
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("meanShrinkage", meanShrinkage);
        m.put("varianceShrinkage", varianceShrinkage);
        m.put("noisyCopies", noisyCopies);
        m.put("online", online);
        return m;
    }

    static SpeakerAdaptation fromJson(Map<?, ?> m) {
        return new SpeakerAdaptation(((Number) m.get("meanShrinkage")).doubleValue(),
                ((Number) m.get("varianceShrinkage")).doubleValue(), ((Number) m.get("noisyCopies")).intValue(),
                Boolean.TRUE.equals(m.get("online")));
    }
}
