package io.github.ser4j.features;

/**
 * Allocation-free order statistics on float arrays: the k-th smallest value (quickselect) and the
 * means of the {@code q} smallest or largest values (bounded insertion, linear for small {@code q}).
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

    /** Mean of the {@code q} smallest of {@code a[0..n)}, {@code 1 <= q <= n}; {@code a} unchanged;
     * {@code best} is scratch of length &gt;= q. */
    static double meanOfSmallest(float[] a, int n, int q, float[] best) {
        // keep the q smallest seen so far in best[0..q), ascending
        int size = 0;
        for (int i = 0; i < n; i++) {
            float v = a[i];
            if (size < q) {
                int j = size++;
                while (j > 0 && best[j - 1] > v) {
                    best[j] = best[j - 1];
                    j--;
                }
                best[j] = v;
            } else if (v < best[q - 1]) {
                int j = q - 1;
                while (j > 0 && best[j - 1] > v) {
                    best[j] = best[j - 1];
                    j--;
                }
                best[j] = v;
            }
        }
        double sum = 0;
        for (int i = 0; i < q; i++) {
            sum += best[i];
        }
        return sum / q;
    }

    /** Mean of the {@code q} largest of {@code a[0..n)}, {@code 1 <= q <= n}; {@code a} unchanged;
     * {@code best} is scratch of length &gt;= q. */
    static double meanOfLargest(float[] a, int n, int q, float[] best) {
        int size = 0;
        for (int i = 0; i < n; i++) {
            float v = a[i];
            if (size < q) {
                int j = size++;
                while (j > 0 && best[j - 1] < v) {
                    best[j] = best[j - 1];
                    j--;
                }
                best[j] = v;
            } else if (v > best[q - 1]) {
                int j = q - 1;
                while (j > 0 && best[j - 1] < v) {
                    best[j] = best[j - 1];
                    j--;
                }
                best[j] = v;
            }
        }
        double sum = 0;
        for (int i = 0; i < q; i++) {
            sum += best[i];
        }
        return sum / q;
    }

}
