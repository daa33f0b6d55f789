package io.github.ser4j.bench;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.SpeakerSession;
import io.github.ser4j.models.Research;
import io.github.ser4j.models.SmoEmotionClassifier;
import io.github.ser4j.models.SvmParameters;
import io.github.ser4j.models.TrainerOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Cross-validation protocols the trainer does not offer, for {@link RecipeStudy} and {@link AdaptStudy}:
 * augmented training folds with optional winsorising and feature selection, the alternatives to shrinkage
 * a session could use early on, and a transductive per-speaker control. Each is built from the library's
 * own protocol pieces ({@link Research}: folds, standardiser, per-speaker normalisation, the calibrated SMO,
 * fold models), so it differs from the trainer only where it says.
 *
 * <p>Thread-safety: stateless; each call runs its folds on a pool of its own.
 */
final class StudyProtocols {

    /** {@code blendK} that predicts every clip with the adapted model and the priors alone (no statistics, a control). */
    static final double FROZEN = -2;

    /** {@code blendK} of {@code MIX - w} mixes with a constant weight {@code w} on the adapted session (an ensemble). */
    static final double MIX = -10;

    private StudyProtocols() {
    }

    /**
     * Cross-validated accuracy of one parameter setting where every training fold also holds the augmented
     * copies of its own clips (row {@code i} of each {@code augmented} matrix is a copy of clip {@code i});
     * test folds hold originals only, so no copy of a test clip or test speaker is ever trained on. System
     * properties: {@code clip} winsorises standardised values to [-clip, clip]; {@code select=k} keeps the k
     * columns with the largest ANOVA F over the training fold (with {@code speakerRatio=true}, F of emotion
     * over F of speaker).
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
    static double[] crossValidateAugmented(double[][] x, List<double[][]> augmented, int[] y, String[] speakers,
            List<Emotion> labels, TrainerOptions o, SvmParameters p) throws Exception {
        double limit = Double.parseDouble(System.getProperty("clip", "Infinity"));
        int keep = Integer.parseInt(System.getProperty("select", "0"));
        boolean bySpeakerRatio = Boolean.parseBoolean(System.getProperty("speakerRatio", "false"));
        return crossValidated(y, speakers, labels.size(), o, "augmented cv", (train, test) -> {
            int m = train.length * (1 + augmented.size());
            // training rows (each clip, then its copies), then the test clips: one matrix, standardised by the first m
            double[][] rows = new double[m + test.length][];
            int[] ty = new int[m + test.length];
            int k = 0;
            for (int i : train) {
                rows[k] = x[i];
                ty[k++] = y[i];
                for (double[][] a : augmented) {
                    rows[k] = a[i];
                    ty[k++] = y[i];
                }
            }
            for (int i : test) {
                rows[k] = x[i];
                ty[k++] = y[i];
            }
            if (keep > 0 && keep < rows[0].length) {
                int[] cols = selectColumns(Arrays.copyOf(rows, m), ty, train, speakers, labels.size(), keep,
                        bySpeakerRatio);
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = project(rows[i], cols);
                }
            }
            double[][] z = Research.standardizedBy(rows, range(0, m));
            for (double[] r : z) {
                clip(r, limit);
            }
            return accuracy(Research.svmFitPredict(z, ty, labels, p, range(0, m), range(m, m + test.length))[0],
                    y, test);
        });
    }

    /**
     * The online protocol with the alternatives to shrinkage that a session could use early on: per fold an
     * unadapted and an adapted model are trained on the same speakers; each test speaker's clips come in the
     * library's seeded order. With {@code blendK} &lt; 0 a clip is predicted by the unadapted model while fewer
     * than {@code minClips} clips were seen, else by the adapted session; with {@code blendK} &ge; 0 the two
     * distributions are mixed with weight n/(n + blendK) on the adapted one ({@link #FROZEN}, {@link #MIX}:
     * the controls). Also counts right predictions and predictions by how many clips of the speaker came
     * before.
     *
     * @param x rows
     * @param y labels
     * @param speakers speakers
     * @param labels the labels
     * @param o protocol settings, with the adaptation of the adapted model
     * @param p SVM parameters of both models
     * @param minClips fallback threshold
     * @param blendK blend weight, or negative for fallback
     * @param hitsByPosition right predictions by position (positions past its length are not counted)
     * @param totalByPosition predictions by position
     * @return per-fold accuracies
     * @throws Exception if a fit fails
     */
    static double[] onlineAlternatives(double[][] x, int[] y, String[] speakers, List<Emotion> labels,
            TrainerOptions o, SvmParameters p, int minClips, double blendK, long[] hitsByPosition,
            long[] totalByPosition) throws Exception {
        return crossValidated(y, speakers, labels.size(), o, "online alternatives", (train, test) -> {
            SmoEmotionClassifier plain = Research.foldModel(x, null, y, speakers, labels, o.withAdaptation(null),
                    p, train);
            SmoEmotionClassifier adapted = Research.foldModel(x, null, y, speakers, labels, o, p, train);
            Map<String, List<Integer>> bySpeaker = new LinkedHashMap<>();
            for (int r : test) {
                bySpeaker.computeIfAbsent(speakers[r], k -> new ArrayList<>()).add(r);
            }
            int right = 0;
            for (Map.Entry<String, List<Integer>> e : bySpeaker.entrySet()) {
                List<Integer> order = new ArrayList<>();
                for (int j = 0; j < e.getValue().size(); j++) {
                    order.add(j);
                }
                Collections.shuffle(order, new Random(Objects.hash(o.seed(), e.getKey())));
                SpeakerSession s = adapted.newSpeakerSession();
                int n = 0;
                for (int j : order) {
                    int r = e.getValue().get(j);
                    double[] pu = Research.distribution(plain, x[r]);
                    double[] pa = Research.distribution(adapted, x[r], s.profile());
                    double[] pm = new double[pu.length];
                    double w = blendK == FROZEN ? 1 : blendK <= MIX ? MIX - blendK
                            : blendK < 0 ? (n < minClips ? 0 : 1) : n / (n + blendK);
                    for (int c = 0; c < pm.length; c++) {
                        pm[c] = w * pa[c] + (1 - w) * pu[c];
                    }
                    boolean hit = Learner.argmax(pm) == y[r];
                    if (hit) {
                        right++;
                    }
                    synchronized (totalByPosition) {
                        if (n < totalByPosition.length) {
                            totalByPosition[n]++;
                            hitsByPosition[n] += hit ? 1 : 0;
                        }
                    }
                    if (blendK != FROZEN) {
                        s.observeFeatures(x[r]);
                    }
                    n++;
                }
            }
            return right / (double) test.length;
        });
    }

