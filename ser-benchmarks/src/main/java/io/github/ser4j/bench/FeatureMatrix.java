package io.github.ser4j.bench;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.models.Dataset;
import io.github.ser4j.models.Research;
import io.github.ser4j.models.TrainingDataSummary;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * A data set's feature rows with labels and speakers, extracted once and cached in a binary file
 * keyed by the extractor id and the SHA-256 of the data set's file list, so a second report on the
 * same data and preset skips extraction.
 *
 * <p>Thread-safety: treat as immutable after construction (the arrays are not copied; nobody writes them).
 *
 * @param summary the data set summary (corpus, clips, speakers, clips per class, file list hash)
 * @param extractorId the extractor's id
 * @param dimension values per row
 * @param labels the labels present, in {@link Emotion} order
 * @param y label index of each row into {@code labels}
 * @param speakers speaker of each row (null entries when the data set names none)
 * @param x the rows, unstandardised
 * @param fromCache whether the rows were read from the cache file
 */
record FeatureMatrix(TrainingDataSummary summary, String extractorId, int dimension, List<Emotion> labels, int[] y,
        String[] speakers, double[][] x, boolean fromCache) {

    private static final String MAGIC = "ser4j-report-features/1";

    /** Whether every row names a speaker. */
    boolean hasSpeakers() {
        for (String s : speakers) {
            if (s == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Loads the rows from {@code cache} when it was made from the same clips and extractor, else
     * extracts them (in parallel) and writes the cache.
     */
    static FeatureMatrix load(Dataset data, FeatureExtractor fx, Path cache, int threads, Consumer<String> progress)
            throws IOException {
        TrainingDataSummary summary = data.summary();
        List<Emotion> labels = data.labels();
        int n = data.clips().size();
        int[] y = new int[n];
        String[] speakers = new String[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.indexOf(data.clips().get(i).emotion());
            speakers[i] = data.clips().get(i).speaker();
        }
        double[][] x = read(cache, fx.id(), summary.fileListSha256(), n, fx.dimension());
        if (x != null) {
            progress.accept("features: reusing " + cache + " (" + n + " x " + fx.dimension() + ")");
            return new FeatureMatrix(summary, fx.id(), fx.dimension(), labels, y, speakers, x, true);
        }
        progress.accept("features: extracting " + fx.id() + " from " + n + " clips on " + threads + " thread(s)");
        x = Research.features(data, fx, threads, progress);
        write(cache, fx.id(), summary.fileListSha256(), x);
        return new FeatureMatrix(summary, fx.id(), fx.dimension(), labels, y, speakers, x, false);
    }

    /** Rows made by {@code make}, cached in {@code cache} under {@code key} (any string that fixes how they were made). */
    static double[][] cached(Path cache, String key, String sha, int n, int d, java.util.concurrent.Callable<double[][]> make,
            Consumer<String> progress) throws Exception {
        double[][] x = read(cache, key, sha, n, d);
        if (x != null) {
            progress.accept("reusing " + cache + " (" + n + " x " + d + ")");
            return x;
        }
        x = make.call();
        write(cache, key, sha, x);
        return x;
    }

    /** The cached rows, or null when the file is absent, unreadable or made from other data. */
    private static double[][] read(Path cache, String id, String sha, int n, int d) {
        if (!Files.isRegularFile(cache)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
            if (!in.readUTF().equals(MAGIC) || !in.readUTF().equals(id) || !in.readUTF().equals(sha)
                    || in.readInt() != n || in.readInt() != d) {
                return null;
            }
            double[][] x = new double[n][d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    x[i][j] = in.readDouble();
                }
            }
            return x;
        } catch (IOException | RuntimeException e) {
            return null; // a stale or truncated cache is re-extracted
        }
    }

    private static void write(Path cache, String id, String sha, double[][] x) throws IOException {
        Path tmp = cache.resolveSibling(cache.getFileName() + ".tmp");
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            o.writeUTF(MAGIC);
            o.writeUTF(id);
            o.writeUTF(sha);
            o.writeInt(x.length);
            o.writeInt(x[0].length);
            for (double[] row : x) {
                for (double v : row) {
                    o.writeDouble(v);
                }
            }
        }
        Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING);
    }
}
