package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeExtractorTest {

    @Test
    void concatenatesThePartsVectorsInOrder() throws IOException {
        AudioClip clip = MfccStatisticsTest.speech();
        FeatureExtractor[] parts = {SeedFeatures.create(), MfccStatistics.create(), ProsodicFeatures.create(),
            SpectralShapeFeatures.create()};
        CompositeExtractor c = CompositeExtractor.of(parts);
        double[] all = c.extract(clip);
        int offset = 0;
        for (FeatureExtractor part : parts) {
            double[] alone = part.extract(clip);
            // Shared-spectrogram parts must give exactly what they give alone.
            assertArrayEquals(alone, Arrays.copyOfRange(all, offset, offset + alone.length), part.id());
            offset += alone.length;
        }
        assertEquals(offset, all.length);
        assertEquals(c.dimension(), all.length);
    }

    @Test
    void namesArePrefixedByPartAndUnique() {
        CompositeExtractor c = CompositeExtractor.of(ProsodicFeatures.create(), MfccStatistics.create(),
                ProsodicFeatures.create());
        List<String> names = c.featureNames();
        assertEquals("prosody.f0_semitone_mean", names.get(0));
        assertTrue(names.contains("mfcc-stats.mfcc0_mean"));
        assertTrue(names.contains("prosody#2.f0_semitone_mean"));
        assertEquals(names.size(), names.stream().distinct().count());
        assertEquals("composite/1[" + ProsodicFeatures.create().id() + " + " + MfccStatistics.create().id()
                + " + " + ProsodicFeatures.create().id() + "]", c.id());
    }

    @Test
    void everyPresetRoundTripsThroughItsId() {
        for (String name : FeatureExtractors.names()) {
            FeatureExtractor e = FeatureExtractors.byName(name);
            FeatureExtractor back = FeatureExtractors.byId(e.id());
            assertEquals(e.id(), back.id(), name);
            assertEquals(e.featureNames(), back.featureNames(), name);
        }
        // Any composite of known parts, not only presets.
        CompositeExtractor custom = CompositeExtractor.of(SpectralShapeFeatures.create(), ProsodicFeatures.create());
        assertEquals(custom.featureNames(), FeatureExtractors.byId(custom.id()).featureNames());
        assertSame(ProsodicFeatures.create(), FeatureExtractors.byId(ProsodicFeatures.create().id()));
    }

    @Test
    void fullIsSeedMfccProsodySpectral() {
        FeatureExtractor full = FeatureExtractors.full();
        assertEquals(SeedFeatures.create().dimension() + MfccStatistics.create().dimension()
                + ProsodicFeatures.create().dimension() + SpectralShapeFeatures.create().dimension(), full.dimension());
        assertEquals(full.id(), FeatureExtractors.byName("full").id());
    }

    @Test
    void unknownIdsAndNamesAreRejectedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureExtractors.byId("mfcc-stats/0(old)"));
        assertTrue(e.getMessage().contains("mfcc-stats/0(old)"), e.getMessage());
        assertTrue(e.getMessage().contains(ProsodicFeatures.create().id()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureExtractors.byId(null));
        assertThrows(IllegalArgumentException.class, () -> FeatureExtractors.byId("composite/1[nope + "
                + ProsodicFeatures.create().id() + "]"));
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> FeatureExtractors.byName("fancy"));
        assertTrue(n.getMessage().contains("mfcc-prosody-spectral"), n.getMessage());
    }

    @Test
    void badPartsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CompositeExtractor.of());
        assertThrows(IllegalArgumentException.class, () -> CompositeExtractor.of((FeatureExtractor[]) null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompositeExtractor.of(ProsodicFeatures.create(), null));
        assertTrue(e.getMessage().contains("part 1"));
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> CompositeExtractor.of(ProsodicFeatures.create(), SeedFeatures.atRate(22_050f)));
        assertTrue(rate.getMessage().contains("sample rates"), rate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureExtractors.full().extract(null));
    }
}
