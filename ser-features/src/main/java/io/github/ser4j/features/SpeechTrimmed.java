package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.nio.FloatBuffer;

/**
 * Another extractor's features of the clip's speech span only: the leading and trailing stretches that
 * hold no speech (silence, or noise alone) are cut before the inner extractor sees the clip, with a gate
 * that adapts to the clip's noise floor ({@code SpeechEndpoints}: 20 ms frame energies; speech is what
 * rises 6 dB over the 10th-percentile frame, and over the quiet frames' own spread when the floor
 * fluctuates (version 2), and lies within 30 dB of the loudest, the gate never above 10 dB under the
 * loudest; 50 ms margins; at least 0.5 s kept).
 *
 * <p>Why: under background noise or babble, a clip's statistics otherwise average the noise-only stretch
 * in at full weight, and the babble's voices into the pitch statistics; in RAVDESS that stretch is a
 * large part of each clip.
 *
 * <p>Its id is {@code trim/V[INNER_ID]}, V the endpoint rule's version, so a model names exactly what it was
 * trained on: version 2 ({@link #of}) also holds against a fluctuating floor such as babble, version 1
 * ({@link #version1}, the rule of models trained before it) only against a steady one; both agree on
 * silence and steady noise. Streams re-extract each requested span (the span's endpoints depend on all of it).
 *
 * <p>Thread-safety: immutable; safe to share between threads when the inner extractor is.
 */
public final class SpeechTrimmed extends ClipFrontEnd {

    private final int version;

    private SpeechTrimmed(FeatureExtractor inner, int version) {
        super(prefix(version), inner);
        this.version = version;
    }

    private static String prefix(int version) {
        return "trim/" + version + "[";
    }

    /**
     * The features of {@code inner} over each clip's speech span, by the latest endpoint rule (version 2).
     *
     * @param inner the extractor
     * @return the extractor
     * @throws IllegalArgumentException if {@code inner} is null
     */
    public static SpeechTrimmed of(FeatureExtractor inner) {
        return new SpeechTrimmed(inner, SpeechEndpoints.LATEST_VERSION);
    }

    /**
     * The same with the endpoint rule of version 1 (id {@code trim/1[...]}), which models trained before
     * version 2 name; it lets babble's louder frames into the span.
     *
     * @param inner the extractor
     * @return the extractor
     * @throws IllegalArgumentException if {@code inner} is null
     */
    public static SpeechTrimmed version1(FeatureExtractor inner) {
        return new SpeechTrimmed(inner, 1);
    }

    /** Parses {@code trim/V[INNER_ID]} with the inner id resolved by {@link FeatureExtractors#byId}; null if not such an id. */
    static FeatureExtractor parse(String id) {
        for (int v = 1; v <= SpeechEndpoints.LATEST_VERSION; v++) {
            FeatureExtractor inner = innerOf(id, prefix(v));
            if (inner != null) {
                return new SpeechTrimmed(inner, v);
            }
        }
        return null;
    }

    /** The speech span of samples {@code [from, to)}, in place. */
    @Override
    Handed hand(AudioClip clip, int from, int to) {
        FloatBuffer range = clip.samplesView();
        range.limit(to);
        range.position(from);
        int[] span = SpeechEndpoints.find(range.slice(), clip.sampleRateHz(), version);
        return new Handed(clip, from + span[0], from + span[1]);
    }
}
