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
        return innermost().extract(heard(clip.resampledTo(inner.sampleRateHz())));
    }

    /** What a front end hands on: samples {@code [from, to)} of {@code clip}, read in place. */
    record Handed(AudioClip clip, int from, int to) {
    }

    /**
     * What this front end hands its inner extractor of samples {@code [from, to)} of a clip at the inner
     * rate: a range of the same clip (read in place, so that front ends in a chain copy the samples once
     * between them, not once each) or a new clip.
     */
    abstract Handed hand(AudioClip clip, int from, int to);

    /** The extractor inside this chain of front ends: the one that computes the values. */
    final FeatureExtractor innermost() {
        FeatureExtractor e = inner;
        while (e instanceof ClipFrontEnd front) {
            e = front.inner;
        }
        return e;
    }

    /**
     * The clip the {@link #innermost} extractor hears of a clip at the inner rate, so that
     * {@code extract(c)} is {@code innermost().extract(heard(c))}, bit for bit: every front end's range and
     * change applied, with at most one copy for the ranges.
     */
    final AudioClip heard(AudioClip clip) {
        Handed h = new Handed(clip, 0, clip.length());
        FeatureExtractor e = this;
        while (e instanceof ClipFrontEnd front) {
            h = front.hand(h.clip(), h.from(), h.to());
            e = front.inner;
        }
        return h.from() == 0 && h.to() == h.clip().length() ? h.clip() : h.clip().segment(h.from(), h.to(), 1f);
    }

    /**
     * The clip that {@code extractor}'s values come from: for a chain of front ends the clip its innermost
     * extractor hears ({@link #heard}), for any other extractor the clip at its rate.
     */
    static AudioClip heardBy(FeatureExtractor extractor, AudioClip clip) {
        AudioClip c = clip.resampledTo(extractor.sampleRateHz());
        return extractor instanceof ClipFrontEnd front ? front.heard(c) : c;
    }

    /** The extractor that computes {@code extractor}'s values: the innermost of a chain of front ends, or itself. */
    static FeatureExtractor innermostOf(FeatureExtractor extractor) {
        return extractor instanceof ClipFrontEnd front ? front.innermost() : extractor;
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + id() + "]";
    }
}
