package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.nio.FloatBuffer;

/**
 * Another extractor's features of the clip's speech span only: the leading and trailing stretches that
 * hold no speech (silence, or noise alone) are cut before the inner extractor sees the clip, with a gate
 * that adapts to the clip's noise floor ({@code SpeechEndpoints}: 20 ms frame energies; speech is what
 * rises 6 dB over the 10th-percentile frame and lies within 30 dB of the loudest, the gate never above
 * 10 dB under the loudest; 50 ms margins; at least 0.5 s kept).
 *
 * <p>Why: under background noise or babble, a clip's statistics otherwise average the noise-only stretch
 * in at full weight, and the babble's voices into the pitch statistics; in RAVDESS that stretch is a
 * large part of each clip.
 *
 * <p>Its id is {@code trim/1[INNER_ID]}, so a model names exactly what it was trained on. Streams
 * re-extract each requested span (the span's endpoints depend on all of it).
 *
 * <p>Thread-safety: immutable; safe to share between threads when the inner extractor is.
 */
public final class SpeechTrimmed extends ClipFrontEnd {

    private static final String PREFIX = "trim/1[";

    private SpeechTrimmed(FeatureExtractor inner) {
        super(PREFIX, inner);
    }

    /**
     * The features of {@code inner} over each clip's speech span.
     *
     * @param inner the extractor
     * @return the extractor
     * @throws IllegalArgumentException if {@code inner} is null
     */
    public static SpeechTrimmed of(FeatureExtractor inner) {
        return new SpeechTrimmed(inner);
    }

    /** Parses {@code trim/1[INNER_ID]} with the inner id resolved by {@link FeatureExtractors#byId}; null if not such an id. */
    static FeatureExtractor parse(String id) {
        FeatureExtractor inner = innerOf(id, PREFIX);
        return inner == null ? null : new SpeechTrimmed(inner);
    }

    /** The speech span of samples {@code [from, to)}, in place. */
    @Override
    Handed hand(AudioClip clip, int from, int to) {
        FloatBuffer range = clip.samplesView();
        range.limit(to);
        range.position(from);
        int[] span = SpeechEndpoints.find(range.slice(), clip.sampleRateHz());
        return new Handed(clip, from + span[0], from + span[1]);
    }
}
