package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.EmotionClassifier;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evaluator's fast paths against its plain ones: the unrolled eight-class coupling against Weka's loops,
 * bit for bit, and the by-feature layout of the support vectors against the vectors it was given. (Equality
 * with Weka itself is {@link WekaParityTest}'s.)
 */
class SupportVectorMachineTest {

    private static SupportVectorMachine shipped() throws Exception {
        return ((SmoEmotionClassifier) EmotionClassifier.load()).svm();
    }

    @Test
    void eightClassCouplingEqualsWekasLoopsBitForBit() throws Exception {
        SupportVectorMachine svm = shipped();
        assertEquals(8, svm.classes());
        Random random = new Random(7);
        int checked = 0;
        // pairwise probabilities of rows the model sees (standardised features near and far from the data)
        for (int n = 0; n < 300; n++) {
            double[] x = new double[svm.dimension()];
            double scale = n % 3 == 0 ? 0.5 : n % 3 == 1 ? 1 : 3;
            for (int j = 0; j < x.length; j++) {
                x[j] = scale * random.nextGaussian();
            }
            double[] z = svm.pairLogits(x);
            double[] r = new double[z.length];
            for (int p = 0; p < r.length; p++) {
                r[p] = 1 / (1 + Math.exp(-z[p]));
            }
            checked += assertSameCoupling(svm, r);
        }
        // arbitrary pairwise probabilities, including certain ones (0 and 1 make first sums vanish)
        for (int n = 0; n < 300; n++) {
            double[] r = new double[28];
            for (int p = 0; p < r.length; p++) {
                r[p] = n % 4 == 0 && random.nextInt(5) == 0 ? random.nextInt(2) : random.nextDouble();
            }
            checked += assertSameCoupling(svm, r);
        }
        assertEquals(600, checked);
    }

    private static int assertSameCoupling(SupportVectorMachine svm, double[] r) {
        double[] firstSum = svm.firstSums(r);
        double[] fast = svm.couple(r);
        double[] loops = svm.coupleWithLoops(firstSum);
        assertArrayEquals(loops, fast, 0.0, () -> "r = " + Arrays.toString(r));
        for (int i = 0; i < fast.length; i++) {
            assertEquals(Double.doubleToLongBits(loops[i]), Double.doubleToLongBits(fast[i]), "class " + i);
        }
        assertEquals(1.0, Arrays.stream(fast).sum(), 1e-12);
        return 1;
    }

    @Test
    void eightClassCouplingGivesUpAfterItsRounds() throws Exception {
        double[] r = new double[28];
        Arrays.fill(r, 0.9);
        double[] firstSum = shipped().firstSums(r);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EightClassCoupling.couple(shipped().pairWeight(), firstSum, 1));
        assertTrue(e.getMessage().contains("did not converge in 1 iterations"), e.getMessage());
    }

    /** Vectors of doubles (stored as doubles) and of float values (stored as floats): both paths. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void vectorsComeBackAsGivenFromTheByFeatureLayout(boolean floatValues) {
        Random random = new Random(3);
        int dimension = 7;
        int count = 5;
        double[] vectors = new double[dimension * count];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = floatValues ? (float) random.nextGaussian() : random.nextGaussian();
        }
        double[] given = vectors.clone();
        SupportVectorMachine svm = new SupportVectorMachine(SupportVectorMachine.Kernel.POLYNOMIAL, 0, 1.0, false,
                dimension, 2, vectors, new int[] {0, count}, new int[] {0, 1, 2, 3, 4}, new double[] {1, 1, 1, 1, 1},
                new double[] {0}, new double[] {1}, new double[] {0}, new double[] {1}, true);
        // asked for floats, it holds floats only when every value is one
        assertEquals(floatValues, svm.vectorsAsFloats());
        assertArrayEquals(given, svm.vectors(), 0.0);
        // the linear machine's output is the sum of the five dot products: check it against a plain sum
        double[] x = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            x[j] = random.nextGaussian();
        }
        double f = 0;
        for (int s = 0; s < count; s++) {
            double dot = 0;
            for (int j = 0; j < dimension; j++) {
                dot += x[j] * given[s * dimension + j];
            }
            f += dot;
        }
        assertEquals(f, svm.pairLogits(x)[0], 0.0);
    }

    /** The shipped model with its vectors held as floats and as doubles: the same bits for every row. */
    @Test
    void floatAndDoubleStorageGiveTheSameBits() throws Exception {
        SupportVectorMachine m = shipped();
        SupportVectorMachine[] both = new SupportVectorMachine[2];
        for (int k = 0; k < 2; k++) {
            both[k] = new SupportVectorMachine(m.kernel(), m.gamma(), m.exponent(), m.lowerOrder(), m.dimension(),
                    m.classes(), m.vectors(), m.start(), m.vectorIndex(), m.coefficient(), m.bias(), m.pairWeight(),
                    m.calibrationIntercept(), m.calibrationSlope(), k == 1);
        }
        assertEquals(false, both[0].vectorsAsFloats());
        assertEquals(true, both[1].vectorsAsFloats(), "the shipped model's vectors are float values");
        assertEquals(both[0], both[1]);
        Random random = new Random(11);
        for (int n = 0; n < 200; n++) {
            double[] x = new double[m.dimension()];
            double scale = n % 2 == 0 ? 1 : 3;
            for (int j = 0; j < x.length; j++) {
                x[j] = scale * random.nextGaussian();
            }
            double[] a = both[0].distribution(x);
            double[] b = both[1].distribution(x);
            for (int i = 0; i < a.length; i++) {
                assertEquals(Double.doubleToLongBits(a[i]), Double.doubleToLongBits(b[i]), "row " + n + ", class " + i);
            }
        }
    }

    @Test
    void vectorStorageFollowsTheJavaVersionUnlessThePropertySaysOtherwise() {
        assertEquals(false, SupportVectorMachine.floatVectors(null, 17));
        assertEquals(true, SupportVectorMachine.floatVectors(null, 21));
        assertEquals(true, SupportVectorMachine.floatVectors(" float ", 17));
        assertEquals(false, SupportVectorMachine.floatVectors("double", 25));
        assertEquals(false, SupportVectorMachine.floatVectors("", 17));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SupportVectorMachine.floatVectors("half", 21));
        assertEquals("ser4j.svm.vectors must be float or double, got 'half'", e.getMessage());
    }
}
