package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.util.List;

/**
 * A small real extractor for tests, at 8 kHz: zero-crossing rate and the mean absolute first
 * difference over the mean absolute value (both grow with pitch, neither depends on loudness), and
 * the log RMS level.
 */
final class ToneExtractor implements FeatureExtractor {

    static final float RATE = 8000f;

    private final String id;

    ToneExtractor() {
        this("test-tone/1(sr=8000)");
    }

    ToneExtractor(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> featureNames() {
        return List.of("zcr", "diff_ratio", "log_rms");
    }

    @Override
    public float sampleRateHz() {
        return RATE;
    }

    @Override
    public double[] extract(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        float[] s = clip.resampledTo(RATE).samples();
        int crossings = 0;
        double absSum = 0;
        double diffSum = 0;
        double sq = 0;
        for (int i = 0; i < s.length; i++) {
            absSum += Math.abs(s[i]);
            sq += s[i] * s[i];
            if (i > 0) {
                diffSum += Math.abs(s[i] - s[i - 1]);
                if ((s[i - 1] >= 0) != (s[i] >= 0)) {
                    crossings++;
                }
            }
        }
        return new double[] {(double) crossings / s.length, diffSum / (absSum + 1e-12),
            Math.log10(1e-12 + Math.sqrt(sq / s.length))};
    }
}
