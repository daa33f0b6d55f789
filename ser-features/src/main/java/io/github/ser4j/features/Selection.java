package io.github.ser4j.features;

/**
 * Allocation-free order statistics on float arrays: the k-th smallest value (quickselect) and the
 * {@code q} smallest or largest values (bounded insertion: few mispredicted branches on spectra,
 * which quickselect suffers from; O(n*q) at worst).
 *
 * <p>Thread-safety: stateless.
 */
final class Selection {

    private Selection() {
    }

    /**
     * Reorders {@code a[0..n)} so that {@code a[k]} holds the value it would have if sorted,
     * everything before it is {@code <=} and everything after {@code >=}.
     *
     * @return {@code a[k]} after reordering
     */
    static float kth(float[] a, int n, int k) {
        if (k < 0 || k >= n) {
            throw new IllegalArgumentException("k=" + k + " outside 0.." + (n - 1));
        }
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            // median of three as pivot keeps sorted and reversed inputs linear
            int mid = (lo + hi) >>> 1;
            float pivot = median3(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float tmp = a[i];
                    a[i] = a[j];
                    a[j] = tmp;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return a[k];
    }

    private static float median3(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** After {@link #kth}{@code (a, n, k)}: the largest of {@code a[0..k)}, the (k-1)-th smallest. */
    static float maxBelow(float[] a, int k) {
        float m = a[0];
        for (int i = 1; i < k; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }

    /**
     * Copies the {@code q} smallest of {@code a[from..from+n)} into {@code best[0..q)},
     * {@code 1 <= q <= n}; {@code a} is unchanged.
     */
    static void smallest(float[] a, int from, int n, int q, float[] best) {
        // constant q for the counts the 16 kHz spectral contrast bands use: the JIT specialises each copy
        // (about 10% faster on speech spectra, measured); the values are the same whatever the copy
        switch (q) {
            case 1 -> scanSmallest(a, from, n, 1, best);
            case 2 -> scanSmallest(a, from, n, 2, best);
            case 4 -> scanSmallest(a, from, n, 4, best);
            case 8 -> scanSmallest(a, from, n, 8, best);
            default -> scanSmallest(a, from, n, q, best);
        }
    }

    private static void scanSmallest(float[] a, int from, int n, int q, float[] best) {
        // best[0..q) ascending. Scans from the end: spectra mostly fall with frequency, so going
        // down the values mostly rise and fail the one comparison against the current q-th
        // smallest (predictable, linear); the worst case is O(n*q).
        int end = from + n - 1;
        for (int size = 0; size < q; size++) {
            insertAscending(best, size, a[end - size]);
        }
        float limit = best[q - 1];
        for (int i = end - q; i >= from; i--) {
            float v = a[i];
            if (v < limit) {
                insertAscending(best, q - 1, v);
                limit = best[q - 1];
            }
        }
    }

    /**
     * Copies the {@code q} largest of {@code a[from..from+n)} into {@code best[0..q)},
     * {@code 1 <= q <= n}; {@code a} is unchanged.
     */
    static void largest(float[] a, int from, int n, int q, float[] best) {
        // as smallest: specialised copies for the contrast bands' counts
        switch (q) {
            case 1 -> scanLargest(a, from, n, 1, best);
            case 2 -> scanLargest(a, from, n, 2, best);
            case 4 -> scanLargest(a, from, n, 4, best);
            case 8 -> scanLargest(a, from, n, 8, best);
            default -> scanLargest(a, from, n, q, best);
        }
    }

    private static void scanLargest(float[] a, int from, int n, int q, float[] best) {
        // scans upwards, where spectra mostly fall: the mirror of smallest()
        for (int size = 0; size < q; size++) {
            insertDescending(best, size, a[from + size]);
        }
        float limit = best[q - 1];
        for (int i = from + q, end = from + n; i < end; i++) {
            float v = a[i];
            if (v > limit) {
                insertDescending(best, q - 1, v);
                limit = best[q - 1];
            }
        }
    }

    /** Puts v into ascending best[0..j], dropping what was at best[j]. */
    private static void insertAscending(float[] best, int j, float v) {
        while (j > 0 && best[j - 1] > v) {
            best[j] = best[j - 1];
            j--;
        }
        best[j] = v;
    }

    /** Puts v into descending best[0..j], dropping what was at best[j]. */
    private static void insertDescending(float[] best, int j, float v) {
        while (j > 0 && best[j - 1] < v) {
            best[j] = best[j - 1];
            j--;
        }
        best[j] = v;
    }
}
