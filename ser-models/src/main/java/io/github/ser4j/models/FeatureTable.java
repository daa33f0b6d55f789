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

    /**
     * Features of the augmented copies of every clip: {@code result[c - 1][i]} is copy {@code c} of clip
     * {@code i}, made as {@link Augmentation} documents. Babble for clip {@code i} is drawn from the clips
     * {@code j} with {@code group[j] == group[i]} (its cross-validation fold), so no copy holds audio from
     * outside its clip's fold.
     *
     * @throws IOException naming the file that could not be read
     */
    static double[][][] augmented(Dataset data, FeatureExtractor extractor, Augmentation aug, long seed, int[] group,
            int threads, Consumer<String> progress) throws IOException {
        List<LabelledClip> clips = data.clips();
        List<Parallel.Task<double[][]>> tasks = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            LabelledClip c = clips.get(i);
            List<LabelledClip> pool = new ArrayList<>();
            for (int j = 0; j < clips.size(); j++) {
                if (j != i && group[j] == group[i]) {
                    pool.add(clips.get(j));
                }
            }
            tasks.add(() -> copies(c, pool, extractor, aug, seed));
        }
        List<double[][]> rows;
        try {
            rows = Parallel.run(tasks, threads, "augmented copies", progress);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("augmentation failed: " + e, e);
        }
        double[][][] out = new double[aug.copies()][clips.size()][];
        for (int i = 0; i < clips.size(); i++) {
            for (int k = 0; k < aug.copies(); k++) {
                out[k][i] = rows.get(i)[k];
            }
        }
        return out;
    }

    private static double[][] copies(LabelledClip c, List<LabelledClip> pool, FeatureExtractor extractor,
            Augmentation aug, long seed) throws IOException {
        AudioClip clip = read(c);
        double[][] out = new double[aug.copies()][];
        for (int k = 1; k <= aug.copies(); k++) {
            Augmentation.Drawn d = aug.draw(seed, c.relativePath(), k);
            List<float[]> talkers = d.condition().needsTalkers()
                    ? Condition.talkers(pool, c, clip.sampleRateHz(), new java.util.Random(~d.seed())) : null;
            if (talkers != null && talkers.isEmpty()) { // no one else in the fold: white noise instead
                d = new Augmentation.Drawn(new Condition(Condition.Kind.WHITE, d.condition().value()), d.seed());
            }
            out[k - 1] = checked(c, extractor, d.condition().apply(clip, d.seed(), talkers), " (" + d.condition() + ")");
        }
        return out;
    }

    private static AudioClip read(LabelledClip c) throws IOException {
        try {
            return AudioClip.read(c.file());
        } catch (IOException e) {
            throw new IOException(c.relativePath() + ": " + e.getMessage(), e);
        }
    }

    private static double[] row(LabelledClip c, FeatureExtractor extractor) throws IOException {
        return checked(c, extractor, read(c), "");
    }

    private static double[] checked(LabelledClip c, FeatureExtractor extractor, AudioClip clip, String what)
            throws IOException {
        double[] v;
        try {
            v = SmoEmotionClassifier.features(clip, extractor);
        } catch (RuntimeException e) {
            throw new IOException(c.relativePath() + what + ": feature extractor " + extractor.id() + " failed: " + e, e);
        }
        if (v == null || v.length != extractor.dimension()) {
            throw new IOException(c.relativePath() + ": feature extractor " + extractor.id() + " returned "
                    + (v == null ? "null" : v.length + " values") + " instead of " + extractor.dimension());
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IOException(c.relativePath() + what + ": feature " + extractor.featureNames().get(i) + " is " + v[i]);
            }
        }
        return v;
    }
}
