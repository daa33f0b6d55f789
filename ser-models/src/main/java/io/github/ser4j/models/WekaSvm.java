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
