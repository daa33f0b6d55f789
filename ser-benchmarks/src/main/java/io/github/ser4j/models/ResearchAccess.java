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
     * A model file of the old format (a Java-serialized Weka SMO), converted in memory as {@code convert}
     * does, without writing it: for comparing ser4j's evaluator with Weka's on the same model.
     *
     * @param legacyModelFile the old file; trusted input only (it is deserialised behind the allow-list)
     * @return the model, predicting with ser4j's evaluator
     * @throws java.io.IOException if the file cannot be read or converted
     */
    public static io.github.ser4j.core.EmotionClassifier legacyModel(java.nio.file.Path legacyModelFile)
            throws java.io.IOException {
        String what = "model file " + legacyModelFile;
        LegacyModelFile.Legacy legacy = LegacyModelFile.read(
                ModelFile.readBytes(legacyModelFile, LegacyModelFile.MAX_LEGACY_BYTES), what);
        ModelFile.Parts parts = legacy.toParts(what);
        return ModelFile.decode(ModelFile.encode(parts.provenance(), parts.standardizer(), parts.svm()), what,
                ExtractorResolver.DEFAULT);
    }

    /**
     * The given model predicting through Weka's own {@code SMO.distributionForInstance} instead of ser4j's
     * evaluator: the "before" of the prediction benchmark. The Weka SMO comes from the model's old-format file
     * (kept as a test resource), which must export to exactly the model's SVM, so both compute the same function.
     *
     * @param model a loaded model, such as the shipped default one
     * @param legacyModelFile the same model in the old format (a Java-serialized Weka SMO)
     * @return the model, predicting through a per-thread Weka copy
     * @throws java.io.IOException if the file cannot be read or holds another model
     */
    public static io.github.ser4j.core.EmotionClassifier wekaReference(io.github.ser4j.core.EmotionClassifier model,
            java.nio.file.Path legacyModelFile) throws java.io.IOException {
        SmoEmotionClassifier smo = (SmoEmotionClassifier) model;
        String what = "model file " + legacyModelFile;
        LegacyModelFile.Legacy legacy = LegacyModelFile.read(
                ModelFile.readBytes(legacyModelFile, LegacyModelFile.MAX_LEGACY_BYTES), what);
        if (!legacy.toParts(what).svm().equals(smo.svm())) {
            throw new java.io.IOException(what + " holds another model than " + model);
        }
        byte[] bytes = WekaSvm.toBytes(legacy.smo());
        int d = smo.svm().dimension();
        ThreadLocal<Object[]> copies = ThreadLocal.withInitial(() -> {
            try {
                return new Object[] {WekaSvm.fromBytes(bytes, what), WekaSvm.header(d, smo.labels())};
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return smo.withScorer(row -> {
            Object[] c = copies.get(); // Weka's SMO keeps scratch state while it predicts: one copy per thread
            return WekaSvm.distribution((SMO) c[0], (Instances) c[1], row);
        });
    }

    /**
     * A report's per-class metrics as the JSON objects {@link EvaluationReport#toJson()} writes.
     *
     * @param report the report
     * @return a list of maps with {@code label}, {@code precision}, {@code recall}, {@code f1}, {@code support}
     */
    public static List<Object> perClassJson(EvaluationReport report) {
        return EvaluationReport.perClassJson(report.perClass());
    }

    /**
     * Appends a string as a JSON string literal with the escaping of ser4j's own JSON writer.
     *
     * @param sb the builder
     * @param s the string
     */
    public static void appendJsonString(StringBuilder sb, String s) {
        Json.quote(sb, s);
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
        return SmoTrainer.folds(y, speakers, numClasses, o);
    }

    /**
     * The trainer's feature extraction: one row per clip in data set order, extracted in parallel; a
     * clip that cannot be read or gives a non-finite value fails with its path in the message.
     *
     * @param data the clips
     * @param extractor the extractor
     * @param threads worker threads
     * @param progress progress lines, or null
     * @return the rows
     * @throws IOException naming the clip that failed
     */
    public static double[][] features(Dataset data, io.github.ser4j.core.FeatureExtractor extractor, int threads,
            Consumer<String> progress) throws java.io.IOException {
        return FeatureTable.extract(data, extractor, threads, progress);
    }

    /**
     * Every row of {@code x} z-scored with the mean and standard deviation of the {@code fitRows} only,
     * exactly as the trainer standardises a training fold (values rounded to float precision).
     *
     * @param x rows, unstandardised
     * @param fitRows the rows the statistics come from (a training fold)
     * @return a new matrix, same shape as {@code x}
     */
    public static double[][] standardizedBy(double[][] x, int[] fitRows) {
        Standardizer st = Standardizer.fit(x, fitRows);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = st.apply(x[i]);
        }
        return out;
    }

    /**
     * Trains the trainer's calibrated SMO on already standardised {@code train} rows and predicts the
     * label index of each row of every set in {@code predict}, as the trainer's cross-validation does.
     *
     * @param z standardised rows
     * @param y label index of each row
     * @param labels the labels
     * @param p the SVM parameters
     * @param train the rows to train on
     * @param predict row sets to predict
     * @return predicted label indices, one array per row set
     */
    public static int[][] svmFitPredict(double[][] z, int[] y, List<Emotion> labels, SvmParameters p, int[] train,
            int[]... predict) {
        double[][] tx = new double[train.length][];
        int[] ty = new int[train.length];
        for (int i = 0; i < train.length; i++) {
            tx[i] = z[train[i]];
            ty[i] = y[train[i]];
        }
        SMO smo = WekaSvm.train(tx, ty, labels, p);
        Instances header = WekaSvm.header(z[0].length, labels);
        int[][] out = new int[predict.length][];
        for (int s = 0; s < predict.length; s++) {
            out[s] = new int[predict[s].length];
            for (int i = 0; i < predict[s].length; i++) {
                out[s][i] = WekaSvm.argmax(WekaSvm.distribution(smo, header, z[predict[s][i]]));
            }
        }
        return out;
    }

    /**
     * Scores predictions as the trainer does (pooled confusion matrix, per-class P/R/F1, macro-F1).
     *
     * @param protocol a protocol name for the report
     * @param labels the labels
     * @param truth true label indices
     * @param predicted predicted label indices
     * @return the report
     */
    public static EvaluationReport score(String protocol, List<Emotion> labels, int[] truth, int[] predicted) {
        return EvaluationReport.score(protocol, labels, truth, predicted, null, null, null);
    }

    /**
     * Parses JSON with the library's reader.
     *
     * @param text the text
     * @return maps, lists, strings, numbers, booleans or null
     */
    public static Object parseJson(String text) {
        return Json.parse(text);
    }

    /**
     * The ser4j and Weka versions the library records in its model files.
     *
     * @return {@code {ser4j, weka}}
     */
    public static String[] versions() {
        return new String[] {Versions.SER4J, Versions.WEKA};
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
        double limit = Double.parseDouble(System.getProperty("clip", "Infinity"));
        int keep = Integer.parseInt(System.getProperty("select", "0"));
        boolean bySpeakerRatio = Boolean.parseBoolean(System.getProperty("speakerRatio", "false"));
        int[][] colsOfFold = new int[o.folds()][];
        List<Parallel.Task<Double>> tasks = new ArrayList<>();
        for (int f = 0; f < o.folds(); f++) {
            int[] train = Folds.rowsWhere(fold, f, false);
            int[] test = Folds.rowsWhere(fold, f, true);
            int fIndex = f;
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
                if (keep > 0 && keep < rows[0].length) {
                    int[] cols = selectColumns(rows, ty, train, speakers, labels.size(), keep, bySpeakerRatio);
                    for (int i = 0; i < m; i++) {
                        rows[i] = project(rows[i], cols);
                    }
                    colsOfFold[fIndex] = cols;
                }
                Standardizer st = Standardizer.fit(rows, all);
                double[][] sx = new double[m][];
                for (int i = 0; i < m; i++) {
                    sx[i] = clipped(st.apply(rows[i]), limit);
                }
                SMO smo = WekaSvm.train(sx, ty, labels, p);
                Instances header = WekaSvm.header(st.dimension(), labels);
                int right = 0;
                for (int i : test) {
                    if (WekaSvm.argmax(WekaSvm.distribution(smo, header,
                            clipped(st.apply(colsOfFold[fIndex] == null ? x[i] : project(x[i], colsOfFold[fIndex])), limit))) == y[i]) {
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

    /** Winsorises standardised values to [-limit, limit] so one outlying feature cannot dominate an RBF distance. */
    private static double[] clipped(double[] z, double limit) {
        if (Double.isInfinite(limit)) {
            return z;
        }
        for (int j = 0; j < z.length; j++) {
            z[j] = Math.max(-limit, Math.min(limit, z[j]));
        }
        return z;
    }

    private static double[] project(double[] row, int[] cols) {
        double[] out = new double[cols.length];
        for (int j = 0; j < cols.length; j++) {
            out[j] = row[cols[j]];
        }
        return out;
    }

    /**
     * The {@code keep} columns with the largest one-way ANOVA F of emotion over the training rows only
     * (or, with {@code bySpeakerRatio}, F of emotion divided by F of speaker: features that separate
     * emotions more than they separate speakers). Rows of augmented copies count as their clip's speaker.
     */
    private static int[] selectColumns(double[][] rows, int[] ty, int[] train, String[] speakers, int classes,
            int keep, boolean bySpeakerRatio) {
        int m = rows.length;
        int copies = m / train.length;
        java.util.Map<String, Integer> spk = new java.util.HashMap<>();
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
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(score[b], score[a]));
        int[] cols = new int[keep];
        for (int j = 0; j < keep; j++) {
            cols[j] = idx[j];
        }
        java.util.Arrays.sort(cols);
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

    /** {@code blendK} that predicts every clip with the adapted model and the priors alone (no statistics, a control). */
    public static final double FROZEN = -2;

    /** {@code blendK} of {@code MIX - w} mixes with a constant weight {@code w} on the adapted session (an ensemble). */
    public static final double MIX = -10;

    /**
     * The online protocol with the alternatives to shrinkage that a session could use early on: per
     * fold an unadapted and an adapted model are trained on the same speakers; each test speaker's
     * clips come in the library's seeded order. With {@code blendK} &lt; 0 a clip is predicted by the
     * unadapted model while fewer than {@code minClips} clips were seen, else by the adapted session;
     * with {@code blendK} &ge; 0 the two distributions are mixed with weight n/(n + blendK) on the
     * adapted one.
     *
     * @param x rows
     * @param y labels
     * @param speakers speakers
     * @param labels the labels
     * @param o protocol settings, with the adaptation of the adapted model
     * @param p SVM parameters of both models
     * @param minClips fallback threshold
     * @param blendK blend weight, or negative for fallback
     * @return per-fold accuracies
     * @throws Exception if a fit fails
     */
    public static double[] onlineAlternatives(double[][] x, int[] y, String[] speakers, List<Emotion> labels,
            TrainerOptions o, SvmParameters p, int minClips, double blendK) throws Exception {
        return onlineAlternatives(x, y, speakers, labels, o, p, minClips, blendK, new long[0], new long[0]);
    }

    /**
     * As {@link #onlineAlternatives(double[][], int[], String[], List, TrainerOptions, SvmParameters, int, double)},
     * also counting right predictions and predictions by how many clips of the speaker came before.
     *
     * @param x rows
     * @param y labels
     * @param speakers speakers
     * @param labels the labels
     * @param o protocol settings
     * @param p SVM parameters
     * @param minClips fallback threshold
     * @param blendK blend weight, or negative for fallback
     * @param hitsByPosition right predictions by position (positions past its length are not counted)
     * @param totalByPosition predictions by position
     * @return per-fold accuracies
     * @throws Exception if a fit fails
     */
    public static double[] onlineAlternatives(double[][] x, int[] y, String[] speakers, List<Emotion> labels,
            TrainerOptions o, SvmParameters p, int minClips, double blendK, long[] hitsByPosition,
            long[] totalByPosition) throws Exception {
        int[] fold = folds(y, speakers, labels.size(), o);
        List<Parallel.Task<Double>> tasks = new ArrayList<>();
        for (int f = 0; f < o.folds(); f++) {
            int[] train = Folds.rowsWhere(fold, f, false);
            int[] test = Folds.rowsWhere(fold, f, true);
            tasks.add(() -> {
                io.github.ser4j.core.FeatureExtractor fx = SmoTrainer.matrixExtractor(x[0].length);
                SmoEmotionClassifier plain = SmoTrainer.fit(x, y, speakers, train, labels, p, fx, null,
                        o.withAdaptation(null), null);
                SmoEmotionClassifier adapted = SmoTrainer.fit(x, y, speakers, train, labels, p, fx, null, o, null);
                java.util.Map<String, List<Integer>> bySpeaker = new java.util.LinkedHashMap<>();
                for (int r : test) {
                    bySpeaker.computeIfAbsent(speakers[r], k -> new ArrayList<>()).add(r);
                }
                int right = 0;
                for (java.util.Map.Entry<String, List<Integer>> e : bySpeaker.entrySet()) {
                    List<Integer> order = new ArrayList<>();
                    for (int j = 0; j < e.getValue().size(); j++) {
                        order.add(j);
                    }
                    java.util.Collections.shuffle(order, new java.util.Random(java.util.Objects.hash(o.seed(), e.getKey())));
                    io.github.ser4j.core.SpeakerSession s = adapted.newSpeakerSession();
                    int n = 0;
                    for (int j : order) {
                        int r = e.getValue().get(j);
                        double[] pu = plain.distribution(x[r]);
                        double[] pa = adapted.distribution(x[r], s.profile());
                        double[] pm = new double[pu.length];
                        double w = blendK == FROZEN ? 1 : blendK <= MIX ? MIX - blendK
                                : blendK < 0 ? (n < minClips ? 0 : 1) : n / (n + blendK);
                        for (int c = 0; c < pm.length; c++) {
                            pm[c] = w * pa[c] + (1 - w) * pu[c];
                        }
                        boolean hit = WekaSvm.argmax(pm) == y[r];
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
        List<Double> acc = Parallel.run(tasks, o.threads(), "online alternatives", null);
        return acc.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Transductive control for a recipe the trainer does not offer: each clip's per-speaker-normalised
     * features (its speaker's full statistics, shrunk as {@code o} says) concatenated with its raw
     * features, then the global standardiser and the SVM.
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
    public static double[] transductiveConcatenated(double[][] x, int[] y, String[] speakers, List<Emotion> labels,
            TrainerOptions o, SvmParameters p) throws Exception {
        int[] fold = folds(y, speakers, labels.size(), o);
        int[] all = new int[x.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        java.util.Map<String, io.github.ser4j.core.SpeakerProfile> profiles = SpeakerNormalization.profiles(x, all, speakers);
        List<Parallel.Task<Double>> tasks = new ArrayList<>();
        for (int f = 0; f < o.folds(); f++) {
            int[] train = Folds.rowsWhere(fold, f, false);
            int[] test = Folds.rowsWhere(fold, f, true);
            tasks.add(() -> {
                SpeakerNormalization sn = SpeakerNormalization.fit(x, train, speakers, o.adaptation());
                double[][] z = new double[x.length][];
                for (int i = 0; i < x.length; i++) {
                    double[] n = sn.apply(x[i], profiles.get(speakers[i]));
                    z[i] = new double[2 * n.length];
                    System.arraycopy(n, 0, z[i], 0, n.length);
                    System.arraycopy(x[i], 0, z[i], n.length, n.length);
                }
                Standardizer st = Standardizer.fit(z, train);
                double[][] sx = new double[train.length][];
                int[] sy = new int[train.length];
                for (int i = 0; i < train.length; i++) {
                    sx[i] = st.apply(z[train[i]]);
                    sy[i] = y[train[i]];
                }
                SMO smo = WekaSvm.train(sx, sy, labels, p);
                Instances header = WekaSvm.header(st.dimension(), labels);
                int right = 0;
                for (int i : test) {
                    if (WekaSvm.argmax(WekaSvm.distribution(smo, header, st.apply(z[i]))) == y[i]) {
                        right++;
                    }
                }
                return right / (double) test.length;
            });
        }
        List<Double> acc = Parallel.run(tasks, o.threads(), "concatenated", null);
        return acc.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The trainer's augmented copies of every clip, made with the trainer's own code: babble of each copy
     * comes from other speakers of the clip's fold under {@code o}'s protocol.
     *
     * @param data the clips
     * @param extractor the extractor
     * @param o the options, with an augmentation
     * @param fold each clip's fold under {@code o} ({@link #folds})
     * @param progress progress lines, or null
     * @return {@code [copy - 1][clip]} feature rows
     * @throws java.io.IOException naming a clip that failed
     */
    public static double[][][] augmentedCopies(Dataset data, io.github.ser4j.core.FeatureExtractor extractor,
            TrainerOptions o, int[] fold, Consumer<String> progress) throws java.io.IOException {
        return FeatureTable.augmented(data, extractor, o.augmentation(), o.seed(), fold, o.threads(), progress);
    }

    /**
     * The model the trainer's cross-validation fits for one fold: trained on the clips {@code trainClips}
     * and, if {@code copies} is not null, their augmented copies only (the trainer's own row selection).
     *
     * @param x clips' rows
     * @param copies {@code [copy - 1][clip]} rows, or null
     * @param y labels
     * @param speakers speakers
     * @param labels the labels
     * @param o the options (per-speaker normalisation if any)
     * @param p the SVM parameters
     * @param trainClips the training clips' rows
     * @return the fold model (temperature 1)
     */
    public static SmoEmotionClassifier foldModel(double[][] x, double[][][] copies, int[] y, String[] speakers,
            List<Emotion> labels, TrainerOptions o, SvmParameters p, int[] trainClips) {
        SmoTrainer.Prepared all = SmoTrainer.withCopies(x, y, speakers, labels, copies == null ? new double[0][][] : copies);
        int[] rows = SmoTrainer.trainingRows(trainClips, x.length, all.x().length);
        return SmoTrainer.fit(all.x(), all.y(), all.speakers(), rows, labels, p,
                SmoTrainer.matrixExtractor(x[0].length), null, o, null);
    }

    /**
     * A model's probabilities for a feature vector, in label order, as {@code predict} computes them.
     *
     * @param m the model
     * @param features the features
     * @return the distribution
     */
    public static double[] distribution(SmoEmotionClassifier m, double[] features) {
        return m.distribution(features);
    }

    /**
     * A clip's features as every model sees them (resampled to the extractor's rate, rounded to 16-bit levels).
     *
     * @param clip the clip
     * @param extractor the extractor
     * @return the features
     */
    public static double[] features(io.github.ser4j.core.AudioClip clip, io.github.ser4j.core.FeatureExtractor extractor) {
        return SmoEmotionClassifier.features(clip, extractor);
    }

    /**
     * Mean confidence, ECE (15 bins), NLL and Brier score of distributions, as the reports compute them.
     *
     * @param p distributions
     * @param truth true label indices
     * @return the scores
     */
    public static EvaluationReport.ProbabilityScores probabilityScores(double[][] p, int[] truth) {
        return EvaluationReport.ProbabilityScores.of(p, truth);
    }

    /**
     * The trainer's temperature fit (minimum NLL) and scaling.
     *
     * @param p distributions
     * @param truth true label indices
     * @return the temperature
     */
    public static double fitTemperature(double[][] p, int[] truth) {
        return TemperatureScaling.fit(p, truth);
    }

    /**
     * Scales a distribution by a temperature.
     *
     * @param p the distribution
     * @param t the temperature
     * @return the scaled distribution
     */
    public static double[] scaled(double[] p, double t) {
        return TemperatureScaling.scale(p, t);
    }

    /**
     * Rows of fold {@code f} ({@code in}) or of the other folds.
     *
     * @param fold fold of each row
     * @param f the fold
     * @param in the fold's rows, or the others
     * @return row indices
     */
    public static int[] rowsWhere(int[] fold, int f, boolean in) {
        return Folds.rowsWhere(fold, f, in);
    }

    /**
     * The plain z-scores of the row a model's SVM sees for a feature vector (standardised, before any
     * squash; an adapted model normalises with the population priors first, as a session that has heard
     * nothing): what the domain check measures.
     *
     * @param model the model
     * @param features the feature vector of the model's extractor
     * @return the z-scores
     */
    public static double[] standardisedRow(SmoEmotionClassifier model, double[] features) {
        SpeakerNormalization sn = model.provenance().speakerNormalization();
        return model.zScores(features, sn == null ? null
                : io.github.ser4j.core.SpeakerProfile.empty(model.featureExtractorId(), sn.dimension()));
    }
}
