package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import weka.classifiers.functions.SMO;
import weka.classifiers.functions.supportVector.Kernel;
import weka.classifiers.functions.supportVector.PolyKernel;
import weka.classifiers.functions.supportVector.RBFKernel;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SelectedTag;

/**
 * Everything that touches Weka: building the data set, training {@link SMO}, scoring, and turning
 * a trained model into bytes and back. Inputs are already standardised, so SMO runs with no filter.
 */
final class WekaSvm {

    private WekaSvm() {
    }

    /** A header with numeric attributes f0..f(d-1) and a nominal class over {@code labels}. */
    static Instances header(int dimension, List<Emotion> labels) {
        ArrayList<Attribute> atts = new ArrayList<>(dimension + 1);
        for (int i = 0; i < dimension; i++) {
            atts.add(new Attribute("f" + i));
        }
        List<String> words = new ArrayList<>();
        for (Emotion e : labels) {
            words.add(e.word());
        }
        atts.add(new Attribute("emotion", words));
        Instances h = new Instances("ser4j", atts, 0);
        h.setClassIndex(dimension);
        return h;
    }

    /**
     * Trains a calibrated SMO.
     *
     * @param x standardised rows
     * @param y class index of each row into {@code labels}
     */
    static SMO train(double[][] x, int[] y, List<Emotion> labels, SvmParameters p) {
        int d = x[0].length;
        Instances data = header(d, labels);
        for (int i = 0; i < x.length; i++) {
            double[] v = new double[d + 1];
            System.arraycopy(x[i], 0, v, 0, d);
            v[d] = y[i];
            data.add(new DenseInstance(1.0, v));
        }
        SMO smo = new SMO();
        smo.setC(p.c());
        smo.setFilterType(new SelectedTag(SMO.FILTER_NONE, SMO.TAGS_FILTER));
        smo.setBuildCalibrationModels(true);
        smo.setRandomSeed(1);
        smo.turnChecksOff(); // our rows are finite and complete; skips Weka's ReplaceMissingValues
        Kernel k;
        if (p.kernel() == SvmParameters.Kernel.RBF) {
            RBFKernel rbf = new RBFKernel();
            rbf.setGamma(p.gamma());
            k = rbf;
        } else {
            PolyKernel poly = new PolyKernel();
            poly.setExponent(p.exponent());
            k = poly;
        }
        smo.setKernel(k);
        try {
            smo.buildClassifier(data);
        } catch (Exception e) {
            throw new IllegalStateException("Weka SMO training failed for " + p + ": " + e, e);
        }
        return smo;
    }

