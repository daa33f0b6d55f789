package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.SpeakerProfile;
import io.github.ser4j.core.SpeakerSession;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import weka.classifiers.functions.SMO;

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
        EvaluationReport cv = search(p.x, p.y, p.speakers, p.labels, options, extractor, p.originals, progress);
        report(progress, "training the final model on all " + p.originals + " clips"
                + (p.x.length > p.originals ? " and their " + (p.x.length - p.originals) + " augmented copies" : "")
                + " with " + cv.chosen());
        int[] originals = new int[p.originals];
        for (int i = 0; i < originals.length; i++) {
            originals[i] = i;
        }
        int[] all = trainingRows(originals, p.originals, p.x.length);
        report(progress, "hashing the " + data.clips().size() + " training clips for the provenance");
        TrainingDataSummary summary = data.summary().withClipHashes(
                ClipHashes.of(data, extractor, options.threads(), null));
        SmoEmotionClassifier classifier = fit(p.x, p.y, p.speakers, all, p.labels, cv.chosen(), extractor, summary,
                options, cv, progress);
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
        return search(p.x, p.y, p.speakers, p.labels, options, extractor, p.originals, progress);
    }

    /**
     * Rows {@code 0..originals-1} are the clips; with augmentation, row {@code i + c * originals} is copy
     * {@code c} of clip {@code i} (same label; its speaker tagged with the copy number, so per-speaker
     * statistics never mix a speaker's clean and augmented clips).
     */
    record Prepared(double[][] x, int[] y, String[] speakers, List<Emotion> labels, int originals) {
    }

    /**
     * The rows a model trains on when it trains on the clips {@code clipRows}: those clips and every
     * augmented copy of them, never a copy of another clip ({@code total / originals - 1} copies each).
     */
    static int[] trainingRows(int[] clipRows, int originals, int total) {
        int sets = total / originals;
        int[] rows = new int[clipRows.length * sets];
        for (int c = 0; c < sets; c++) {
            for (int i = 0; i < clipRows.length; i++) {
                if (clipRows[i] >= originals) {
                    throw new IllegalArgumentException("row " + clipRows[i] + " is an augmented copy, not a clip");
                }
                rows[c * clipRows.length + i] = clipRows[i] + c * originals;
            }
        }
        return rows;
    }

    /** The fold of each clip under the options' protocol. */
    static int[] folds(int[] y, String[] speakers, int numClasses, TrainerOptions o) {
        return o.grouped() ? Folds.grouped(speakers, o.folds(), o.seed()) : Folds.stratified(y, numClasses, o.folds(), o.seed());
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
        if (options.perSpeaker() && !data.hasSpeakers()) {
            throw new IllegalArgumentException("per-speaker normalisation needs a speaker for every clip, but data set "
                    + data.root() + " (" + data.layout() + " layout) does not name them all; give manifest.csv a "
                    + "speaker (or actor) column, or use RAVDESS file names");
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
        Augmentation aug = options.augmentation();
        if (aug == null) {
            return new Prepared(x, y, speakers, labels, x.length);
        }
        int n = x.length;
        int[] fold = folds(y, speakers, labels.size(), options);
        report(progress, "augmenting: " + aug.copies() + " cop" + (aug.copies() == 1 ? "y" : "ies") + " of each clip ("
                + aug.spec() + ")");
        double[][][] copies = FeatureTable.augmented(data, extractor, aug, options.seed(), fold, options.threads(), progress);
        return withCopies(x, y, speakers, labels, copies);
    }

    /** Clips and their augmented copies ({@code copies[c - 1][i]} is copy c of clip i) as one matrix. */
    static Prepared withCopies(double[][] x, int[] y, String[] speakers, List<Emotion> labels, double[][][] copies) {
        int n = x.length;
        int total = n * (1 + copies.length);
        double[][] xa = java.util.Arrays.copyOf(x, total);
        int[] ya = java.util.Arrays.copyOf(y, total);
        String[] sa = java.util.Arrays.copyOf(speakers, total);
        for (int c = 1; c <= copies.length; c++) {
            for (int i = 0; i < n; i++) {
                xa[c * n + i] = copies[c - 1][i];
                ya[c * n + i] = y[i];
                sa[c * n + i] = speakers[i] == null ? null : speakers[i] + "#copy" + c;
            }
        }
        return new Prepared(xa, ya, sa, labels, n);
    }

    static EvaluationReport search(double[][] x, int[] y, String[] speakers, List<Emotion> labels,
            TrainerOptions o, Consumer<String> progress) {
        return search(x, y, speakers, labels, o, matrixExtractor(x[0].length), x.length, progress);
    }

    /**
     * The grid search; rows from {@code originals} on are augmented copies (see {@link Prepared}): folds
     * are dealt over the clips, each fold trains on {@link #trainingRows} of its training clips and tests
     * on its test clips only.
     */
    static EvaluationReport search(double[][] xAll, int[] yAll, String[] speakersAll, List<Emotion> labels,
            TrainerOptions o, FeatureExtractor extractor, int originals, Consumer<String> progress) {
        int[] y = java.util.Arrays.copyOf(yAll, originals);
        String[] speakers = java.util.Arrays.copyOf(speakersAll, originals);
        int[] fold = folds(y, speakers, labels.size(), o);
        List<SvmParameters> grid = o.gridPoints();
        List<Parallel.Task<FoldResult>> tasks = new ArrayList<>();
        for (SvmParameters p : grid) {
            for (int f = 0; f < o.folds(); f++) {
                int[] train = trainingRows(Folds.rowsWhere(fold, f, false), originals, xAll.length);
                int[] test = Folds.rowsWhere(fold, f, true);
                tasks.add(() -> trainAndPredict(xAll, yAll, speakersAll, labels, p, train, test, o, extractor));
            }
        }
        report(progress, String.format(Locale.ROOT, "%s grid search: %d points x %d folds on %d threads",
                o.protocol(), grid.size(), o.folds(), o.threads()));
        List<FoldResult> results;
        try {
            results = Parallel.run(tasks, o.threads(), "cv fits", progress);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cross-validation failed: " + e, e);
        }
        List<EvaluationReport.GridPoint> table = new ArrayList<>();
        List<int[]> pooled = new ArrayList<>();
        List<double[][]> pooledDist = new ArrayList<>();
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < grid.size(); g++) {
            int[] pred = new int[y.length];
            double[][] dist = new double[y.length][];
            double[] acc = new double[o.folds()];
            for (int f = 0; f < o.folds(); f++) {
                int[] test = Folds.rowsWhere(fold, f, true);
                FoldResult fr = results.get(g * o.folds() + f);
                int[] out = fr.predicted();
                int right = 0;
                for (int i = 0; i < test.length; i++) {
                    pred[test[i]] = out[i];
                    dist[test[i]] = fr.distributions()[i];
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
            pooledDist.add(dist);
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
        EvaluationReport.Calibration calibration = calibrate(pooledDist.get(best), y, fold, o.folds());
        EvaluationReport r = EvaluationReport.score(o.protocol(), labels, y, pooled.get(best), grid.get(best), table, notes)
                .withCalibration(calibration);
        report(progress, String.format(Locale.ROOT, "best %s: mean CV accuracy %.4f; temperature %.4f", grid.get(best),
                table.get(best).meanAccuracy(), calibration.temperature()));
        return r;
    }

    /** One fold's predicted label indexes and distributions, in test-row order. */
    private record FoldResult(int[] predicted, double[][] distributions) {
    }

    /**
     * Fits the temperature on the out-of-fold distributions of the chosen grid point and scores them
     * before and after; also scores each fold at a temperature fitted on the other folds alone.
     */
    static EvaluationReport.Calibration calibrate(double[][] dist, int[] y, int[] fold, int folds) {
        double t = TemperatureScaling.fit(dist, y);
        double[][] scaled = new double[dist.length][];
        double[][] crossFitted = new double[dist.length][];
        for (int i = 0; i < dist.length; i++) {
            scaled[i] = TemperatureScaling.scale(dist[i], t);
        }
        for (int f = 0; f < folds; f++) {
            int[] test = Folds.rowsWhere(fold, f, true);
            int[] rest = Folds.rowsWhere(fold, f, false);
            if (test.length == 0) {
                continue;
            }
            double[][] restDist = new double[rest.length][];
            int[] restY = new int[rest.length];
            for (int i = 0; i < rest.length; i++) {
                restDist[i] = dist[rest[i]];
                restY[i] = y[rest[i]];
            }
            double tf = rest.length == 0 ? t : TemperatureScaling.fit(restDist, restY);
            for (int r : test) {
                crossFitted[r] = TemperatureScaling.scale(dist[r], tf);
            }
        }
        return new EvaluationReport.Calibration(t, EvaluationReport.ProbabilityScores.of(dist, y),
                EvaluationReport.ProbabilityScores.of(scaled, y), EvaluationReport.ProbabilityScores.of(crossFitted, y));
    }

    private static FoldResult trainAndPredict(double[][] x, int[] y, String[] speakers, List<Emotion> labels,
            SvmParameters p, int[] train, int[] test, TrainerOptions o, FeatureExtractor extractor) {
        SmoEmotionClassifier model = fit(x, y, speakers, train, labels, p, extractor, null, o, null);
        int[] out = new int[test.length];
        double[][] dist = new double[test.length][];
        if (!o.perSpeaker()) {
            for (int i = 0; i < test.length; i++) {
                dist[i] = model.distribution(x[test[i]]);
                out[i] = WekaSvm.argmax(dist[i]);
            }
            return new FoldResult(out, dist);
        }
        // Each test speaker gets a fresh session of the very code the API uses.
        Map<String, List<Integer>> bySpeaker = new LinkedHashMap<>();
        for (int i = 0; i < test.length; i++) {
            bySpeaker.computeIfAbsent(speakers[test[i]], k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> e : bySpeaker.entrySet()) {
            int[] rows = new int[e.getValue().size()];
            for (int j = 0; j < rows.length; j++) {
                rows[j] = test[e.getValue().get(j)];
            }
            double[][] d = new double[rows.length][];
            int[] pred = predictSpeaker(model.newSpeakerSession(), x, rows, o.adaptation().online(),
                    new Random(Objects.hash(o.seed(), e.getKey())), labels, d);
            for (int j = 0; j < rows.length; j++) {
                out[e.getValue().get(j)] = pred[j];
                dist[e.getValue().get(j)] = d[j];
            }
        }
        return new FoldResult(out, dist);
    }

    /**
     * Predicts one speaker's clips with a session. Transductive: the session observes every clip, then
     * predicts each. Online: the clips in a random order, each predicted with the statistics of the
     * clips before it, then observed.
     *
     * @return the predicted label index of each of {@code rows}, in {@code rows} order
     */
    static int[] predictSpeaker(SpeakerSession session, double[][] x, int[] rows, boolean online, Random order,
            List<Emotion> labels) {
        return predictSpeaker(session, x, rows, online, order, labels, new double[rows.length][]);
    }

    /** As above, also storing each clip's distribution over {@code labels} in {@code dist}, in {@code rows} order. */
    static int[] predictSpeaker(SpeakerSession session, double[][] x, int[] rows, boolean online, Random order,
            List<Emotion> labels, double[][] dist) {
        return predictSpeaker(session, x, rows, online, order, labels, dist, null);
    }

    /**
     * As above, also marking in {@code outOfDomain} (if not null; {@code rows} order) each clip whose prediction
     * was out of the model's domain, which {@code predict} would give no emotion.
     */
    static int[] predictSpeaker(SpeakerSession session, double[][] x, int[] rows, boolean online, Random order,
            List<Emotion> labels, double[][] dist, boolean[] outOfDomain) {
        int[] out = new int[rows.length];
        if (online) {
            List<Integer> idx = new ArrayList<>();
            for (int j = 0; j < rows.length; j++) {
                idx.add(j);
            }
            Collections.shuffle(idx, order);
            for (int j : idx) {
                Prediction p = session.predictFeatures(x[rows[j]]);
                out[j] = answer(p, labels);
                dist[j] = toArray(p, labels);
                if (outOfDomain != null) {
                    outOfDomain[j] = p.outOfDomain();
                }
                session.observeFeatures(x[rows[j]]);
            }
        } else {
            for (int r : rows) {
                session.observeFeatures(x[r]);
            }
            for (int j = 0; j < rows.length; j++) {
                Prediction p = session.predictFeatures(x[rows[j]]);
                out[j] = answer(p, labels);
                dist[j] = toArray(p, labels);
                if (outOfDomain != null) {
                    outOfDomain[j] = p.outOfDomain();
                }
            }
        }
        return out;
    }

    /**
     * The index in {@code labels} of the model's answer: the prediction's emotion, or, out of domain (no emotion,
     * only the model's distribution), the label it would have given; -1 without probabilities. Scoring uses it
     * so that a figure measures the classifier on every clip, and says beside it how many were flagged.
     */
    static int answer(Prediction p, List<Emotion> labels) {
        Emotion a = answer(p);
        return a == null ? -1 : labels.indexOf(a);
    }

    /** {@link Research#answer}: the prediction's emotion, else the most probable label of its distribution, else null. */
    static Emotion answer(Prediction p) {
        if (p.hasEmotion() || p.probabilities().isEmpty()) {
            return p.emotion();
        }
        return Prediction.of(p.probabilities()).emotion();
    }

    /** A prediction's probabilities in {@code labels} order (0 for a label it lacks). */
    static double[] toArray(Prediction p, List<Emotion> labels) {
        double[] a = new double[labels.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = p.probabilities().getOrDefault(labels.get(i), 0.0);
        }
        return a;
    }

    /**
     * Trains a classifier on the given rows: per-speaker normalisation if the options ask for it (each
     * training clip z-scored with its own speaker's statistics shrunk towards the priors), then the
     * global standardiser and the SVM.
     */
    static SmoEmotionClassifier fit(double[][] x, int[] y, String[] speakers, int[] rows, List<Emotion> labels,
            SvmParameters p, FeatureExtractor extractor, TrainingDataSummary summary, TrainerOptions options,
            EvaluationReport cv) {
        return fit(x, y, speakers, rows, labels, p, extractor, summary, options, cv, null);
    }

    /**
     * As {@link #fit(double[][], int[], String[], int[], List, SvmParameters, FeatureExtractor, TrainingDataSummary,
     * TrainerOptions, EvaluationReport)}; a final model ({@code cv} given) is also checked against Weka, as
     * {@code convert} checks a converted one: its exported SVM must give Weka's probabilities on every
     * training row the SMO keeps to {@link ConvertCommand#TOLERANCE}, reported on {@code progress} (that a saved
     * model loads back with identical predictions is tested in {@code SmoTrainerTest}).
     */
    private static SmoEmotionClassifier fit(double[][] x, int[] y, String[] speakers, int[] rows,
            List<Emotion> labels, SvmParameters p, FeatureExtractor extractor, TrainingDataSummary summary,
            TrainerOptions options, EvaluationReport cv, Consumer<String> progress) {
        SpeakerNormalization sn = null;
        double[][] nx = x;
        int[] used = rows;
        int[] ny = y;
        if (options.perSpeaker()) {
            SpeakerAdaptation a = options.adaptation();
            sn = SpeakerNormalization.fit(x, rows, speakers, a);
            Map<String, SpeakerProfile> profiles = SpeakerNormalization.profiles(x, rows, speakers);
            Map<String, List<Integer>> rowsOf = new LinkedHashMap<>();
            for (int r : rows) {
                rowsOf.computeIfAbsent(speakers[r], k -> new ArrayList<>()).add(r);
            }
            int m = rows.length * (1 + a.noisyCopies());
            nx = new double[m][];
            ny = new int[m];
            used = new int[m];
            int k = 0;
            for (int r : rows) {
                nx[k] = sn.apply(x[r], profiles.get(speakers[r]));
                ny[k] = y[r];
                used[k] = k;
                k++;
            }
            for (int c = 1; c <= a.noisyCopies(); c++) {
                for (int r : rows) {
                    // what a session knows some way into a conversation: a random number of the speaker's other clips
                    Random rnd = new Random(Objects.hash(options.seed(), c, r));
                    List<Integer> others = new ArrayList<>(rowsOf.get(speakers[r]));
                    others.remove(Integer.valueOf(r));
                    Collections.shuffle(others, rnd);
                    int n = others.isEmpty() ? 0 : rnd.nextInt(others.size() + 1);
                    SpeakerProfile seen = SpeakerProfile.empty(extractor.id(), x[r].length);
                    for (int j = 0; j < n; j++) {
                        seen = seen.plus(x[others.get(j)]);
                    }
                    nx[k] = sn.apply(x[r], seen);
                    ny[k] = y[r];
                    used[k] = k;
                    k++;
                }
            }
        }
        Standardizer st = Standardizer.fit(nx, used).withSquash(options.squash());
        double[][] sx = new double[used.length][];
        int[] sy = new int[used.length];
        for (int i = 0; i < used.length; i++) {
            sx[i] = st.apply(nx[used[i]]);
            sy[i] = ny[used[i]];
        }
        SMO smo = WekaSvm.train(sx, sy, labels, p);
        // the final model stores the temperature fitted on its recipe's cross-validated distributions; fold models keep T = 1
        double temperature = cv == null || cv.calibration() == null ? 1 : cv.calibration().temperature();
        ModelProvenance prov = new ModelProvenance(Versions.SER4J, Versions.WEKA, extractor.id(),
                extractor.featureNames(), labels, summary, options, p, cv, Instant.now(), sn, temperature);
        try {
            SmoEmotionClassifier model = new SmoEmotionClassifier(extractor, st, WekaSvm.export(smo), prov,
                    cv == null ? "fold model" : "trained model");
            if (cv != null) {
                checkAgainstWeka(smo, model.svm(), labels, progress);
            }
            return model;
        } catch (IOException e) {
            throw new IllegalStateException("the trained model does not load back: " + e.getMessage(), e);
        }
    }

    /** Fails unless the exported SVM gives Weka's probabilities on the SMO's training rows ({@link WekaSvm#largestDifference}). */
    private static void checkAgainstWeka(SMO smo, SupportVectorMachine svm, List<Emotion> labels,
            Consumer<String> progress) {
        double[] d = WekaSvm.largestDifference(smo, svm, labels);
        if (!(d[1] <= ConvertCommand.TOLERANCE)) {
            throw new IllegalStateException("the exported SVM differs from Weka's SMO by " + d[1]
                    + " on a training row (more than " + ConvertCommand.TOLERANCE + ")");
        }
        report(progress, String.format(Locale.ROOT, "exported SVM equals Weka on %d training rows (largest difference %.3g)",
                (int) d[0], d[1]));
    }

    /** Trains on all rows, without speakers (so without per-speaker normalisation). */
    static SmoEmotionClassifier fit(double[][] x, int[] y, List<Emotion> labels, SvmParameters p,
            FeatureExtractor extractor, TrainingDataSummary summary, TrainerOptions options, EvaluationReport cv) {
        int[] all = new int[x.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return fit(x, y, new String[x.length], all, labels, p, extractor, summary, options, cv);
    }

    /** Stands in for the extractor when cross-validating on a cached matrix: sessions only take feature vectors. */
    static FeatureExtractor matrixExtractor(int dimension) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < dimension; j++) {
            names.add("f" + j);
        }
        List<String> frozen = List.copyOf(names);
        return new FeatureExtractor() {
            @Override
            public String id() {
                return "matrix/" + dimension;
            }

            @Override
            public List<String> featureNames() {
                return frozen;
            }

            @Override
            public float sampleRateHz() {
                return 16_000f;
            }

            @Override
            public double[] extract(io.github.ser4j.core.AudioClip clip) {
                throw new UnsupportedOperationException("a cached feature matrix has no extractor");
            }
        };
    }

    private static void report(Consumer<String> progress, String line) {
        if (progress != null) {
            progress.accept(line);
        }
    }
}
