package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well a classifier did: accuracy, macro-F1, per-class precision/recall/F1, the confusion
 * matrix, and for a grid search the chosen parameters and the whole grid.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param protocol how the numbers were obtained, such as {@code stratified 6-fold} or {@code held-out}
 * @param labels the labels of the matrix rows and columns, in {@link Emotion} order
 * @param n the number of scored clips
 * @param accuracy the fraction of clips predicted right
 * @param macroF1 the mean F1 over the labels that occur in the data
 * @param perClass one entry per label, in {@code labels} order
 * @param confusion counts, rows the true label and columns the predicted one, in {@code labels}
 *     order; {@link #confusion()} returns a copy
 * @param chosen the parameters the grid search chose, or null when no search ran
 * @param grid every grid point with its cross-validated scores, empty when no search ran
 * @param notes remarks, such as labels the model does not know
 * @param calibration how good the predicted probabilities are, or null when the report was made from
 *     labels alone (reports written before ser4j measured it read back as null)
 */
public record EvaluationReport(String protocol, List<Emotion> labels, int n, double accuracy, double macroF1,
        List<ClassMetrics> perClass, int[][] confusion, SvmParameters chosen, List<GridPoint> grid,
        List<String> notes, Calibration calibration) {

    /**
     * Precision, recall and F1 of one label.
     *
     * <p>Thread-safety: immutable.
     *
     * @param label the label
     * @param precision correct predictions of the label over all its predictions (0 if never predicted)
     * @param recall correct predictions over the clips that have the label (0 if none)
     * @param f1 the harmonic mean of precision and recall (0 if both are 0)
     * @param support the number of clips that have the label
     */
    public record ClassMetrics(Emotion label, double precision, double recall, double f1, int support) {
    }

    /**
     * One grid point of a search and its cross-validated scores.
     *
     * <p>Thread-safety: immutable.
     *
     * @param parameters the parameters
     * @param meanAccuracy the mean of the fold accuracies
     * @param sdAccuracy the sample standard deviation of the fold accuracies
     * @param macroF1 the macro-F1 of the pooled out-of-fold predictions
     */
    public record GridPoint(SvmParameters parameters, double meanAccuracy, double sdAccuracy, double macroF1) {
    }

    /**
     * How good a set of predicted distributions is as probabilities, over {@code n} clips.
     *
     * <p>Thread-safety: immutable.
     *
     * @param meanConfidence the mean probability of the predicted (most probable) label
     * @param ece expected calibration error: the clips binned by confidence into {@value #ECE_BINS} equal-width
     *     bins of (0, 1], the mean over clips of |accuracy − mean confidence| of their bin; 0 is perfect
     * @param nll mean negative log-likelihood (natural log) of the true label, probabilities floored at 1e-15
     * @param brier mean over clips of the squared distance between the distribution and the one-hot truth,
     *     summed over labels (0 perfect, 2 worst)
     */
    public record ProbabilityScores(double meanConfidence, double ece, double nll, double brier) {

        /** The number of equal-width confidence bins of the expected calibration error. */
        public static final int ECE_BINS = 15;

        /**
         * Scores distributions against the truth.
         *
         * @param p one distribution per clip, over the labels {@code truth} indexes
         * @param truth the true label index of each clip
         */
        static ProbabilityScores of(double[][] p, int[] truth) {
            int n = p.length;
            if (n == 0 || n != truth.length) {
                throw new IllegalArgumentException("scoring probabilities needs distributions and labels of equal, "
                        + "non-zero count; got " + n + " and " + truth.length);
            }
            double conf = 0;
            double nll = 0;
            double brier = 0;
            int[] binCount = new int[ECE_BINS];
            double[] binConf = new double[ECE_BINS];
            int[] binRight = new int[ECE_BINS];
            for (int i = 0; i < n; i++) {
                int top = WekaSvm.argmax(p[i]);
                double c = p[i][top];
                conf += c;
                nll -= Math.log(Math.max(TemperatureScaling.PROBABILITY_FLOOR, p[i][truth[i]]));
                for (int k = 0; k < p[i].length; k++) {
                    double d = p[i][k] - (k == truth[i] ? 1 : 0);
                    brier += d * d;
                }
                // bin b holds confidences in (b/15, (b+1)/15]
                int b = Math.min(ECE_BINS - 1, Math.max(0, (int) Math.ceil(c * ECE_BINS) - 1));
                binCount[b]++;
                binConf[b] += c;
                if (top == truth[i]) {
                    binRight[b]++;
                }
            }
            double ece = 0;
            for (int b = 0; b < ECE_BINS; b++) {
                if (binCount[b] > 0) {
                    ece += Math.abs(binRight[b] - binConf[b]) / n; // = |B|/n · |acc(B) − conf(B)|
                }
            }
            return new ProbabilityScores(conf / n, ece, nll / n, brier / n);
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("meanConfidence", meanConfidence);
            m.put("ece", ece);
            m.put("nll", nll);
            m.put("brier", brier);
            return m;
        }

        static ProbabilityScores fromJson(Object o) {
            return o instanceof Map<?, ?> m
                    ? new ProbabilityScores(num(m, "meanConfidence"), num(m, "ece"), num(m, "nll"), num(m, "brier"))
                    : null;
        }
    }

    /**
     * The probability scores of a report's predictions before and after temperature scaling
     * ({@code p_i ∝ p_i^(1/T)}, which never changes the predicted label).
     *
     * <p>In a cross-validation report the temperature was fitted on these very out-of-fold predictions
     * (the one the trained model stores); {@code crossFitted} then scores each fold with a temperature
     * fitted on the other folds only, an estimate free of that fit's optimism. In a held-out report the
     * temperature is the model's own and {@code crossFitted} is null.
     *
     * <p>Thread-safety: immutable.
     *
     * @param temperature T, positive
     * @param uncalibrated the scores at T = 1 (the SVM's own logistic calibration)
     * @param calibrated the scores at T
     * @param crossFitted the scores with each fold's T fitted on the other folds, or null
     */
    public record Calibration(double temperature, ProbabilityScores uncalibrated, ProbabilityScores calibrated,
            ProbabilityScores crossFitted) {

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("temperature", temperature);
            m.put("uncalibrated", uncalibrated == null ? null : uncalibrated.toJson());
            m.put("calibrated", calibrated == null ? null : calibrated.toJson());
            m.put("crossFitted", crossFitted == null ? null : crossFitted.toJson());
            return m;
        }

        static Calibration fromJson(Object o) {
            return o instanceof Map<?, ?> m
                    ? new Calibration(num(m, "temperature"), ProbabilityScores.fromJson(m.get("uncalibrated")),
                            ProbabilityScores.fromJson(m.get("calibrated")), ProbabilityScores.fromJson(m.get("crossFitted")))
                    : null;
        }
    }

    /**
     * A report without probability scores.
     *
     * @param protocol how the numbers were obtained
     * @param labels the labels
     * @param n the number of scored clips
     * @param accuracy the accuracy
     * @param macroF1 the macro-F1
     * @param perClass per-label metrics
     * @param confusion the confusion matrix
     * @param chosen the chosen parameters, or null
     * @param grid the grid, or null
     * @param notes remarks, or null
     * @throws IllegalArgumentException as the canonical constructor
     */
    public EvaluationReport(String protocol, List<Emotion> labels, int n, double accuracy, double macroF1,
            List<ClassMetrics> perClass, int[][] confusion, SvmParameters chosen, List<GridPoint> grid,
            List<String> notes) {
        this(protocol, labels, n, accuracy, macroF1, perClass, confusion, chosen, grid, notes, null);
    }

    /**
     * Freezes the report.
     *
     * @throws IllegalArgumentException if the confusion matrix is not labels × labels
     * @param protocol the record component of the same name
     * @param labels the record component of the same name
     * @param n the record component of the same name
     * @param accuracy the record component of the same name
     * @param macroF1 the record component of the same name
     * @param perClass the record component of the same name
     * @param confusion the record component of the same name
     * @param chosen the record component of the same name
     * @param grid the record component of the same name
     * @param notes the record component of the same name
     * @param calibration the record component of the same name
     */
    public EvaluationReport {
        labels = List.copyOf(labels);
        perClass = List.copyOf(perClass);
        grid = grid == null ? List.of() : List.copyOf(grid);
        notes = notes == null ? List.of() : List.copyOf(notes);
        if (confusion.length != labels.size()) {
            throw new IllegalArgumentException("confusion matrix has " + confusion.length + " rows for " + labels.size() + " labels");
        }
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            if (confusion[i].length != labels.size()) {
                throw new IllegalArgumentException("confusion row " + i + " has " + confusion[i].length + " columns");
            }
            copy[i] = confusion[i].clone();
        }
        confusion = copy;
    }

    /**
     * The confusion matrix, rows true and columns predicted.
     *
     * @return a copy
     */
    @Override
    public int[][] confusion() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /**
     * Equal when every component is equal, the confusion matrix compared by content.
     *
     * @param o the other object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationReport r && java.util.Objects.equals(protocol, r.protocol) && labels.equals(r.labels)
                && n == r.n && Double.compare(accuracy, r.accuracy) == 0 && Double.compare(macroF1, r.macroF1) == 0
                && perClass.equals(r.perClass) && java.util.Arrays.deepEquals(confusion, r.confusion)
                && java.util.Objects.equals(chosen, r.chosen) && grid.equals(r.grid) && notes.equals(r.notes)
                && java.util.Objects.equals(calibration, r.calibration);
    }

    /**
     * A hash consistent with {@link #equals}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return java.util.Objects.hash(protocol, labels, n, accuracy, macroF1, perClass, chosen, grid, notes, calibration)
                * 31 + java.util.Arrays.deepHashCode(confusion);
    }

    /**
     * Scores predictions against the truth.
     *
     * @param protocol how they were obtained
     * @param labels the labels, indexes into which {@code truth} and {@code predicted} hold
     * @param truth the true label index of each clip
     * @param predicted the predicted label index of each clip
     * @param chosen the chosen parameters, or null
     * @param grid the grid, or null
     * @param notes remarks, or null
     * @return the report
     */
    static EvaluationReport score(String protocol, List<Emotion> labels, int[] truth, int[] predicted,
            SvmParameters chosen, List<GridPoint> grid, List<String> notes) {
        int k = labels.size();
        int[][] cm = new int[k][k];
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            cm[truth[i]][predicted[i]]++;
            if (truth[i] == predicted[i]) {
                right++;
            }
        }
        List<ClassMetrics> per = new ArrayList<>();
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            int support = 0;
            int predictedAs = 0;
            for (int j = 0; j < k; j++) {
                support += cm[c][j];
                predictedAs += cm[j][c];
            }
            double precision = predictedAs == 0 ? 0 : (double) cm[c][c] / predictedAs;
            double recall = support == 0 ? 0 : (double) cm[c][c] / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            per.add(new ClassMetrics(labels.get(c), precision, recall, f1, support));
            if (support > 0) {
                f1Sum += f1;
                present++;
            }
        }
        double acc = truth.length == 0 ? 0 : (double) right / truth.length;
        return new EvaluationReport(protocol, labels, truth.length, acc, present == 0 ? 0 : f1Sum / present,
                per, cm, chosen, grid, notes);
    }

    /**
     * The same report with probability scores.
     *
     * @param c the scores, or null
     * @return the copy
     */
    EvaluationReport withCalibration(Calibration c) {
        return new EvaluationReport(protocol, labels, n, accuracy, macroF1, perClass, confusion, chosen, grid, notes, c);
    }

    /**
     * The report as one JSON object with the keys {@code protocol}, {@code n}, {@code accuracy},
     * {@code macroF1}, {@code labels}, {@code perClass}, {@code confusion}, {@code chosen},
     * {@code grid}, {@code notes} and, when measured, {@code calibration} ({@code temperature} and the
     * {@code uncalibrated}, {@code calibrated} and {@code crossFitted} scores, each with
     * {@code meanConfidence}, {@code ece}, {@code nll} and {@code brier}).
     *
     * @return the JSON text, on one line
     */
    public String toJson() {
        return Json.write(toJsonMap());
    }

    /** Per-class metrics as JSON objects with {@code label}, {@code precision}, {@code recall}, {@code f1}, {@code support}. */
    static List<Object> perClassJson(List<ClassMetrics> perClass) {
        List<Object> per = new ArrayList<>();
        for (ClassMetrics c : perClass) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("label", c.label().word());
            cm.put("precision", c.precision());
            cm.put("recall", c.recall());
            cm.put("f1", c.f1());
            cm.put("support", c.support());
            per.add(cm);
        }
        return per;
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", protocol);
        m.put("n", n);
        m.put("accuracy", accuracy);
        m.put("macroF1", macroF1);
        List<String> words = new ArrayList<>();
        for (Emotion e : labels) {
            words.add(e.word());
        }
        m.put("labels", words);
        m.put("perClass", perClassJson(perClass));
        List<Object> rows = new ArrayList<>();
        for (int[] row : confusion) {
            rows.add(row);
        }
        m.put("confusion", rows);
        m.put("chosen", chosen == null ? null : chosen.toJson());
        List<Object> g = new ArrayList<>();
        for (GridPoint p : grid) {
            Map<String, Object> pm = p.parameters().toJson();
            pm.put("meanAccuracy", p.meanAccuracy());
            pm.put("sdAccuracy", p.sdAccuracy());
            pm.put("macroF1", p.macroF1());
            g.add(pm);
        }
        m.put("grid", g);
        m.put("notes", notes);
        if (calibration != null) {
            m.put("calibration", calibration.toJson());
        }
        return m;
    }

    static EvaluationReport fromJsonMap(Map<?, ?> m) {
        List<Emotion> labels = new ArrayList<>();
        for (Object w : (List<?>) m.get("labels")) {
            labels.add(Emotion.parse((String) w));
        }
        List<ClassMetrics> per = new ArrayList<>();
        for (Object o : (List<?>) m.get("perClass")) {
            Map<?, ?> c = (Map<?, ?>) o;
            per.add(new ClassMetrics(Emotion.parse((String) c.get("label")), num(c, "precision"), num(c, "recall"),
                    num(c, "f1"), (int) num(c, "support")));
        }
        List<?> rows = (List<?>) m.get("confusion");
        int[][] cm = new int[rows.size()][];
        for (int i = 0; i < cm.length; i++) {
            List<?> row = (List<?>) rows.get(i);
            cm[i] = new int[row.size()];
            for (int j = 0; j < cm[i].length; j++) {
                cm[i][j] = ((Number) row.get(j)).intValue();
            }
        }
        List<GridPoint> grid = new ArrayList<>();
        for (Object o : (List<?>) m.get("grid")) {
            Map<?, ?> p = (Map<?, ?>) o;
            grid.add(new GridPoint(SvmParameters.fromJson(p), num(p, "meanAccuracy"), num(p, "sdAccuracy"), num(p, "macroF1")));
        }
        List<String> notes = new ArrayList<>();
        for (Object o : (List<?>) m.get("notes")) {
            notes.add((String) o);
        }
        Object chosen = m.get("chosen");
        return new EvaluationReport((String) m.get("protocol"), labels, (int) num(m, "n"), num(m, "accuracy"),
                num(m, "macroF1"), per, cm, chosen == null ? null : SvmParameters.fromJson((Map<?, ?>) chosen), grid, notes,
                Calibration.fromJson(m.get("calibration"))); // absent in reports written before it
    }

    private static void scoreLine(StringBuilder sb, String name, ProbabilityScores s) {
        if (s != null) {
            sb.append(String.format(Locale.ROOT, "  %-34s %9.4f %7.4f %7.4f %7.4f%n", name, s.meanConfidence(), s.ece(),
                    s.nll(), s.brier()));
        }
    }

    private static double num(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v instanceof Number x ? x.doubleValue() : Double.NaN;
    }

    /**
     * The report as readable text: the headline numbers, the probability scores, the per-class table,
     * the confusion matrix and the grid.
     *
     * @return multi-line text
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: n=%d accuracy=%.4f macroF1=%.4f%n", protocol, n, accuracy, macroF1));
        if (chosen != null) {
            sb.append("chosen: ").append(chosen).append(System.lineSeparator());
        }
        if (calibration != null) {
            Calibration c = calibration;
            sb.append(String.format(Locale.ROOT, "probabilities (ECE over %d bins; NLL natural log; Brier 0..2):%n",
                    ProbabilityScores.ECE_BINS));
            sb.append(String.format(Locale.ROOT, "  %-34s %9s %7s %7s %7s%n", "", "mean conf", "ECE", "NLL", "Brier"));
            scoreLine(sb, "uncalibrated (T = 1)", c.uncalibrated());
            scoreLine(sb, String.format(Locale.ROOT, "temperature T = %.4f", c.temperature()), c.calibrated());
            if (c.crossFitted() != null) {
                scoreLine(sb, "T fitted on the other folds", c.crossFitted());
            }
        }
        sb.append(String.format(Locale.ROOT, "%-10s %9s %9s %9s %8s%n", "label", "precision", "recall", "f1", "support"));
        for (ClassMetrics c : perClass) {
            sb.append(String.format(Locale.ROOT, "%-10s %9.4f %9.4f %9.4f %8d%n", c.label().word(), c.precision(),
                    c.recall(), c.f1(), c.support()));
        }
        sb.append("confusion (rows true, columns predicted):").append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "%-10s", ""));
        for (Emotion e : labels) {
            sb.append(String.format(Locale.ROOT, " %5.5s", e.word()));
        }
        sb.append(System.lineSeparator());
        for (int i = 0; i < confusion.length; i++) {
            sb.append(String.format(Locale.ROOT, "%-10s", labels.get(i).word()));
            for (int v : confusion[i]) {
                sb.append(String.format(Locale.ROOT, " %5d", v));
            }
            sb.append(System.lineSeparator());
        }
        if (!grid.isEmpty()) {
            sb.append("grid (mean CV accuracy ± sd, pooled macro-F1):").append(System.lineSeparator());
            for (GridPoint p : grid) {
                sb.append(String.format(Locale.ROOT, "  %-28s %.4f ± %.4f  %.4f%s%n", p.parameters(), p.meanAccuracy(),
                        p.sdAccuracy(), p.macroF1(), p.parameters().equals(chosen) ? "  <- chosen" : ""));
            }
        }
        for (String note : notes) {
            sb.append("note: ").append(note).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
