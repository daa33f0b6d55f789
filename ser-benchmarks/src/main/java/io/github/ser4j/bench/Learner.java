package io.github.ser4j.bench;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.models.Research;
import io.github.ser4j.models.SvmParameters;
import java.util.ArrayList;
import java.util.List;
import weka.classifiers.Classifier;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.MultilayerPerceptron;
import weka.classifiers.trees.RandomForest;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;

/**
 * One model of the report: fits on the training rows of a standardised matrix and predicts label
 * indices for other rows. The SVM is the trainer's own calibrated SMO; the baselines are Weka
 * classifiers with fixed, stated settings, built fresh for every fit (Weka classifiers keep state).
 *
 * <p>Thread-safety: immutable; {@link #fitPredict} may run concurrently (each call builds its own model).
 *
 * @param name the model's short name in tables and plots
 * @param settings its settings, stated in the summary
 * @param kind which algorithm
 * @param svm the SVM parameters (for {@link Kind#SVM} only)
 * @param seed the seed of randomised learners
 */
record Learner(String name, String settings, Kind kind, SvmParameters svm, long seed) {

    /** The algorithms. */
    enum Kind {
        SVM, MAJORITY, LOGISTIC, RANDOM_FOREST, MLP
    }

    /** Logistic regression ridge, iteration cap; forest size; MLP hidden units, epochs, rate, momentum. */
    static final double RIDGE = 1.0;
    static final int LOGISTIC_MAX_ITERATIONS = 100;
    static final int TREES = 150;
    static final int HIDDEN = 16;
    static final int EPOCHS = 100;
    static final double LEARNING_RATE = 0.1;
    static final double MOMENTUM = 0.2;

    static Learner svm(SvmParameters p) {
        return new Learner("SVM (SMO)", p + ", pairwise (one-vs-one) with logistic calibration models, as the trainer builds it", Kind.SVM, p, 0);
    }

    /** The four baselines, in report order. */
    static List<Learner> baselines(long seed) {
        return List.of(
                new Learner("majority class", "predicts the most frequent label of the training fold", Kind.MAJORITY, null, seed),
                new Learner("Logistic", "Weka Logistic (multinomial), ridge " + RIDGE + ", at most "
                        + LOGISTIC_MAX_ITERATIONS + " conjugate-gradient iterations", Kind.LOGISTIC, null, seed),
                new Learner("RandomForest", "Weka RandomForest, " + TREES + " trees, sqrt(d)+1 features a split (Weka's "
                        + "default log2(d)+1 replaced), unlimited depth, seed " + seed, Kind.RANDOM_FOREST, null, seed),
                new Learner("MLP", "Weka MultilayerPerceptron, one hidden layer of " + HIDDEN + " sigmoid units, "
                        + EPOCHS + " epochs, learning rate " + LEARNING_RATE + ", momentum " + MOMENTUM
                        + ", no validation stop, seed " + seed, Kind.MLP, null, seed));
    }

    /**
     * Fits on {@code train} and predicts every row set in {@code predict}.
     *
     * @param z standardised rows (statistics from the training rows only)
     * @param y label index of each row
     * @param labels the labels
     * @param train rows to fit on
     * @param predict row sets to predict
     * @return predicted label indices, one array per row set
     */
    int[][] fitPredict(double[][] z, int[] y, List<Emotion> labels, int[] train, int[]... predict) {
        switch (kind) {
            case SVM:
                return Research.svmFitPredict(z, y, labels, svm, train, predict);
            case MAJORITY:
                return majority(y, labels.size(), train, predict);
            default:
                return weka(z, y, labels, train, predict);
        }
    }

    private static int[][] majority(int[] y, int k, int[] train, int[][] predict) {
        int[] count = new int[k];
        for (int i : train) {
            count[y[i]]++;
        }
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (count[c] > count[best]) { // ties keep the earlier label
                best = c;
            }
        }
        int[][] out = new int[predict.length][];
        for (int s = 0; s < predict.length; s++) {
            out[s] = new int[predict[s].length];
            java.util.Arrays.fill(out[s], best);
        }
        return out;
    }

    private Classifier newClassifier(int d) {
        switch (kind) {
            case LOGISTIC: {
                Logistic l = new Logistic();
                l.setRidge(RIDGE);
                l.setMaxIts(LOGISTIC_MAX_ITERATIONS);
                l.setUseConjugateGradientDescent(true); // BFGS keeps a dense Hessian of ~4k x 4k parameters: minutes a fold
                l.setDoNotStandardizeAttributes(true); // already standardised on the training fold
                return l;
            }
            case RANDOM_FOREST: {
                RandomForest rf = new RandomForest();
                rf.setNumIterations(TREES);
                rf.setNumFeatures((int) Math.sqrt(d) + 1);
                rf.setNumExecutionSlots(1); // the report parallelises over folds and models
                rf.setSeed((int) seed);
                return rf;
            }
            case MLP: {
                MultilayerPerceptron m = new MultilayerPerceptron();
                m.setHiddenLayers(Integer.toString(HIDDEN));
                m.setTrainingTime(EPOCHS);
                m.setLearningRate(LEARNING_RATE);
                m.setMomentum(MOMENTUM);
                m.setNormalizeAttributes(false); // already standardised on the training fold
                m.setValidationSetSize(0);
                m.setSeed((int) seed);
                return m;
            }
            default:
                throw new IllegalStateException("not a Weka learner: " + kind);
        }
    }

    private int[][] weka(double[][] z, int[] y, List<Emotion> labels, int[] train, int[][] predict) {
        int d = z[0].length;
        Instances header = header(d, labels);
        Instances data = new Instances(header, train.length);
        for (int i : train) {
            double[] v = java.util.Arrays.copyOf(z[i], d + 1);
            v[d] = y[i];
            data.add(new DenseInstance(1.0, v));
        }
        Classifier c = newClassifier(d);
        try {
            c.buildClassifier(data);
        } catch (Exception e) {
            throw new IllegalStateException(name + " training failed: " + e, e);
        }
        int[][] out = new int[predict.length][];
        for (int s = 0; s < predict.length; s++) {
            out[s] = new int[predict[s].length];
            for (int i = 0; i < predict[s].length; i++) {
                double[] v = java.util.Arrays.copyOf(z[predict[s][i]], d + 1);
                v[d] = weka.core.Utils.missingValue();
                Instance inst = new DenseInstance(1.0, v);
                inst.setDataset(header);
                try {
                    out[s][i] = argmax(c.distributionForInstance(inst));
                } catch (Exception e) {
                    throw new IllegalStateException(name + " prediction failed: " + e, e);
                }
            }
        }
        return out;
    }

    private static Instances header(int d, List<Emotion> labels) {
        ArrayList<Attribute> atts = new ArrayList<>(d + 1);
        for (int j = 0; j < d; j++) {
            atts.add(new Attribute("f" + j));
        }
        List<String> words = new ArrayList<>();
        for (Emotion e : labels) {
            words.add(e.word());
        }
        atts.add(new Attribute("emotion", words));
        Instances h = new Instances("ser4j-report", atts, 0);
        h.setClassIndex(d);
        return h;
    }

    /** The index of the largest value, the first on ties. */
    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
