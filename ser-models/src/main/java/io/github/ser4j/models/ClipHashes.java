package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Short content hashes of clips, kept in a model's provenance ({@link TrainingDataSummary#clipHashes()})
 * so that {@code evaluate} can tell when the data it scores overlaps the model's training files. A
 * hash is the first {@value #HEX_DIGITS} hex digits (64 bits) of the SHA-256 of the clip as the model
 * hears it ({@link SmoEmotionClassifier#heard}: the extractor's rate, 16-bit levels) written as 16-bit
 * little-endian integers: it does not depend on file names, folders or the container, so a renamed or
 * re-encoded (same rate, lossless) copy of a training file is still recognised. 64 bits make a chance
 * match between 1,200 training clips and a million test clips about 1 in 15 million. Size: 1,200
 * hashes add about 22 KB to a model's provenance.
 *
 * <p>Thread-safety: stateless.
 */
final class ClipHashes {

    /** Hex digits kept of each SHA-256. */
    static final int HEX_DIGITS = 16;

    private ClipHashes() {
    }

    /** The hash of a clip as {@code extractor}'s models hear it. */
    static String of(AudioClip clip, FeatureExtractor extractor) {
        AudioClip heard = SmoEmotionClassifier.heard(clip, extractor);
        byte[] b = new byte[2 * heard.length()];
        for (int i = 0; i < heard.length(); i++) {
            int v = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.rint(heard.sample(i) * 32768.0)));
            b[2 * i] = (byte) v;
            b[2 * i + 1] = (byte) (v >> 8);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The hashes of every clip of a data set, one per clip in clip order.
     *
     * @throws IOException if a clip cannot be read (the message names it)
     */
    static List<String> of(Dataset data, FeatureExtractor extractor, int threads, Consumer<String> progress)
            throws IOException {
        List<Parallel.Task<String>> tasks = new ArrayList<>();
        for (LabelledClip c : data.clips()) {
            tasks.add(() -> {
                try {
                    return of(AudioClip.read(c.file()), extractor);
                } catch (IOException e) {
                    throw new IOException(c.relativePath() + ": " + e.getMessage(), e);
                }
            });
        }
        try {
            return Parallel.run(tasks, threads, "hashes", progress);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("hashing failed: " + e, e);
        }
    }

    /** The sorted, distinct hashes, as stored. */
    static List<String> sorted(List<String> hashes) {
        List<String> s = new ArrayList<>(new java.util.TreeSet<>(hashes));
        return Collections.unmodifiableList(s);
    }
}
