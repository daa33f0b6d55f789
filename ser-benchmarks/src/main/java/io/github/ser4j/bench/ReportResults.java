package io.github.ser4j.bench;

import io.github.ser4j.models.EvaluationReport;
import java.util.List;

/**
 * The numbers of one report run, as the summary and the plots read them.
 *
 * <p>Thread-safety: immutable after construction (arrays are not copied; nobody writes them).
 *
 * @param protocols the protocols, speaker-independent first
 * @param grid the grid search, or null when it did not run
 */
record ReportResults(List<Protocol> protocols, Grid grid) {

    /**
     * One cross-validation protocol and everything measured under it.
     *
     * @param key {@code grouped} or {@code stratified}
     * @param title a readable name, such as {@code speaker-grouped 5-fold}
     * @param folds the number of folds
     * @param testSizes clips in each test fold
     * @param testSpeakers distinct speakers in each test fold (0 when the data names none)
     * @param models the SVM first, then the baselines
     * @param curve the SVM's learning curve, smallest training set first
     */
    record Protocol(String key, String title, int folds, int[] testSizes, int[] testSpeakers, List<Model> models, List<CurvePoint> curve) {
    }

    /**
     * One model's cross-validated result.
     *
     * @param learner the model
     * @param foldAccuracy test accuracy of each fold
     * @param pooled scores of the pooled out-of-fold predictions
     */
    record Model(Learner learner, double[] foldAccuracy, EvaluationReport pooled) {

        double meanAccuracy() {
            return Stats.mean(foldAccuracy);
        }

        double sdAccuracy() {
            return Stats.sd(foldAccuracy);
        }
    }

    /**
     * One point of a learning curve: the SVM trained on a class-stratified fraction of each training
     * fold, scored on that subsample (train) and on the fold's whole test set (validation).
     *
     * @param fraction the fraction of each training fold
     * @param meanSize mean training-set size over folds
     * @param train training accuracy of each fold
     * @param validation validation accuracy of each fold
     */
    record CurvePoint(double fraction, double meanSize, double[] train, double[] validation) {
    }

    /**
     * A C × gamma grid of the SVM under one protocol.
     *
     * @param protocol the protocol title
     * @param c the C values (rows)
     * @param gamma the gamma values (columns)
     * @param meanAccuracy mean fold accuracy, [c][gamma]
     * @param sdAccuracy sample sd of the fold accuracies, [c][gamma]
     * @param dimension the feature dimension (to show gamma × d)
     */
    record Grid(String protocol, List<Double> c, List<Double> gamma, double[][] meanAccuracy, double[][] sdAccuracy,
            int dimension) {

        /** Index {c, gamma} of the best mean accuracy; ties keep the earlier point (C slowest), as the trainer does. */
        int[] best() {
            int[] b = {0, 0};
            for (int i = 0; i < c.size(); i++) {
                for (int j = 0; j < gamma.size(); j++) {
                    if (meanAccuracy[i][j] > meanAccuracy[b[0]][b[1]]) {
                        b = new int[] {i, j};
                    }
                }
            }
            return b;
        }
    }

    /** Mean, sample standard deviation and the one percent format of every table and figure. */
    static final class Stats {
        private Stats() {
        }

        /**
         * A fraction as a percentage with one decimal, ties to even on the shortest decimal form of the
         * value (so 0.5725 prints 57.2%, as the README and the trainer's text report round it).
         */
        static String pct(double fraction) {
            return pctNumber(fraction) + "%";
        }

        /** As {@link #pct} without the sign. */
        static String pctNumber(double fraction) {
            return java.math.BigDecimal.valueOf(fraction).movePointRight(2)
                    .setScale(1, java.math.RoundingMode.HALF_EVEN).toPlainString();
        }

        static double mean(double[] v) {
            double s = 0;
            for (double a : v) {
                s += a;
            }
            return s / v.length;
        }

        static double sd(double[] v) {
            if (v.length < 2) {
                return 0;
            }
            double m = mean(v);
            double ss = 0;
            for (double a : v) {
                ss += (a - m) * (a - m);
            }
            return Math.sqrt(ss / (v.length - 1));
        }
    }
}
