package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.FeatureExtractor;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import weka.classifiers.functions.SMO;
import weka.core.Instances;

/**
 * Trains {@link SmoEmotionClassifier}s: extracts features once per clip (in parallel), runs a grid
 * search with k-fold cross-validation (every grid point × fold in parallel on a bounded pool), then
 * trains the final model on all the data with the best parameters.
 *
 * <p>Results depend only on the data, the extractor and the options (including the seed), never on
 * thread scheduling. Progress lines go to the given consumer (the command line prints them on stderr).
 *
 * <p>Thread-safety: stateless; its static methods may be called concurrently.
 */
public final class SmoTrainer {

    private SmoTrainer() {
    }

    /**
     * Grid-searches, then trains the final model on all of {@code data}.
     *
     * @param data the labelled clips, with at least two labels
     * @param extractor the feature extractor
     * @param options the search settings
     * @param progress receives progress lines; may be null for silence
     * @return the classifier and the cross-validation report
     * @throws IOException if a clip cannot be read (the message names it)
     * @throws IllegalArgumentException if the data cannot support the protocol (fewer than two labels,
     *     more folds than clips or speakers, missing speakers for grouped folds)
     */
    public static TrainingResult train(Dataset data, FeatureExtractor extractor, TrainerOptions options,
            Consumer<String> progress) throws IOException {
        Prepared p = prepare(data, extractor, options, progress);
        EvaluationReport cv = search(p.x, p.y, p.speakers, p.labels, options, progress);
        report(progress, "training the final model on all " + p.x.length + " clips with " + cv.chosen());
        SmoEmotionClassifier classifier = fit(p.x, p.y, p.labels, cv.chosen(), extractor, data.summary(), options, cv);
        return new TrainingResult(classifier, cv);
    }

    /**
     * Grid-searches with cross-validation only.
     *
     * @param data the labelled clips
     * @param extractor the feature extractor
     * @param options the search settings
     * @param progress receives progress lines; may be null
     * @return the report of the best grid point, with the whole grid
     * @throws IOException if a clip cannot be read
     * @throws IllegalArgumentException as {@link #train}
     */
    public static EvaluationReport crossValidate(Dataset data, FeatureExtractor extractor, TrainerOptions options,
            Consumer<String> progress) throws IOException {
        Prepared p = prepare(data, extractor, options, progress);
        return search(p.x, p.y, p.speakers, p.labels, options, progress);
    }

    private record Prepared(double[][] x, int[] y, String[] speakers, List<Emotion> labels) {
    }

    private static Prepared prepare(Dataset data, FeatureExtractor extractor, TrainerOptions options,
            Consumer<String> progress) throws IOException {
        if (data == null || extractor == null || options == null) {
            throw new IllegalArgumentException("data, extractor and options must not be null");
        }
        List<Emotion> labels = data.labels();
        if (labels.size() < 2) {
            throw new IllegalArgumentException("data set " + data.root() + " has only the label(s) " + labels
                    + "; training needs at least two");
        }
        if (options.grouped() && !data.hasSpeakers()) {
            throw new IllegalArgumentException("speaker-grouped folds need a speaker for every clip, but data set "
                    + data.root() + " (" + data.layout() + " layout) does not name them all");
        }
        report(progress, "extracting " + extractor.id() + " features from " + data.clips().size() + " clips");
        double[][] x = FeatureTable.extract(data, extractor, options.threads(), progress);
        int[] y = new int[x.length];
        String[] speakers = new String[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = labels.indexOf(data.clips().get(i).emotion());
            speakers[i] = data.clips().get(i).speaker();
        }
        return new Prepared(x, y, speakers, labels);
    }

