package io.github.ser4j.features;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Growable scratch buffers confined to one thread, so that the extraction hot path allocates
 * nothing per frame and, after the first clip of a given length, nothing per clip beyond its output.
 *
 * <p>Usage: a feature declares {@code private static final Workspace.Slot BUF = new Workspace.Slot("name")}
 * and asks {@code Workspace.current().doubles(BUF, length)} once per call (not per frame). The returned
 * array is at least {@code length} long, its contents are left over from earlier calls (not cleared),
 * and it stays valid until the same slot is requested again on this thread. Two features must
 * not share a slot unless they mean to share its contents (as with {@link Stft#SPECTROGRAM}).
 *
 * <p>Thread-safety: not thread-safe by design; each thread gets its own instance from
 * {@link #current()}, and buffers must never be handed to another thread.
 */
final class Workspace {

    private static final ThreadLocal<Workspace> LOCAL = ThreadLocal.withInitial(Workspace::new);

    /** Identity key of one scratch buffer; compared by identity, the name is for debugging only. */
    static final class Slot {
        private final String name;

        Slot(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "Slot(" + name + ")";
        }
    }

    /**
     * Buffers of up to this many bytes (4 MiB) are kept between calls: every buffer of a clip up to about a
     * minute at 16 kHz, and a chunk of spectra ({@link SpectrogramChunks#CHUNK_ELEMENTS} floats), so typical
     * clips reuse their buffers.
     */
    static final long RETAINED_BYTES = 4L << 20;
    /**
     * Once a step has needed a buffer larger than {@link #RETAINED_BYTES} (a long clip), {@link #releaseLarge()}
     * drops every buffer larger than this (256 KiB): a long clip's smaller per-frame buffers are clip-sized
     * too, and must be gone before the next step allocates its own.
     */
    static final long SMALL_BYTES = 256L << 10;

    private final Map<Slot, double[]> doubles = new IdentityHashMap<>();
    private final Map<Slot, float[]> floats = new IdentityHashMap<>();
    private final Map<Slot, int[]> ints = new IdentityHashMap<>();
    private final Map<Slot, double[][]> rows = new IdentityHashMap<>();
    private final Map<Slot, boolean[]> booleans = new IdentityHashMap<>();

    private boolean holdsLarge;

    private Workspace() {
    }

    /** @return this thread's workspace */
    static Workspace current() {
        return LOCAL.get();
    }

    /** Grows by at least 1/4 so that slowly growing inputs do not reallocate every call. */
    private static int grown(int have, int need) {
        return Math.max(need, have + (have >> 2));
    }

    double[] doubles(Slot slot, int length) {
        double[] a = doubles.get(slot);
        if (a == null || a.length < length) {
            a = new double[a == null ? length : grown(a.length, length)];
            doubles.put(slot, a);
            holdsLarge |= 8L * a.length > RETAINED_BYTES;
        }
        return a;
    }

    float[] floats(Slot slot, int length) {
        float[] a = floats.get(slot);
        if (a == null || a.length < length) {
            a = new float[a == null ? length : grown(a.length, length)];
            floats.put(slot, a);
            holdsLarge |= 4L * a.length > RETAINED_BYTES;
        }
        return a;
    }

    /**
     * As {@link #floats}, but a buffer that has to grow keeps its first {@code keep} values (for a list
     * that grows while it is filled).
     */
    float[] floatsKeeping(Slot slot, int length, int keep) {
        float[] a = floats.get(slot);
        if (a == null || a.length < length) {
            float[] b = new float[a == null ? length : grown(a.length, length)];
            if (a != null) {
                System.arraycopy(a, 0, b, 0, Math.min(keep, a.length));
            }
            floats.put(slot, b);
            holdsLarge |= 4L * b.length > RETAINED_BYTES;
            a = b;
        }
        return a;
    }

    /**
     * After a step that needed a buffer of more than {@link #RETAINED_BYTES}, drops every buffer of more than
     * {@link #SMALL_BYTES}; call at the end of an extraction step,
     * after the last use of any buffer (views such as {@link PowerSpectrogram} stay valid for their
     * holder, but the workspace stops retaining them).
     */
    void releaseLarge() {
        if (!holdsLarge) {
            return; // the common case allocates nothing here
        }
        holdsLarge = false;
        doubles.values().removeIf(a -> 8L * a.length > SMALL_BYTES);
        floats.values().removeIf(a -> 4L * a.length > SMALL_BYTES);
        ints.values().removeIf(a -> 4L * a.length > SMALL_BYTES);
        booleans.values().removeIf(a -> a.length > SMALL_BYTES);
        rows.values().removeIf(a -> 8L * a.length * a[0].length > SMALL_BYTES);
    }

    /** @return the size in bytes of the largest buffer this workspace holds (for tests) */
    long largestBufferBytes() {
        long max = 0;
        for (double[] a : doubles.values()) {
            max = Math.max(max, 8L * a.length);
        }
        for (float[] a : floats.values()) {
            max = Math.max(max, 4L * a.length);
        }
        for (int[] a : ints.values()) {
            max = Math.max(max, 4L * a.length);
        }
        for (boolean[] a : booleans.values()) {
            max = Math.max(max, a.length);
        }
        for (double[][] a : rows.values()) {
            max = Math.max(max, 8L * a.length * a[0].length);
        }
        return max;
    }

    boolean[] booleans(Slot slot, int length) {
        boolean[] a = booleans.get(slot);
        if (a == null || a.length < length) {
            a = new boolean[a == null ? length : grown(a.length, length)];
            booleans.put(slot, a);
            holdsLarge |= a.length > RETAINED_BYTES;
        }
        return a;
    }

    int[] ints(Slot slot, int length) {
        int[] a = ints.get(slot);
        if (a == null || a.length < length) {
            a = new int[a == null ? length : grown(a.length, length)];
            ints.put(slot, a);
            holdsLarge |= 4L * a.length > RETAINED_BYTES;
        }
        return a;
    }

    /**
     * A matrix of {@code count} separate row arrays of {@code columns} doubles each (at least; rows
     * and columns may be longer), for loops that must not see two rows as possibly the same array.
     */
    double[][] rows(Slot slot, int count, int columns) {
        if (count < 1 || columns < 1) {
            throw new IllegalArgumentException("rows need count and columns >= 1, got " + count + "x" + columns);
        }
        double[][] a = rows.get(slot);
        if (a == null || a.length < count || a[0].length < columns) {
            int c = Math.max(columns, a == null ? 0 : a[0].length);
            a = new double[Math.max(count, a == null ? 0 : a.length)][c];
            rows.put(slot, a);
            holdsLarge |= 8L * a.length * c > RETAINED_BYTES;
        }
        return a;
    }
}
