package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;

/**
 * The research and benchmark API of the feature module: the raw measures behind {@link SpeechDetector}'s
 * verdict, so a harness (ser-benchmarks' {@code NoSpeechRates}) can report how close each signal comes to
 * each threshold.
 *
 * <p><b>Not covered by the stability promise of the prediction API</b>: methods here may change or go in
 * any release, as the studies that use them change. Applications should use {@link SpeechDetector#analyse}.
 *
 * <p>Thread-safety: stateless; every method may be called from any number of threads at once.
 */
public final class FeatureResearch {

    private FeatureResearch() {
    }

    /**
     * The three measures {@link SpeechDetector} compares with its thresholds.
     *
     * @param voicedSeconds voiced sound, in seconds (against {@link SpeechDetector#MIN_VOICED_SECONDS})
     * @param medianStepSemitones median F0 change between consecutive voiced frames, in semitones per 10 ms
     *        (against {@link SpeechDetector#MIN_MEDIAN_F0_STEP_SEMITONES})
     * @param rangeSemitones F0 spread between the 10th and 90th percentile of the voiced frames, in semitones
     *        (against {@link SpeechDetector#MIN_F0_RANGE_SEMITONES})
     */
    public record SpeechMeasures(double voicedSeconds, double medianStepSemitones, double rangeSemitones) {
    }

    /**
     * The speech detector's measures of what {@code extractor} hears of a clip, as
     * {@link SpeechDetector#analyse(AudioClip, io.github.ser4j.core.FeatureExtractor)} makes them (for a front
     * end such as {@code speech-span}, of the span it hands on).
     *
     * @param clip the clip
     * @param extractor the extractor
     * @return the measures
     * @throws IllegalArgumentException if an argument is null
     */
    public static SpeechMeasures speechMeasures(AudioClip clip, io.github.ser4j.core.FeatureExtractor extractor) {
        if (clip == null || extractor == null) {
            throw new IllegalArgumentException(clip == null ? "clip must not be null" : "extractor must not be null");
        }
        return speechMeasures(ClipFrontEnd.heardBy(extractor, clip));
    }

    /**
     * The speech detector's measures of a clip (resampled to 16 kHz if needed), from the same pitch track
     * {@link SpeechDetector#analyse} makes.
     *
     * @param clip the clip
     * @return the measures
     * @throws IllegalArgumentException if {@code clip} is null
     */
    public static SpeechMeasures speechMeasures(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        try {
            SpeechDetector.Measures m = SpeechDetector.measure(clip.resampledTo(PitchTracker.SAMPLE_RATE).samplesView());
            return new SpeechMeasures(m.voicedSeconds(), m.medianStepSemitones(), m.rangeSemitones());
        } finally {
            Workspace.current().releaseLarge();
        }
    }

    /**
     * The speech span {@link SpeechTrimmed} cuts from the samples, by endpoint rule {@code version} (1, the
     * rule of models trained before version 2, or 2), so a harness ({@code SpanAccuracy}) can compare the
     * rules under recording conditions.
     *
     * @param samples the samples
     * @param rateHz their rate
     * @param version the rule: 1 or 2
     * @return {@code {start, end}} in samples
     * @throws IllegalArgumentException if {@code samples} is null, the rate not positive or the version unknown
     */
    public static int[] speechSpan(float[] samples, float rateHz, int version) {
        if (samples == null || !(rateHz > 0)) {
            throw new IllegalArgumentException(samples == null ? "samples must not be null" : "rate must be positive");
        }
        return SpeechEndpoints.find(java.nio.FloatBuffer.wrap(samples), rateHz, version);
    }
}
