package io.github.ser4j.features;

import io.github.ser4j.core.StreamArguments;

/**
 * The most recent samples of a stream in one contiguous array, so that frames of any framing can be
 * read in place: appends go to the end, and when the array is full the last {@code capacity}
 * samples move to its front (each sample is moved at most once per {@code capacity} appended, so
 * appending costs O(1) a sample). Holds between {@code capacity} and {@code 2 * capacity} samples.
 *
 * <p>Thread-safety: not thread-safe; owned by one stream.
 */
final class SampleHistory {

    private final int capacity;
    private final float[] buffer;
    /** Stream index (since the last reset) of {@code buffer[0]}. */
    private long base;
    private int size;

    SampleHistory(int capacity) {
        this.capacity = capacity;
        this.buffer = new float[2 * capacity];
    }

    /** Checks (naming a bad sample's stream index) and appends; see {@link StreamArguments#checkAppend}. */
    void append(float[] samples, int offset, int length) {
        StreamArguments.checkAppend(samples, offset, length, appended());
        if (length > capacity) {
            // only the last capacity samples can ever be read
            base += size + length - capacity;
            size = 0;
            offset += length - capacity;
            length = capacity;
        }
        if (size + length > buffer.length) {
            int keep = Math.min(size, capacity);
            System.arraycopy(buffer, size - keep, buffer, 0, keep);
            base += size - keep;
            size = keep;
        }
        System.arraycopy(samples, offset, buffer, size, length);
        size += length;
    }

    /** @return samples appended since the last reset */
    long appended() {
        return base + size;
    }

    /** @return the samples array's length, fixed at twice the capacity */
    int heldElements() {
        return buffer.length;
    }

    int capacity() {
        return capacity;
    }

    /** The array holding the samples; valid until the next append. */
    float[] buffer() {
        return buffer;
    }

    /**
     * @param streamIndex a stream index among the last {@link #capacity()} appended
     * @return its index in {@link #buffer()}
     */
    int indexOf(long streamIndex) {
        long i = streamIndex - base;
        if (i < 0 || i >= size) {
            throw new IllegalStateException("stream sample " + streamIndex + " is no longer held (held: " + base
                    + ".." + (base + size - 1) + ")");
        }
        return (int) i;
    }

    void reset() {
        base = 0;
        size = 0;
    }
}
