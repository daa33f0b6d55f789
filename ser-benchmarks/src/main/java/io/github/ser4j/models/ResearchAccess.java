package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import java.util.ArrayList;
import java.util.List;
import weka.classifiers.functions.SMO;
import weka.core.Instances;
import java.util.function.Consumer;

/**
 * Research-only bridge (lives in the benchmarks module, same package as the trainer) that runs
 * {@link SmoTrainer}'s grid search and fold splitters on a cached feature matrix, so a recipe study
 * does not re-extract features for every kernel or grid. Not shipped with the library.
 *
 * <p>Thread-safety: stateless.
 */
public final class ResearchAccess {

    private ResearchAccess() {
    }

    /**
     * The trainer's cross-validated grid search on a feature matrix.
     *
     * @param x one row per clip, unstandardised
     * @param y label index of each row into {@code labels}
     * @param speakers speaker of each row
     * @param labels the labels
     * @param o the search settings
     * @param progress progress lines, or null
     * @return the report (the chosen grid point is the best mean over the same folds)
     */
    public static EvaluationReport search(double[][] x, int[] y, String[] speakers, List<Emotion> labels,
            TrainerOptions o, Consumer<String> progress) {
        return SmoTrainer.search(x, y, speakers, labels, o, progress);
    }

    /**
     * The trainer's fold assignment.
     *
     * @param y label indices
     * @param speakers speakers
     * @param numClasses labels
     * @param o the protocol settings
     * @return fold of each row
     */
    public static int[] folds(int[] y, String[] speakers, int numClasses, TrainerOptions o) {
        return o.grouped() ? Folds.grouped(speakers, o.folds(), o.seed()) : Folds.stratified(y, numClasses, o.folds(), o.seed());
    }

    /**
     * Cross-validated accuracy of one parameter setting where every training fold also holds the
     * augmented copies of its own clips (row {@code i} of each {@code augmented} matrix is a copy of
     * clip {@code i}); test folds hold originals only, so no copy of a test clip or test speaker is
     * ever trained on.
     *
     * @param x originals
     * @param augmented augmented copies, aligned with {@code x}
     * @param y labels
     * @param speakers speakers
     * @param labels the labels
     * @param o protocol settings (folds, grouping, seed, threads)
     * @param p the SVM parameters
     * @return per-fold accuracies
     * @throws Exception if a fit fails
     */
    public static double[] crossValidateAugmented(double[][] x, List<double[][]> augmented, int[] y, String[] speakers,
            List<Emotion> labels, TrainerOptions o, SvmParameters p) throws Exception {
        int[] fold = folds(y, speakers, labels.size(), o);
        List<Parallel.Task<Double>> tasks = new ArrayList<>();
        for (int f = 0; f < o.folds(); f++) {
            int[] train = Folds.rowsWhere(fold, f, false);
            int[] test = Folds.rowsWhere(fold, f, true);
            tasks.add(() -> {
                int m = train.length * (1 + augmented.size());
                double[][] rows = new double[m][];
                int[] ty = new int[m];
                int k = 0;
                for (int i : train) {
                    rows[k] = x[i];
                    ty[k++] = y[i];
                    for (double[][] a : augmented) {
                        rows[k] = a[i];
                        ty[k++] = y[i];
                    }
                }
                int[] all = new int[m];
                for (int i = 0; i < m; i++) {
                    all[i] = i;
                }
                Standardizer st = Standardizer.fit(rows, all);
                double[][] sx = new double[m][];
                for (int i = 0; i < m; i++) {
                    sx[i] = st.apply(rows[i]);
                }
                SMO smo = WekaSvm.train(sx, ty, labels, p);
                Instances header = WekaSvm.header(st.dimension(), labels);
                int right = 0;
                for (int i : test) {
                    if (WekaSvm.argmax(WekaSvm.distribution(smo, header, st.apply(x[i]))) == y[i]) {
                        right++;
                    }
                }
                return right / (double) test.length;
            });
        }
        List<Double> acc = Parallel.run(tasks, o.threads(), "augmented cv", null);
        double[] out = new double[acc.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = acc.get(i);
        }
        return out;
    }
}
