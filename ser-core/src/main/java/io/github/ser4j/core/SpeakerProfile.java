package io.github.ser4j.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * One speaker's feature statistics: the number of clips seen and, per feature, the running mean and
 * the sum of squared deviations ({@code m2}) of Welford's algorithm, which stays accurate where the
 * textbook sum-of-squares formula cancels. Constant memory: two arrays of the feature dimension.
 *
 * <p>{@link #toBytes()} and {@link #fromBytes(byte[])} save and restore a profile (an app remembers its
 * users) in a small format of ser4j's own: magic {@code SER4JSPK}, format version, extractor id, count,
 * dimension, the means and {@code m2} values as IEEE doubles, and a CRC-32; big-endian.
 *
 * <p>Thread-safety: immutable (arrays are copied in and out); safe to share between threads.
 *
 * @param featureExtractorId the {@link FeatureExtractor#id()} of the features
 * @param count how many feature vectors were added
 * @param mean the per-feature mean (zeros when {@code count} is 0)
 * @param m2 the per-feature sum of squared deviations from the mean (zeros when {@code count} is 0)
 */
public record SpeakerProfile(String featureExtractorId, long count, double[] mean, double[] m2) {

    /**
     * Validates and copies a profile.
     *
     * @param featureExtractorId the extractor id
     * @param count the number of vectors
     * @param mean the means; copied
     * @param m2 the sums of squared deviations; copied
     * @throws IllegalArgumentException if the id is null or blank, {@code count} is negative or above
     *     {@link #MAX_COUNT}, an array is null, empty or of a different length than the other, a value is not
     *     finite, a mean's magnitude is above {@link #MAX_MAGNITUDE} (give or take rounding), an {@code m2} is
     *     negative or above {@code count · 5 · MAX_MAGNITUDE²}, an empty profile holds non-zero values, or a profile of one
     *     vector a non-zero {@code m2} (none of which a profile made by {@link #plus} can have)
     */
    public SpeakerProfile {
        if (featureExtractorId == null || featureExtractorId.isBlank()) {
            throw new IllegalArgumentException("featureExtractorId must not be null or blank");
        }
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 0 and " + MAX_COUNT + ", got " + count);
        }
        if (mean == null || m2 == null) {
            throw new IllegalArgumentException("mean and m2 must not be null");
        }
        if (mean.length == 0 || mean.length != m2.length) {
            throw new IllegalArgumentException("mean and m2 must have the same non-zero length, got "
                    + mean.length + " and " + m2.length);
        }
        mean = mean.clone();
        m2 = m2.clone();
        for (int i = 0; i < mean.length; i++) {
            if (!Double.isFinite(mean[i]) || !Double.isFinite(m2[i]) || m2[i] < 0) {
                throw new IllegalArgumentException("feature " + i + " has mean " + mean[i] + " and m2 " + m2[i]
                        + "; both must be finite and m2 not negative");
            }
            if (count == 0 && (mean[i] != 0 || m2[i] != 0)) {
                throw new IllegalArgumentException("an empty profile must hold zeros, feature " + i + " does not");
            }
            if (Math.abs(mean[i]) > MAX_MEAN) {
                throw new IllegalArgumentException("feature " + i + " has mean " + mean[i] + "; a profile's means are "
                        + "at most " + MAX_MAGNITUDE + " in magnitude");
            }
            // plus() adds at most (2 · MAX_MAGNITUDE)², with room for rounding, per vector
            if (m2[i] > count * MAX_M2_PER_VECTOR) {
                throw new IllegalArgumentException("feature " + i + " has m2 " + m2[i] + ", more than " + count
                        + " vectors of magnitude at most " + MAX_MAGNITUDE + " can have");
            }
            if (count == 1 && m2[i] != 0) {
                throw new IllegalArgumentException("feature " + i + " has m2 " + m2[i] + " but a profile of one vector "
                        + "has m2 0");
            }
        }
    }

    /**
     * A profile that has seen nothing yet.
     *
     * @param featureExtractorId the extractor id
     * @param dimension the feature dimension
     * @return the empty profile
     * @throws IllegalArgumentException if the id is null or blank or {@code dimension} is not from 1 to
     *     {@link #MAX_DIMENSION}
     */
    public static SpeakerProfile empty(String featureExtractorId, int dimension) {
        if (dimension <= 0 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension must be from 1 to " + MAX_DIMENSION + ", got " + dimension);
        }
        return new SpeakerProfile(featureExtractorId, 0, new double[dimension], new double[dimension]);
    }

    /**
     * This profile with one more feature vector (Welford's update).
     *
     * @param features the vector
     * @return a new profile
     * @throws IllegalArgumentException if {@code features} is null, of another length, not finite or above
     *     {@link #MAX_MAGNITUDE} in magnitude
     * @throws IllegalStateException if the profile already holds {@link #MAX_COUNT} vectors
     */
    public SpeakerProfile plus(double[] features) {
        if (features == null || features.length != mean.length) {
            throw new IllegalArgumentException("expected " + mean.length + " features, got "
                    + (features == null ? "null" : features.length));
        }
        if (count == MAX_COUNT) {
            throw new IllegalStateException("the profile holds " + MAX_COUNT + " vectors, the most a profile can");
        }
        long n = count + 1;
        double[] newMean = new double[mean.length];
        double[] newM2 = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            double x = features[i];
            if (!(Math.abs(x) <= MAX_MAGNITUDE)) {
                throw new IllegalArgumentException("feature " + i + " is " + x + "; features must be finite and at most "
                        + MAX_MAGNITUDE + " in magnitude");
            }
            double delta = x - mean[i];
            newMean[i] = mean[i] + delta / n;
            newM2[i] = m2[i] + delta * (x - newMean[i]);
        }
        return new SpeakerProfile(featureExtractorId, n, newMean, newM2);
    }

    /**
     * The most vectors a profile counts: a clip a second for 30,000 years. Far beyond any real speaker, and
     * low enough that the count and the sums stay exact and finite.
     */
    public static final long MAX_COUNT = 1L << 40;
    /**
     * The largest feature magnitude a profile takes (and so the largest mean). Real features are far smaller;
     * the bound keeps every update of the mean and of {@code m2} finite.
     */
    public static final double MAX_MAGNITUDE = 1e100;
    /** A mean of values of magnitude at most {@link #MAX_MAGNITUDE}, with room for rounding. */
    private static final double MAX_MEAN = MAX_MAGNITUDE * (1 + 1e-9);
    private static final double MAX_M2_PER_VECTOR = 5 * MAX_MAGNITUDE * MAX_MAGNITUDE;

    /** The first bytes of a saved profile. */
    private static final byte[] MAGIC = "SER4JSPK".getBytes(StandardCharsets.US_ASCII);
    /** The saved-profile format this code writes and reads. */
    private static final int FORMAT_VERSION = 1;
    /**
     * The largest feature dimension a profile has (2^20, 16 MiB of statistics; ser4j's extractors give 494):
     * a larger one is refused before anything is allocated, by {@link #empty} and on reading, so neither a
     * caller's number nor a corrupt length can exhaust memory.
     */
    public static final int MAX_DIMENSION = 1 << 20;

    /**
     * This profile in ser4j's saved-profile format (see the class comment).
     *
     * @return the bytes; {@link #fromBytes(byte[])} restores an equal profile
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + featureExtractorId.length() + 16 * mean.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(featureExtractorId);
            out.writeLong(count);
            out.writeInt(mean.length);
            for (int i = 0; i < mean.length; i++) {
                out.writeDouble(mean[i]);
                out.writeDouble(m2[i]);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array stream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a profile saved with {@link #toBytes()}.
     *
     * @param bytes the saved bytes
     * @return the profile
     * @throws IllegalArgumentException if {@code bytes} is null, not a saved profile, of another format
     *     version, truncated, corrupt (checksum), or holds invalid values; the message says which
     */
    public static SpeakerProfile fromBytes(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes must not be null");
        }
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(MAGIC, 0, MAGIC.length, bytes, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not a saved ser4j speaker profile (wrong magic bytes)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("saved speaker profile has format version " + version
                        + "; this ser4j reads version " + FORMAT_VERSION);
            }
            String id = in.readUTF();
            long n = in.readLong();
            int d = in.readInt();
            if (d <= 0 || d > MAX_DIMENSION) {
                throw new IllegalArgumentException("saved speaker profile declares " + d + " features (allowed 1.."
                        + MAX_DIMENSION + ")");
            }
            if ((long) d * 16 + 8 > in.available()) {
                throw new IllegalArgumentException("saved speaker profile is truncated: " + d + " features need "
                        + ((long) d * 16 + 8) + " more bytes, " + in.available() + " remain");
            }
            double[] mu = new double[d];
            double[] sq = new double[d];
            for (int i = 0; i < d; i++) {
                mu[i] = in.readDouble();
                sq[i] = in.readDouble();
            }
            int end = bytes.length - in.available();
            long stored = in.readLong();
            if (in.available() != 0) {
                throw new IllegalArgumentException("saved speaker profile has " + in.available() + " unexpected bytes at its end");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, end);
            if (crc.getValue() != stored) {
                throw new IllegalArgumentException("saved speaker profile is corrupt (checksum mismatch)");
            }
            try {
                return new SpeakerProfile(id, n, mu, sq);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("saved speaker profile holds values no real profile can have: "
                        + e.getMessage(), e);
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException("saved speaker profile is truncated (" + bytes.length + " bytes)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("saved speaker profile is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * The feature dimension.
     *
     * @return the length of {@link #mean()}
     */
    public int dimension() {
        return mean.length;
    }

    /**
     * The per-feature means.
     *
     * @return a copy
     */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /**
     * The per-feature sums of squared deviations.
     *
     * @return a copy
     */
    @Override
    public double[] m2() {
        return m2.clone();
    }

    /**
     * The per-feature population variance, {@code m2 / count} (zeros when empty).
     *
     * @return a new array
     */
    public double[] variance() {
        double[] v = new double[m2.length];
        if (count > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = m2[i] / count;
            }
        }
        return v;
    }

    /**
     * Compares by value, arrays included.
     *
     * @param o the other object
     * @return whether both hold the same id, count and values
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SpeakerProfile p && count == p.count && featureExtractorId.equals(p.featureExtractorId)
                && Arrays.equals(mean, p.mean) && Arrays.equals(m2, p.m2);
    }

    /**
     * A hash consistent with {@link #equals}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(featureExtractorId, count, Arrays.hashCode(mean), Arrays.hashCode(m2));
    }

    /**
     * A short description (not the values).
     *
     * @return for example {@code SpeakerProfile[full/1, 12 clips, 494 features]}
     */
    @Override
    public String toString() {
        return "SpeakerProfile[" + featureExtractorId + ", " + count + " clips, " + mean.length + " features]";
    }
}