    static EvaluationReport search(double[][] x, int[] y, String[] speakers, List<Emotion> labels,
            TrainerOptions o, Consumer<String> progress) {
        int[] fold = o.grouped() ? Folds.grouped(speakers, o.folds(), o.seed())
                : Folds.stratified(y, labels.size(), o.folds(), o.seed());
        List<SvmParameters> grid = o.gridPoints();
        List<Parallel.Task<int[]>> tasks = new ArrayList<>();
        for (SvmParameters p : grid) {
            for (int f = 0; f < o.folds(); f++) {
                int[] train = Folds.rowsWhere(fold, f, false);
                int[] test = Folds.rowsWhere(fold, f, true);
                tasks.add(() -> trainAndPredict(x, y, labels, p, train, test));
            }
        }
        report(progress, String.format(Locale.ROOT, "%s grid search: %d points x %d folds on %d threads",
                o.protocol(), grid.size(), o.folds(), o.threads()));
        List<int[]> results;
        try {
            results = Parallel.run(tasks, o.threads(), "cv fits", progress);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cross-validation failed: " + e, e);
        }
        List<EvaluationReport.GridPoint> table = new ArrayList<>();
        List<int[]> pooled = new ArrayList<>();
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < grid.size(); g++) {
            int[] pred = new int[y.length];
            double[] acc = new double[o.folds()];
            for (int f = 0; f < o.folds(); f++) {
                int[] test = Folds.rowsWhere(fold, f, true);
                int[] out = results.get(g * o.folds() + f);
                int right = 0;
                for (int i = 0; i < test.length; i++) {
                    pred[test[i]] = out[i];
                    if (out[i] == y[test[i]]) {
                        right++;
                    }
                }
                acc[f] = test.length == 0 ? 0 : (double) right / test.length;
            }
            double mean = 0;
            for (double a : acc) {
                mean += a;
            }
            mean /= acc.length;
            double ss = 0;
            for (double a : acc) {
                ss += (a - mean) * (a - mean);
            }
            double sd = Math.sqrt(ss / (acc.length - 1));
            double f1 = EvaluationReport.score("", labels, y, pred, null, null, null).macroF1();
            table.add(new EvaluationReport.GridPoint(grid.get(g), mean, sd, f1));
            pooled.add(pred);
            double score = o.metric() == TrainerOptions.Metric.ACCURACY ? mean : f1;
            if (score > bestScore) { // strict: ties keep the earlier grid point
                bestScore = score;
                best = g;
            }
        }
        List<String> notes = new ArrayList<>();
        int[] counts = new int[labels.size()];
        for (int v : y) {
            counts[v]++;
        }
        for (int c = 0; c < counts.length; c++) {
            if (!o.grouped() && counts[c] < o.folds()) {
                notes.add("label " + labels.get(c).word() + " has " + counts[c] + " clips, fewer than the " + o.folds() + " folds");
            }
        }
        EvaluationReport r = EvaluationReport.score(o.protocol(), labels, y, pooled.get(best), grid.get(best), table, notes);
        report(progress, String.format(Locale.ROOT, "best %s: mean CV accuracy %.4f", grid.get(best), table.get(best).meanAccuracy()));
        return r;
    }

    private static int[] trainAndPredict(double[][] x, int[] y, List<Emotion> labels, SvmParameters p, int[] train,
            int[] test) {
        Standardizer st = Standardizer.fit(x, train);
        double[][] tx = new double[train.length][];
        int[] ty = new int[train.length];
        for (int i = 0; i < train.length; i++) {
            tx[i] = st.apply(x[train[i]]);
            ty[i] = y[train[i]];
        }
        SMO smo = WekaSvm.train(tx, ty, labels, p);
        Instances header = WekaSvm.header(st.dimension(), labels);
        int[] out = new int[test.length];
        for (int i = 0; i < test.length; i++) {
            out[i] = WekaSvm.argmax(WekaSvm.distribution(smo, header, st.apply(x[test[i]])));
        }
        return out;
    }

    static SmoEmotionClassifier fit(double[][] x, int[] y, List<Emotion> labels, SvmParameters p,
            FeatureExtractor extractor, TrainingDataSummary summary, TrainerOptions options, EvaluationReport cv) {
        int[] all = new int[x.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Standardizer st = Standardizer.fit(x, all);
        double[][] sx = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            sx[i] = st.apply(x[i]);
        }
        SMO smo = WekaSvm.train(sx, y, labels, p);
        ModelProvenance prov = new ModelProvenance(Versions.SER4J, Versions.WEKA, extractor.id(),
                extractor.featureNames(), labels, summary, options, p, cv, Instant.now());
        try {
            return new SmoEmotionClassifier(extractor, st, WekaSvm.toBytes(smo), prov, "trained model");
        } catch (IOException e) {
            throw new IllegalStateException("the trained model does not load back: " + e.getMessage(), e);
        }
    }

    private static void report(Consumer<String> progress, String line) {
        if (progress != null) {
            progress.accept(line);
        }
    }
}
