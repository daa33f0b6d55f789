package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.util.List;
import org.junit.jupiter.api.Test;

class DroppedFeaturesTest {

    @Test
    void robustPresetKeepsFullsValuesWithoutTheLevelAndNoiseFloorFeatures() throws Exception {
        FeatureExtractor full = FeatureExtractors.full();
        FeatureExtractor robust = FeatureExtractors.byName("robust");
        AudioClip clip = MfccStatisticsTest.speech();
        double[] all = full.extract(clip);
        double[] kept = robust.extract(clip);
        List<String> names = robust.featureNames();
        assertEquals(406, names.size());
        assertEquals(kept.length, names.size());
        for (int j = 0; j < names.size(); j++) {
            assertEquals(all[full.featureNames().indexOf(names.get(j))], kept[j], 0.0, names.get(j));
        }
        for (String n : names) {
            assertFalse(n.endsWith("_min") || n.contains("flatness") || n.contains("rms_") || n.equals("prosody.level_db_mean")
                    || n.equals("mfcc-stats.mfcc0_p50"), n);
        }
        assertTrue(names.contains("prosody.level_db_stddev") && names.contains("mfcc-stats.mfcc0_iqr20_80"));
        assertEquals(robust.id(), FeatureExtractors.byId(robust.id()).id());
        assertEquals(robust.featureNames(), FeatureExtractors.byId(robust.id()).featureNames());
    }

    @Test
    void badPatternsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DroppedFeatures.of(FeatureExtractors.seed(), "("));
        assertTrue(e.getMessage().startsWith("bad feature pattern '('"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DroppedFeatures.of(FeatureExtractors.seed(), "."));
        assertTrue(e.getMessage().contains("drops every feature"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureExtractors.byId("drop/1(x)[no-such/1]"));
    }

    @Test
    void aPatternThatBacktracksCatastrophicallyIsStoppedAtTheBudgetAndIdsHaveALengthLimit() {
        FeatureExtractor full = FeatureExtractors.full();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10), () -> assertThrows(IllegalArgumentException.class,
                        () -> DroppedFeatures.of(full, "(.*)(.*)(.*)(.*)(.*)(.*)(.*)X")));
        assertEquals("feature pattern '(.*)(.*)(.*)(.*)(.*)(.*)(.*)X' is too costly to match: over 20000000 characters "
                + "read for the feature names (catastrophic backtracking)", e.getMessage());
        // the robust preset's own pattern stays far inside the budget, and a cheap pattern still drops what it names
        assertEquals(full.dimension() - 1, DroppedFeatures.of(full, "^seed-librosa\\.zcr_mean$").dimension());
        String deep = "trim/1[".repeat(1000) + FeatureExtractors.full().id() + "]".repeat(1000);
        assertTrue(deep.length() > FeatureExtractors.MAX_ID_LENGTH);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeatureExtractors.byId(deep)).getMessage()
                .startsWith("feature extractor id of " + deep.length() + " characters is longer than the limit of 4096"));
        String nested = "trim/1[".repeat(3) + FeatureExtractors.full().id() + "]".repeat(3);
        assertEquals(nested, FeatureExtractors.byId(nested).id(), "nested front ends within the limit still resolve");
    }
}
