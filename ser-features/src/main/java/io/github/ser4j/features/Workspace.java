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
     * Buffers longer than this many elements are dropped by {@link #releaseLarge()}: enough for
     * about two minutes of 16 kHz audio at n_fft 2048, so typical clips reuse their buffers while a
     * single long clip does not pin tens of megabytes to a pooled thread for ever.
     */
    static final int RETAINED_ELEMENTS = 1 << 22;

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
            holdsLarge |= a.length > RETAINED_ELEMENTS;
        }
        return a;
    }

    float[] floats(Slot slot, int length) {
        float[] a = floats.get(slot);
        if (a == null || a.length < length) {
            a = new float[a == null ? length : grown(a.length, length)];
            floats.put(slot, a);
            holdsLarge |= a.length > RETAINED_ELEMENTS;
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
            holdsLarge |= b.length > RETAINED_ELEMENTS;
            a = b;
        }
        return a;
    }

    /**
     * Drops every buffer longer than {@link #RETAINED_ELEMENTS}; call at the end of an extraction,
     * after the last use of any buffer (views such as {@link PowerSpectrogram} stay valid for their
     * holder, but the workspace stops retaining them).
     */
    void releaseLarge() {
        if (!holdsLarge) {
            return; // the common case allocates nothing here
        }
        holdsLarge = false;
        doubles.values().removeIf(a -> a.length > RETAINED_ELEMENTS);
        floats.values().removeIf(a -> a.length > RETAINED_ELEMENTS);
        ints.values().removeIf(a -> a.length > RETAINED_ELEMENTS);
        booleans.values().removeIf(a -> a.length > RETAINED_ELEMENTS);
        rows.values().removeIf(a -> (long) a.length * a[0].length > RETAINED_ELEMENTS);
    }

    boolean[] booleans(Slot slot, int length) {
        boolean[] a = booleans.get(slot);
        if (a == null || a.length < length) {
            a = new boolean[a == null ? length : grown(a.length, length)];
            booleans.put(slot, a);
            holdsLarge |= a.length > RETAINED_ELEMENTS;
        }
        return a;
    }

    int[] ints(Slot slot, int length) {
        int[] a = ints.get(slot);
        if (a == null || a.length < length) {
            a = new int[a == null ? length : grown(a.length, length)];
            ints.put(slot, a);
            holdsLarge |= a.length > RETAINED_ELEMENTS;
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
            holdsLarge |= (long) a.length * c > RETAINED_ELEMENTS;
        }
        return a;
    }
}
