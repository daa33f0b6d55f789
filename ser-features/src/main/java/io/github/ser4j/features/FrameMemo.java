package io.github.ser4j.features;

import java.util.Arrays;

/**
 * Per-frame values that one part of a stream keeps for its kept frames (see
 * {@link StreamingSpectrogram}): a ring of rows of {@code width} doubles indexed by grid frame, so
 * that a value which depends only on a frame's own samples (mel energies, pitch candidates, spectral
 * descriptors) is computed once however many requests read the frame.
 *
 * <p>Thread-safety: not thread-safe; owned by one stream.
 */
final class FrameMemo {

    private final int width;
    private double[] values = new double[0];
    private long[] frameOf = new long[0];
    private int slots;

    /** @param width doubles per frame */
    FrameMemo(int width) {
        this.width = width;
    }

    /** Makes room for {@code needed} frames, dropping every kept row if it has to grow. */
    void ensure(int needed) {
        if (slots >= needed) {
            return;
        }
        slots = needed;
        values = new double[slots * width];
        frameOf = new long[slots];
        Arrays.fill(frameOf, -1);
    }

    void reset() {
        Arrays.fill(frameOf, -1);
    }

    /** @return the index in {@link #values()} of grid frame {@code g}'s row, or -1 if it is not kept */
    int find(long g) {
        int slot = (int) (g % slots);
        return frameOf[slot] == g ? slot * width : -1;
    }

    /** @return the index in {@link #values()} of a row now assigned to grid frame {@code g}, to be filled */
    int claim(long g) {
        int slot = (int) (g % slots);
        frameOf[slot] = g;
        return slot * width;
    }

    /** @return array elements held (values and frame indexes) */
    long heldElements() {
        return (long) values.length + frameOf.length;
    }

    double[] values() {
        return values;
    }
}
