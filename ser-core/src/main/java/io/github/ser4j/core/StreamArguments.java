package io.github.ser4j.core;

/**
 * Argument checks shared by every {@link FeatureStream}, so they all fail with the same messages.
 *
 * <p>Thread-safety: stateless.
 */
public final class StreamArguments {

    private StreamArguments() {
    }

    /**
     * Checks the arguments of {@link FeatureStream#append}.
     *
     * @param samples the buffer
     * @param offset the first sample
     * @param length how many samples
     * @param appendedBefore samples the stream held before this call, to name a bad sample's index
     * @throws IllegalArgumentException if the buffer is null, the range is outside it, or a sample is
     *     not finite
     */
    public static void checkAppend(float[] samples, int offset, int length, long appendedBefore) {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        if (offset < 0 || length < 0 || offset > samples.length - length) {
            throw new IllegalArgumentException("range offset " + offset + ", length " + length
                    + " is outside a buffer of " + samples.length + " samples");
        }
        for (int i = 0; i < length; i++) {
            if (!Float.isFinite(samples[offset + i])) {
                throw new IllegalArgumentException("stream sample " + (appendedBefore + i) + " is "
                        + samples[offset + i] + "; samples must be finite");
            }
        }
    }

    /**
     * Checks the argument of {@link FeatureStream#extractLast}.
     *
     * @param samples the requested span
     * @param capacity the stream's capacity
     * @param appended samples appended so far
     * @param sampleRateHz the stream's rate, to state the minimum length
     * @throws IllegalArgumentException if the span is too short, beyond the capacity or beyond what was
     *     appended
     */
    public static void checkSpan(int samples, int capacity, long appended, float sampleRateHz) {
        int min = (int) Math.ceil(AudioClip.MIN_DURATION_SECONDS * sampleRateHz);
        if (samples < min) {
            throw new IllegalArgumentException("a span of " + samples + " samples is shorter than the "
                    + AudioClip.MIN_DURATION_SECONDS + " s minimum (" + min + " samples at " + sampleRateHz + " Hz)");
        }
        if (samples > capacity) {
            throw new IllegalArgumentException("a span of " + samples + " samples exceeds the stream's capacity of "
                    + capacity + " samples");
        }
        if (samples > appended) {
            throw new IllegalArgumentException("a span of " + samples + " samples was asked for but only "
                    + appended + " have been appended");
        }
    }

    /**
     * Checks a capacity passed to {@link FeatureExtractor#openStream(int)}.
     *
     * @param capacitySamples the capacity
     * @param sampleRateHz the extractor's rate
     * @throws IllegalArgumentException if it is below the minimum clip length or above the maximum
     */
    public static void checkCapacity(int capacitySamples, float sampleRateHz) {
        int min = (int) Math.ceil(AudioClip.MIN_DURATION_SECONDS * sampleRateHz);
        double max = AudioClip.MAX_DURATION_SECONDS * (double) sampleRateHz;
        if (capacitySamples < min || capacitySamples > max) {
            throw new IllegalArgumentException("stream capacity " + capacitySamples + " samples is outside ["
                    + min + ", " + (long) max + "] at " + sampleRateHz + " Hz (" + AudioClip.MIN_DURATION_SECONDS
                    + " s to " + AudioClip.MAX_DURATION_SECONDS + " s)");
        }
    }
}
