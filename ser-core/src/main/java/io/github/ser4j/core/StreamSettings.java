package io.github.ser4j.core;

import java.util.Locale;

/**
 * How an {@link EmotionStream} cuts live audio into predictions. Start from {@link #defaults()} and
 * change what you need with the {@code with…} methods.
 *
 * <p>An {@link EmotionStream} rounds the window, hop and minimum segment to the
 * {@link FeatureStream#alignmentSamples() alignment} of the extractor's feature stream (so frames are
 * reused from hop to hop); {@link EmotionStream#settings()} reports the values in use.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param windowSeconds the longest span one prediction covers; default {@value #DEFAULT_WINDOW_SECONDS}
 *     s, about one RAVDESS utterance. A window never reaches back past the start of the current speech
 *     segment.
 * @param hopSeconds the time between predictions within a speech segment; default
 *     {@value #DEFAULT_HOP_SECONDS} s; at most the window
 * @param minSegmentSeconds how much speech a segment must hold before its first prediction; shorter
 *     segments (a cough, a click) emit nothing. Default {@value #DEFAULT_MIN_SEGMENT_SECONDS} s; from
 *     {@link AudioClip#MIN_DURATION_SECONDS} to the window
 * @param smoothingSeconds time constant of exponential smoothing of the probabilities within a speech
 *     segment; 0 (the default) turns smoothing off. Smoothing restarts with every segment.
 * @param vadMarginDb how far above the tracked noise floor a 20 ms frame must be to count as speech;
 *     default {@value #DEFAULT_VAD_MARGIN_DB} dB; from 3 to 60
 * @param hangoverSeconds how long a segment survives quiet frames (pauses between words) before it
 *     ends; default {@value #DEFAULT_HANGOVER_SECONDS} s; from 0 to 5. A segment's end is its last loud
 *     frame; the hangover only delays the moment that is known.
 */
public record StreamSettings(double windowSeconds, double hopSeconds, double minSegmentSeconds,
        double smoothingSeconds, double vadMarginDb, double hangoverSeconds) {

    /** The default window, in seconds. */
    public static final double DEFAULT_WINDOW_SECONDS = 3.0;
    /** The default hop, in seconds. */
    public static final double DEFAULT_HOP_SECONDS = 0.48;
    /** The default minimum segment, in seconds. */
    public static final double DEFAULT_MIN_SEGMENT_SECONDS = 1.5;
    /** The default VAD margin, in dB. */
    public static final double DEFAULT_VAD_MARGIN_DB = 15.0;
    /** The default hangover, in seconds. */
    public static final double DEFAULT_HANGOVER_SECONDS = 0.4;
    /** The longest window, in seconds. */
    public static final double MAX_WINDOW_SECONDS = 60.0;

    /**
     * Validates the settings.
     *
     * @param windowSeconds the window
     * @param hopSeconds the hop
     * @param minSegmentSeconds the minimum segment
     * @param smoothingSeconds the smoothing time constant, 0 for none
     * @param vadMarginDb the VAD margin
     * @param hangoverSeconds the hangover
     * @throws IllegalArgumentException naming the setting and its allowed range, if a value is not
     *     finite or out of range: window {@link AudioClip#MIN_DURATION_SECONDS} to
     *     {@value #MAX_WINDOW_SECONDS} s, hop above 0 and at most the window, minimum segment from
     *     {@link AudioClip#MIN_DURATION_SECONDS} to the window, smoothing 0 to 3600 s, margin 3 to 60 dB,
     *     hangover 0 to 5 s
     */
    public StreamSettings {
        check("window", windowSeconds, AudioClip.MIN_DURATION_SECONDS, MAX_WINDOW_SECONDS, "s");
        if (!Double.isFinite(hopSeconds) || hopSeconds <= 0 || hopSeconds > windowSeconds) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "hop must be above 0 s and at most the window (%s s), got %s s", windowSeconds, hopSeconds));
        }
        check("minimum segment", minSegmentSeconds, AudioClip.MIN_DURATION_SECONDS, windowSeconds, "s");
        check("smoothing time constant", smoothingSeconds, 0, 3600, "s");
        check("VAD margin", vadMarginDb, 3, 60, "dB");
        check("hangover", hangoverSeconds, 0, 5, "s");
    }

    private static void check(String name, double v, double min, double max, String unit) {
        if (!Double.isFinite(v) || v < min || v > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + " " + unit + ", got " + v);
        }
    }

    /**
     * The defaults: 3 s window, 0.48 s hop, 1.5 s minimum segment, no smoothing, 15 dB VAD margin, 0.4 s
     * hangover.
     *
     * @return the default settings
     */
    public static StreamSettings defaults() {
        return new StreamSettings(DEFAULT_WINDOW_SECONDS, DEFAULT_HOP_SECONDS, DEFAULT_MIN_SEGMENT_SECONDS, 0,
                DEFAULT_VAD_MARGIN_DB, DEFAULT_HANGOVER_SECONDS);
    }

    /**
     * These settings with another window; the minimum segment shrinks to the window if it is longer.
     *
     * @param seconds the window
     * @return new settings
     * @throws IllegalArgumentException if the result is invalid (for example the hop exceeds the window)
     */
    public StreamSettings withWindow(double seconds) {
        return new StreamSettings(seconds, hopSeconds, Math.min(minSegmentSeconds, seconds), smoothingSeconds,
                vadMarginDb, hangoverSeconds);
    }

    /**
     * These settings with another hop.
     *
     * @param seconds the hop
     * @return new settings
     * @throws IllegalArgumentException if the hop is invalid
     */
    public StreamSettings withHop(double seconds) {
        return new StreamSettings(windowSeconds, seconds, minSegmentSeconds, smoothingSeconds, vadMarginDb,
                hangoverSeconds);
    }

    /**
     * These settings with another minimum segment.
     *
     * @param seconds the minimum segment
     * @return new settings
     * @throws IllegalArgumentException if it is invalid
     */
    public StreamSettings withMinSegment(double seconds) {
        return new StreamSettings(windowSeconds, hopSeconds, seconds, smoothingSeconds, vadMarginDb, hangoverSeconds);
    }

    /**
     * These settings with another smoothing time constant (0 turns smoothing off).
     *
     * @param seconds the time constant
     * @return new settings
     * @throws IllegalArgumentException if it is invalid
     */
    public StreamSettings withSmoothing(double seconds) {
        return new StreamSettings(windowSeconds, hopSeconds, minSegmentSeconds, seconds, vadMarginDb, hangoverSeconds);
    }

    /**
     * These settings with other voice-activity parameters.
     *
     * @param marginDb the margin above the noise floor
     * @param hangover the hangover in seconds
     * @return new settings
     * @throws IllegalArgumentException if one is invalid
     */
    public StreamSettings withVad(double marginDb, double hangover) {
        return new StreamSettings(windowSeconds, hopSeconds, minSegmentSeconds, smoothingSeconds, marginDb, hangover);
    }
}
