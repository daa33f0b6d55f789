package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Feature vectors of a whole data set, extracted once (in parallel) and kept in memory. */
final class FeatureTable {

    private FeatureTable() {
    }

    /**
     * One row per clip, in data set order.
     *
     * @throws IOException naming the file that could not be read
     */
    static double[][] extract(Dataset data, FeatureExtractor extractor, int threads, Consumer<String> progress)
            throws IOException {
        List<Parallel.Task<double[]>> tasks = new ArrayList<>();
        for (LabelledClip c : data.clips()) {
            tasks.add(() -> row(c, extractor));
        }
        try {
            return Parallel.run(tasks, threads, "features", progress).toArray(new double[0][]);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("feature extraction failed: " + e, e);
        }
    }

    private static double[] row(LabelledClip c, FeatureExtractor extractor) throws IOException {
        AudioClip clip;
        try {
            clip = AudioClip.read(c.file());
        } catch (IOException e) {
            throw new IOException(c.relativePath() + ": " + e.getMessage(), e);
        }
        double[] v;
        try {
            v = SmoEmotionClassifier.features(clip, extractor);
        } catch (RuntimeException e) {
            throw new IOException(c.relativePath() + ": feature extractor " + extractor.id() + " failed: " + e, e);
        }
        if (v == null || v.length != extractor.dimension()) {
            throw new IOException(c.relativePath() + ": feature extractor " + extractor.id() + " returned "
                    + (v == null ? "null" : v.length + " values") + " instead of " + extractor.dimension());
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IOException(c.relativePath() + ": feature " + extractor.featureNames().get(i) + " is " + v[i]);
            }
        }
        return v;
    }
}
