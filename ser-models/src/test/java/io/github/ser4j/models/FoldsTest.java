package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FoldsTest {

    @Test
    void stratifiedFoldsAreBalancedPerClassAndSeeded() {
        int[] y = new int[1200];
        for (int i = 0; i < y.length; i++) {
            y[i] = i < 80 ? 0 : 1 + i % 7; // RAVDESS-like: neutral has half the clips
        }
        int[] f = Folds.stratified(y, 8, 6, 3);
        for (int c = 0; c < 8; c++) {
            int[] perFold = new int[6];
            int total = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] == c) {
                    perFold[f[i]]++;
                    total++;
                }
            }
            for (int k = 0; k < 6; k++) {
                assertTrue(Math.abs(perFold[k] - total / 6.0) <= 1, "class " + c + " fold " + k + ": " + perFold[k]);
            }
        }
        assertArrayEquals(f, Folds.stratified(y, 8, 6, 3));
        assertTrue(!java.util.Arrays.equals(f, Folds.stratified(y, 8, 6, 4)));
    }

    @Test
    void groupedFoldsNeverShareASpeaker() {
        String[] speakers = new String[1200];
        for (int i = 0; i < speakers.length; i++) {
            speakers[i] = String.format("%02d", 1 + i % 20);
        }
        int[] f = Folds.grouped(speakers, 5, 1);
        Map<String, Integer> foldOf = new HashMap<>();
        Map<Integer, Set<String>> members = new HashMap<>();
        for (int i = 0; i < f.length; i++) {
            Integer prev = foldOf.put(speakers[i], f[i]);
            assertTrue(prev == null || prev == f[i], "speaker " + speakers[i] + " in two folds");
            members.computeIfAbsent(f[i], k -> new HashSet<>()).add(speakers[i]);
        }
        assertEquals(5, members.size());
        members.values().forEach(m -> assertEquals(4, m.size()));
    }
}
