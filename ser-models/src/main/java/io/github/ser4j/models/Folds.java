package io.github.ser4j.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/** Assigns every row to a cross-validation fold, deterministically for a seed. */
final class Folds {

    private Folds() {
    }

    /**
     * Stratified random k-fold: each class is shuffled and dealt round-robin, the dealer carrying on
     * from class to class so fold sizes differ by at most one.
     */
    static int[] stratified(int[] y, int numClasses, int k, long seed) {
        if (k > y.length) {
            throw new IllegalArgumentException("cannot make " + k + " folds from " + y.length + " clips");
        }
        Random rnd = new Random(seed);
        int[] fold = new int[y.length];
        int next = 0;
        for (int c = 0; c < numClasses; c++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == c) {
                    rows.add(i);
                }
            }
            Collections.shuffle(rows, rnd);
            for (int r : rows) {
                fold[r] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    /**
     * Speaker-grouped k-fold: the sorted speakers are shuffled and dealt round-robin, so no speaker is
     * in two folds (20 speakers, 5 folds: 4 speakers a fold).
     */
    static int[] grouped(String[] speakers, int k, long seed) {
        TreeSet<String> distinct = new TreeSet<>();
        for (int i = 0; i < speakers.length; i++) {
            if (speakers[i] == null) {
                throw new IllegalArgumentException("speaker-grouped folds need a speaker for every clip; row "
                        + i + " has none");
            }
            distinct.add(speakers[i]);
        }
        if (k > distinct.size()) {
            throw new IllegalArgumentException("cannot make " + k + " speaker-grouped folds from "
                    + distinct.size() + " speakers");
        }
        List<String> order = new ArrayList<>(distinct);
        Collections.shuffle(order, new Random(seed));
        java.util.Map<String, Integer> foldOf = new java.util.HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            foldOf.put(order.get(i), i % k);
        }
        int[] fold = new int[speakers.length];
        for (int i = 0; i < speakers.length; i++) {
            fold[i] = foldOf.get(speakers[i]);
        }
        return fold;
    }

    static int[] rowsWhere(int[] fold, int f, boolean in) {
        int n = 0;
        for (int v : fold) {
            if ((v == f) == in) {
                n++;
            }
        }
        int[] rows = new int[n];
        int j = 0;
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == f) == in) {
                rows[j++] = i;
            }
        }
        return rows;
    }
}
