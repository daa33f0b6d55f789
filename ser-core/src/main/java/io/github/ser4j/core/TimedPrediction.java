package io.github.ser4j.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A prediction for one window of a live stream (see {@link EmotionStream}): the window's place on the
 * stream's clock and what the classifier says about it.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param startSeconds the window's first sample, in seconds since the stream started
 * @param endSeconds the end of the window's last sample, in seconds since the stream started
 * @param prediction the (possibly smoothed) prediction for the window; it always gives an emotion (a stream
 *     emits no event for a window without speech or out of the model's domain)
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
     *     reversed, or the prediction is null or gives no emotion ({@link Prediction#hasEmotion()})
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
        if (!prediction.hasEmotion()) {
            throw new IllegalArgumentException("an event needs a prediction with an emotion, got one "
                    + (prediction.hasSpeech() ? "out of domain (" + prediction.domain().describe() + ")" : "without speech"));
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

    /**
     * The label of a run of events, for example one speech segment: the most frequent most-probable
     * emotion, a tie going to the tied emotion with the larger summed probability.
     *
     * @param events the events
     * @return the majority emotion
     * @throws IllegalArgumentException if {@code events} is null, empty or holds null
     */
    public static Emotion majority(List<TimedPrediction> events) {
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("events must not be null or empty");
        }
        Map<Emotion, Integer> votes = new EnumMap<>(Emotion.class);
        Map<Emotion, Double> mass = new EnumMap<>(Emotion.class);
        for (TimedPrediction e : events) {
            if (e == null) {
                throw new IllegalArgumentException("events must not hold null");
            }
            votes.merge(e.prediction().emotion(), 1, Integer::sum);
            e.prediction().probabilities().forEach((k, v) -> mass.merge(k, v, Double::sum));
        }
        Emotion best = null;
        for (Emotion e : votes.keySet()) {
            if (best == null || votes.get(e) > votes.get(best)
                    || (votes.get(e).equals(votes.get(best)) && mass.get(e) > mass.get(best))) {
                best = e;
            }
        }
        return best;
    }
}
