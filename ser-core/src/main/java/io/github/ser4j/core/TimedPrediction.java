package io.github.ser4j.core;

/**
 * A prediction for one window of a live stream (see {@link EmotionStream}): the window's place on the
 * stream's clock and what the classifier says about it.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param startSeconds the window's first sample, in seconds since the stream started
 * @param endSeconds the end of the window's last sample, in seconds since the stream started
 * @param prediction the (possibly smoothed) prediction for the window
 * @param segmentEnd true for the last event of a speech segment, emitted when the voice-activity
 *     detector decides the segment is over (or the stream finishes); its window ends at the segment's
 *     last speech frame. Until the next event, the stream hears no speech.
 */
public record TimedPrediction(double startSeconds, double endSeconds, Prediction prediction, boolean segmentEnd) {

    /**
     * Validates an event.
     *
     * @param startSeconds the window's start
     * @param endSeconds the window's end
     * @param prediction the prediction
     * @param segmentEnd whether this is the last event of its speech segment
     * @throws IllegalArgumentException if a time is not finite or negative, the window is empty or
     *     reversed, or the prediction is null
     */
    public TimedPrediction {
        if (!Double.isFinite(startSeconds) || !Double.isFinite(endSeconds) || startSeconds < 0
                || endSeconds <= startSeconds) {
            throw new IllegalArgumentException("window must satisfy 0 <= start < end, got " + startSeconds + " to "
                    + endSeconds + " s");
        }
        if (prediction == null) {
            throw new IllegalArgumentException("prediction must not be null");
        }
    }

    /**
     * The window's length.
     *
     * @return {@code endSeconds - startSeconds}
     */
    public double durationSeconds() {
        return endSeconds - startSeconds;
    }
}