    /**
     * Transductive control for a recipe the trainer does not offer: each clip's per-speaker-normalised
     * features (its speaker's full statistics, shrunk as {@code o} says) concatenated with its raw features,
     * then the global standardiser and the SVM.
     *
     * @param x rows
     * @param y labels
     * @param speakers speakers
     * @param labels the labels
     * @param o protocol settings with an adaptation
     * @param p SVM parameters (gamma for the doubled dimension)
     * @return per-fold accuracies
     * @throws Exception if a fit fails
     */
    static double[] transductiveConcatenated(double[][] x, int[] y, String[] speakers, List<Emotion> labels,
            TrainerOptions o, SvmParameters p) throws Exception {
        return crossValidated(y, speakers, labels.size(), o, "concatenated", (train, test) -> {
            double[][] n = Research.speakerNormalized(x, speakers, train, o.adaptation());
            double[][] z = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                z[i] = new double[2 * n[i].length];
                System.arraycopy(n[i], 0, z[i], 0, n[i].length);
                System.arraycopy(x[i], 0, z[i], n[i].length, n[i].length);
            }
            return accuracy(Research.svmFitPredict(Research.standardizedBy(z, train), y, labels, p, train, test)[0],
                    y, test);
        });
    }

    /** One fold's accuracy from its training and test rows. */
    private interface FoldAccuracy {
        double of(int[] train, int[] test) throws Exception;
    }

    /** The trainer's folds under {@code o}, each fold's accuracy computed on its own thread, in fold order. */
    private static double[] crossValidated(int[] y, String[] speakers, int classes, TrainerOptions o, String what,
            FoldAccuracy accuracy) throws Exception {
        int[] fold = Research.folds(y, speakers, classes, o);
        List<Callable<Double>> tasks = new ArrayList<>();
        for (int f = 0; f < o.folds(); f++) {
            int[] train = Research.rowsWhere(fold, f, false);
            int[] test = Research.rowsWhere(fold, f, true);
            tasks.add(() -> accuracy.of(train, test));
        }
        return inOrder(tasks, o.threads(), what);
    }

    private static double accuracy(int[] predicted, int[] y, int[] test) {
        int right = 0;
        for (int i = 0; i < test.length; i++) {
            right += predicted[i] == y[test[i]] ? 1 : 0;
        }
        return right / (double) test.length;
    }

    /** Runs the folds on {@code threads} daemon threads; results in fold order; the first failure cancels the rest. */
    private static double[] inOrder(List<Callable<Double>> tasks, int threads, String what) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r -> {
            Thread t = new Thread(r, "study-" + what);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Double>> futures = new ArrayList<>();
            for (Callable<Double> task : tasks) {
                futures.add(pool.submit(task));
            }
            double[] out = new double[futures.size()];
            for (int i = 0; i < out.length; i++) {
                try {
                    out[i] = futures.get(i).get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception ex) {
                        throw ex;
                    }
                    throw (Error) e.getCause();
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    /** Winsorises standardised values to [-limit, limit] so one outlying feature cannot dominate an RBF distance. */
    private static void clip(double[] z, double limit) {
        if (Double.isInfinite(limit)) {
            return;
        }
        for (int j = 0; j < z.length; j++) {
            z[j] = Math.max(-limit, Math.min(limit, z[j]));
        }
    }

    private static double[] project(double[] row, int[] cols) {
        double[] out = new double[cols.length];
        for (int j = 0; j < cols.length; j++) {
            out[j] = row[cols[j]];
        }
        return out;
    }

    /**
     * The {@code keep} columns with the largest one-way ANOVA F of emotion over the training rows only (or,
     * with {@code bySpeakerRatio}, F of emotion divided by F of speaker: features that separate emotions more
     * than they separate speakers). Rows of augmented copies count as their clip's speaker.
     */
    private static int[] selectColumns(double[][] rows, int[] ty, int[] train, String[] speakers, int classes,
            int keep, boolean bySpeakerRatio) {
        int m = rows.length;
        int copies = m / train.length;
        Map<String, Integer> spk = new HashMap<>();
        int[] sg = new int[m];
        for (int i = 0; i < m; i++) {
            sg[i] = spk.computeIfAbsent(speakers[train[i / copies]], k -> spk.size());
        }
        int d = rows[0].length;
        Integer[] idx = new Integer[d];
        double[] score = new double[d];
        for (int j = 0; j < d; j++) {
            idx[j] = j;
            double fe = anovaF(rows, j, ty, classes);
            score[j] = bySpeakerRatio ? fe / (anovaF(rows, j, sg, spk.size()) + 1e-9) : fe;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(score[b], score[a]));
        int[] cols = new int[keep];
        for (int j = 0; j < keep; j++) {
            cols[j] = idx[j];
        }
        Arrays.sort(cols);
        return cols;
    }

    private static double anovaF(double[][] rows, int j, int[] group, int groups) {
        double[] sum = new double[groups];
        int[] n = new int[groups];
        double total = 0;
        for (int i = 0; i < rows.length; i++) {
            sum[group[i]] += rows[i][j];
            n[group[i]]++;
            total += rows[i][j];
        }
        double mean = total / rows.length;
        double between = 0;
        for (int g = 0; g < groups; g++) {
            if (n[g] > 0) {
                double mg = sum[g] / n[g];
                between += n[g] * (mg - mean) * (mg - mean);
            }
        }
        double within = 0;
        for (int i = 0; i < rows.length; i++) {
            double mg = sum[group[i]] / n[group[i]];
            within += (rows[i][j] - mg) * (rows[i][j] - mg);
        }
        return (between / Math.max(1, groups - 1)) / (within / Math.max(1, rows.length - groups) + 1e-12);
    }
}
