package io.github.ser4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SpeakerProfileTest {

    @Test
    void welfordMatchesTwoPassStatisticsEvenWithALargeOffset() {
        Random r = new Random(7);
        int n = 500;
        double[][] x = new double[n][3];
        for (double[] row : x) {
            row[0] = r.nextGaussian();
            row[1] = 1e6 + r.nextGaussian() * 1e-3; // the sum-of-squares formula loses this variance
            row[2] = -40 + 10 * r.nextGaussian();
        }
        SpeakerProfile p = SpeakerProfile.empty("x/1", 3);
        for (double[] row : x) {
            p = p.plus(row);
        }
        assertEquals(n, p.count());
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= n;
            double ss = 0;
            for (double[] row : x) {
                ss += (row[j] - mean) * (row[j] - mean);
            }
            assertEquals(mean, p.mean()[j], Math.abs(mean) * 1e-12 + 1e-12);
            assertEquals(ss / n, p.variance()[j], ss / n * 1e-6);
        }
        double sum = 0;
        double sumSquares = 0;
        for (double[] row : x) {
            sum += row[1];
            sumSquares += row[1] * row[1];
        }
        double naive = sumSquares / n - (sum / n) * (sum / n);
        assertTrue(Math.abs(naive - p.variance()[1]) > 0.1 * p.variance()[1],
                "the offset column must defeat the naive formula, or the test proves nothing: " + naive);
    }

    @Test
    void isImmutableAndComparesByValue() {
        double[] mean = {1, 2};
        SpeakerProfile p = new SpeakerProfile("x/1", 1, mean, new double[2]);
        mean[0] = 99;
        p.mean()[1] = 99;
        assertArrayEquals(new double[] {1, 2}, p.mean());
        assertEquals(p, new SpeakerProfile("x/1", 1, new double[] {1, 2}, new double[2]));
        assertEquals(p.hashCode(), new SpeakerProfile("x/1", 1, new double[] {1, 2}, new double[2]).hashCode());
        assertNotEquals(p, new SpeakerProfile("y/1", 1, new double[] {1, 2}, new double[2]));
        SpeakerProfile e = SpeakerProfile.empty("x/1", 2);
        SpeakerProfile one = e.plus(new double[] {1, 2});
        assertEquals(0, e.count(), "plus returns a new profile and leaves this one alone");
        assertArrayEquals(new double[] {1, 2}, one.mean());
    }

    @Test
    void badValuesAreRefusedWithTheirIndex() {
        SpeakerProfile e = SpeakerProfile.empty("x/1", 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e.plus(new double[] {1, Double.NaN}))
                .getMessage().contains("feature 1 is NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e.plus(new double[3]))
                .getMessage().contains("expected 2 features, got 3"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new SpeakerProfile("x/1", 2, new double[] {0, 0}, new double[] {-1, 0}))
                .getMessage().contains("m2 not negative"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new SpeakerProfile("x/1", 0, new double[] {1, 0}, new double[2]))
                .getMessage().contains("empty profile"));
        assertThrows(IllegalArgumentException.class, () -> SpeakerProfile.empty(" ", 2));
        assertThrows(IllegalArgumentException.class, () -> SpeakerProfile.empty("x/1", 0));
        // a dimension no extractor has is refused before its arrays are allocated (it used to exhaust the heap)
        assertEquals("dimension must be from 1 to 1048576, got 1000000000", assertThrows(IllegalArgumentException.class,
                () -> SpeakerProfile.empty("x/1", 1_000_000_000)).getMessage());
        assertEquals(SpeakerProfile.MAX_DIMENSION, SpeakerProfile.empty("x/1", SpeakerProfile.MAX_DIMENSION).dimension());
    }

    @Test
    void savedBytesRestoreAnEqualProfileAndBadBytesAreNamed() {
        SpeakerProfile p = SpeakerProfile.empty("full/1", 4).plus(new double[] {1, -2, 3e9, 0.5})
                .plus(new double[] {2, -1, 3e9 + 1, 0.25});
        byte[] saved = p.toBytes();
        SpeakerProfile back = SpeakerProfile.fromBytes(saved);
        assertEquals(p, back);
        assertArrayEquals(p.variance(), back.variance(), 0);
        assertEquals("full/1", back.featureExtractorId());

        byte[] longer = java.util.Arrays.copyOf(saved, saved.length + 1);
        assertEquals("saved speaker profile has 1 unexpected bytes at its end",
                assertThrows(IllegalArgumentException.class, () -> SpeakerProfile.fromBytes(longer)).getMessage());
        byte[] hugeDimension = saved.clone();
        int at = 8 + 4 + 2 + "full/1".length() + 8; // magic, version, UTF id, count
        java.nio.ByteBuffer.wrap(hugeDimension).putInt(at, Integer.MAX_VALUE);
        assertEquals("saved speaker profile declares 2147483647 features (allowed 1..1048576)",
                assertThrows(IllegalArgumentException.class, () -> SpeakerProfile.fromBytes(hugeDimension)).getMessage());
        byte[] negativeCount = saved.clone();
        java.nio.ByteBuffer.wrap(negativeCount).putLong(at - 8, -5);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(negativeCount, 0, negativeCount.length - 8);
        java.nio.ByteBuffer.wrap(negativeCount).putLong(negativeCount.length - 8, crc.getValue());
        assertEquals("saved speaker profile holds values no real profile can have: count must be between 0 and "
                + SpeakerProfile.MAX_COUNT + ", got -5",
                assertThrows(IllegalArgumentException.class, () -> SpeakerProfile.fromBytes(negativeCount)).getMessage());
    }

    /** The saved bytes of a profile with the given fields, written as toBytes writes them (valid checksum). */
    static byte[] saved(long count, double[] mean, double[] m2) throws java.io.IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(b)) {
            out.write("SER4JSPK".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeInt(1);
            out.writeUTF("full/1");
            out.writeLong(count);
            out.writeInt(mean.length);
            for (int i = 0; i < mean.length; i++) {
                out.writeDouble(mean[i]);
                out.writeDouble(m2[i]);
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(b.toByteArray());
            out.writeLong(crc.getValue());
        }
        return b.toByteArray();
    }

    static String refused(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class, () -> SpeakerProfile.fromBytes(bytes)).getMessage();
    }

    @Test
    void savedProfilesNoRealSpeakerCanHaveAreRefused() throws Exception {
        String prefix = "saved speaker profile holds values no real profile can have: ";
        assertEquals(prefix + "count must be between 0 and " + SpeakerProfile.MAX_COUNT + ", got " + Long.MAX_VALUE,
                refused(saved(Long.MAX_VALUE, new double[] {1, 2}, new double[] {3, 4})));
        assertEquals(prefix + "feature 1 has mean 1.0E308; a profile's means are at most 1.0E100 in magnitude",
                refused(saved(5, new double[] {1, 1e308}, new double[] {3, 4})));
        assertEquals(prefix + "feature 0 has m2 1.0E300, more than 5 vectors of magnitude at most 1.0E100 can have",
                refused(saved(5, new double[] {1, 2}, new double[] {1e300, 4})));
        assertEquals(prefix + "feature 0 has m2 3.0 but a profile of one vector has m2 0",
                refused(saved(1, new double[] {1, 2}, new double[] {3, 0})));
        // before: such profiles loaded, and every later update (each session.predict) threw
        assertThrows(IllegalArgumentException.class, () -> SpeakerProfile.fromBytes(saved(Long.MAX_VALUE,
                new double[] {1, 2}, new double[] {3, 4})).plus(new double[] {1, 1}));
    }

    @Test
    void everyProfileThatLoadsTakesMoreVectors() throws Exception {
        // the most extreme profile the reader accepts still updates to a valid profile, however far the new vector
        double max = SpeakerProfile.MAX_MAGNITUDE;
        SpeakerProfile edge = SpeakerProfile.fromBytes(saved(SpeakerProfile.MAX_COUNT - 1, new double[] {max, -max},
                new double[] {(SpeakerProfile.MAX_COUNT - 1) * 5 * max * max, 0}));
        SpeakerProfile next = edge.plus(new double[] {-max, max});
        assertEquals(SpeakerProfile.MAX_COUNT, next.count());
        assertEquals(next, SpeakerProfile.fromBytes(next.toBytes()));
        assertEquals("the profile holds " + SpeakerProfile.MAX_COUNT + " vectors, the most a profile can",
                assertThrows(IllegalStateException.class, () -> next.plus(new double[] {0, 0})).getMessage());
        assertEquals("feature 1 is 1.0E101; features must be finite and at most 1.0E100 in magnitude",
                assertThrows(IllegalArgumentException.class, () -> edge.plus(new double[] {0, 1e101})).getMessage());
    }
}
