package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.util.List;

/**
 * An extractor that changes the clip before another extractor sees it ({@link SpeechTrimmed},
 * {@link LevelNormalised}): the inner extractor's names, rate and values, an id {@code PREFIX + inner id + "]"}
 * that names both, and the default re-extracting stream (what the front end does depends on the whole span).
 *
 * <p>Thread-safety: immutable; safe to share between threads when the inner extractor is.
 */
abstract class ClipFrontEnd implements FeatureExtractor {

    private final String prefix;
    final FeatureExtractor inner;

    ClipFrontEnd(String prefix, FeatureExtractor inner) {
        if (inner == null) {
            throw new IllegalArgumentException("inner extractor must not be null");
        }
        this.prefix = prefix;
        this.inner = inner;
    }

    /** The inner extractor's id in {@code PREFIX + INNER_ID + "]"}, resolved by {@link FeatureExtractors#byId}; null if {@code id} is not of that form. */
    static FeatureExtractor innerOf(String id, String prefix) {
        if (!id.startsWith(prefix) || !id.endsWith("]")) {
            return null;
        }
        return FeatureExtractors.byId(id.substring(prefix.length(), id.length() - 1));
    }

    @Override
    public final String id() {
        return prefix + inner.id() + "]";
    }

    @Override
    public final List<String> featureNames() {
        return inner.featureNames();
    }

    @Override
    public final float sampleRateHz() {
        return inner.sampleRateHz();
    }

    @Override
    public final double[] extract(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        AudioClip c = clip.resampledTo(inner.sampleRateHz());
        return extract(c, 0, c.length());
    }

    /**
     * The features of samples {@code [from, to)} of a clip already at {@link #sampleRateHz()}, read in place
     * (so that front ends in a chain copy the samples once between them, not once each).
     */
    abstract double[] extract(AudioClip clip, int from, int to);

    /** The inner extractor's features of samples {@code [from, to)}: a front end reads them in place, any other extractor gets one copy. */
    final double[] innerFeatures(AudioClip clip, int from, int to) {
        return inner instanceof ClipFrontEnd front ? front.extract(clip, from, to) : inner.extract(clip.segment(from, to, 1f));
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + id() + "]";
    }
}