    /** The class distribution of one standardised row; {@code header} must belong to the caller's thread. */
    static double[] distribution(SMO smo, Instances header, double[] row) {
        double[] v = new double[row.length + 1];
        System.arraycopy(row, 0, v, 0, row.length);
        v[row.length] = weka.core.Utils.missingValue();
        Instance inst = new DenseInstance(1.0, v);
        inst.setDataset(header);
        try {
            return smo.distributionForInstance(inst);
        } catch (Exception e) {
            throw new IllegalStateException("Weka SMO prediction failed: " + e, e);
        }
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The largest difference of any class probability between Weka's SMO and ser4j's evaluator of it, over
     * every training row the SMO keeps (what {@code convert} and {@code train} check before they write).
     *
     * @return {@code {rows, largest difference}}
     */
    static double[] largestDifference(SMO smo, SupportVectorMachine svm, List<Emotion> labels) {
        List<double[]> rows = trainingRows(smo);
        Instances header = header(svm.dimension(), labels);
        double worst = 0;
        for (double[] row : rows) {
            double[] weka = distribution(smo, header, row);
            double[] ours = svm.distribution(row);
            for (int c = 0; c < weka.length; c++) {
                worst = Math.max(worst, Math.abs(weka[c] - ours[c]));
            }
        }
        return new double[] {rows.size(), worst};
    }

    /**
     * Exports a trained SMO into ser4j's own arrays (see {@link SupportVectorMachine} for what Weka computes
     * with them). Reads Weka's fields by reflection: {@code BinarySMO} keeps its support vectors, their
     * multipliers and its calibration model in protected fields with no accessor.
     *
     * @throws IllegalArgumentException if the SMO is of a kind ser4j does not train (a filter, no calibration
     *     models, another kernel or calibrator), so the arrays could not reproduce it
     */
    static SupportVectorMachine export(SMO smo) {
        try {
            if (get(smo, SMO.class, "m_Filter") != null || get(smo, SMO.class, "m_NominalToBinary") != null) {
                throw new IllegalArgumentException("the SMO filters its input; ser4j trains it on standardised rows with no filter");
            }
            if (!(Boolean) get(smo, SMO.class, "m_fitCalibratorModels")) {
                throw new IllegalArgumentException("the SMO has no calibration models");
            }
            boolean linear = (Boolean) get(smo, SMO.class, "m_KernelIsLinear");
            Kernel k = smo.getKernel();
            SupportVectorMachine.Kernel kind;
            double gamma = 0;
            double exponent = 0;
            boolean lowerOrder = false;
            if (k.getClass() == RBFKernel.class) {
                kind = SupportVectorMachine.Kernel.RBF;
                gamma = ((RBFKernel) k).getGamma();
            } else if (k.getClass() == PolyKernel.class) {
                kind = SupportVectorMachine.Kernel.POLYNOMIAL;
                exponent = ((PolyKernel) k).getExponent();
                lowerOrder = ((PolyKernel) k).getUseLowerOrder();
            } else {
                throw new IllegalArgumentException("the SMO's kernel is a " + k.getClass().getName()
                        + "; ser4j exports RBF and polynomial kernels");
            }
            Object[][] machines = (Object[][]) get(smo, SMO.class, "m_classifiers");
            int classes = smo.numClassAttributeValues();
            // ser4j's header puts the class attribute last, after the d features
            int dimension = (Integer) get(smo, SMO.class, "m_classIndex");
            java.util.Map<java.nio.ByteBuffer, Integer> ids = new java.util.HashMap<>();
            List<double[]> vectors = new ArrayList<>();
            int pairs = SupportVectorMachine.pairs(classes);
            int[] start = new int[pairs + 1];
            List<Integer> index = new ArrayList<>();
            List<Double> coef = new ArrayList<>();
            double[] bias = new double[pairs];
            double[] weight = new double[pairs];
            double[] intercept = new double[pairs];
            double[] slope = new double[pairs];
            for (int i = 0, p = 0; i < classes; i++) {
                for (int j = i + 1; j < classes; j++, p++) {
                    Object m = machines[i][j];
                    Class<?> b = m.getClass();
                    double[] alpha = (double[]) get(m, b, "m_alpha");
                    double[] sparseWeights = (double[]) get(m, b, "m_sparseWeights");
                    start[p] = index.size();
                    if (alpha == null && sparseWeights == null) {
                        start[p + 1] = index.size(); // Weka skips the pair: no terms and weight 0 do the same
                        continue;
                    }
                    bias[p] = (Double) get(m, b, "m_b");
                    weight[p] = (Double) get(m, b, "m_sumOfWeights");
                    if (linear) {
                        int[] sparseIndices = (int[]) get(m, b, "m_sparseIndices");
                        double[] w = new double[dimension];
                        for (int q = 0; q < sparseWeights.length; q++) {
                            if (sparseIndices[q] < dimension) { // the class attribute never counts
                                w[sparseIndices[q]] = sparseWeights[q];
                            }
                        }
                        vectors.add(w); // a weight vector is never shared: Weka sums w·x in index order, as dot(x, w) does
                        index.add(vectors.size() - 1);
                        coef.add(1.0);
                    } else {
                        double[] cls = (double[]) get(m, b, "m_class");
                        Instances data = (Instances) get(m, b, "m_data");
                        if (data.classIndex() != dimension || data.numAttributes() != dimension + 1) {
                            throw new IllegalArgumentException("the SMO's class attribute is not its last");
                        }
                        weka.classifiers.functions.supportVector.SMOset set =
                                (weka.classifiers.functions.supportVector.SMOset) get(m, b, "m_supportVectors");
                        for (int s = set.getNext(-1); s != -1; s = set.getNext(s)) {
                            double[] v = new double[dimension];
                            Instance inst = data.instance(s);
                            for (int a = 0; a < dimension; a++) {
                                v[a] = inst.value(a);
                            }
                            java.nio.ByteBuffer key = java.nio.ByteBuffer.allocate(dimension * 8);
                            key.asDoubleBuffer().put(v);
                            Integer id = ids.get(key);
                            if (id == null) {
                                id = vectors.size();
                                ids.put(key, id);
                                vectors.add(v);
                            }
                            index.add(id);
                            coef.add(cls[s] * alpha[s]);
                        }
                    }
                    start[p + 1] = index.size();
                    double[][] par = ((weka.classifiers.functions.Logistic) get(m, b, "m_calibrator")).coefficients();
                    intercept[p] = par[0][0];
                    slope[p] = par.length > 1 ? par[1][0] : 0; // Logistic drops a constant SVM output (RemoveUseless)
                }
            }
            double[] flat = new double[vectors.size() * dimension];
            for (int s = 0; s < vectors.size(); s++) {
                System.arraycopy(vectors.get(s), 0, flat, s * dimension, dimension);
            }
            int[] idx = new int[index.size()];
            double[] c = new double[coef.size()];
            for (int t = 0; t < idx.length; t++) {
                idx[t] = index.get(t);
                c[t] = coef.get(t);
            }
            return new SupportVectorMachine(kind, gamma, exponent, lowerOrder, dimension, classes, flat, start, idx, c,
                    bias, weight, intercept, slope);
        } catch (ReflectiveOperationException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("cannot export the Weka SMO: " + e, e);
        }
    }

    /**
     * The distinct rows an SMO was trained on (every pair keeps its training data), in first-seen order: real,
     * standardised feature rows to compare Weka's predictions with the exported model's. Empty for a linear SMO,
     * which drops its data.
     */
    static List<double[]> trainingRows(SMO smo) {
        try {
            Object[][] machines = (Object[][]) get(smo, SMO.class, "m_classifiers");
            int d = (Integer) get(smo, SMO.class, "m_classIndex");
            java.util.Map<java.nio.ByteBuffer, double[]> rows = new java.util.LinkedHashMap<>();
            for (Object[] row : machines) {
                for (Object m : row) {
                    Instances data = m == null ? null : (Instances) get(m, m.getClass(), "m_data");
                    for (int i = 0; data != null && i < data.numInstances(); i++) {
                        double[] v = java.util.Arrays.copyOf(data.instance(i).toDoubleArray(), d);
                        java.nio.ByteBuffer key = java.nio.ByteBuffer.allocate(d * 8);
                        key.asDoubleBuffer().put(v);
                        rows.putIfAbsent(key, v);
                    }
                }
            }
            return new ArrayList<>(rows.values());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot read the Weka SMO's training rows: " + e, e);
        }
    }

    private static Object get(Object o, Class<?> c, String field) throws ReflectiveOperationException {
        java.lang.reflect.Field f = c.getDeclaredField(field);
        f.setAccessible(true);
        return f.get(o);
    }

    static byte[] toBytes(SMO smo) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(smo);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the Weka model: " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads an SMO back, allowing only the classes of {@link ModelObjectFilter}.
     *
     * @param what names the source in messages
     * @throws IOException if a class outside the allow-list or a limit is hit, or the bytes are corrupt
     */
    static SMO fromBytes(byte[] bytes, String what) throws IOException {
        ModelObjectFilter filter = new ModelObjectFilter(bytes.length);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(filter);
            Object o = in.readObject();
            if (!(o instanceof SMO smo)) {
                throw new IOException(what + ": the Weka model part holds a "
                        + (o == null ? "null" : o.getClass().getName()) + ", not an SMO");
            }
            return smo;
        } catch (InvalidClassException e) {
            String why = filter.rejection();
            throw new IOException(what + ": refused to load the Weka model: "
                    + (why != null ? why : e.getMessage()), e);
        } catch (ClassNotFoundException e) {
            throw new IOException(what + ": the Weka model needs a missing class " + e.getMessage(), e);
        } catch (IOException e) {
            String why = filter.rejection();
            throw new IOException(what + ": the Weka model part is corrupt: "
                    + (why != null ? why : e.toString()), e);
        } catch (RuntimeException e) {
            throw new IOException(what + ": the Weka model part is corrupt: " + e, e);
        }
    }
}
