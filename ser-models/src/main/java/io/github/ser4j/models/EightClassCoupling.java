package io.github.ser4j.models;

/**
 * {@link SupportVectorMachine}'s pairwise coupling for eight classes (the RAVDESS label set of the shipped
 * models), unrolled: the same additions, products and quotients as Weka's
 * {@code MultiClassClassifier.pairwiseCoupling} (and the generic loop in {@code SupportVectorMachine}), in the
 * same order per value, so the same doubles round for round, but on 8 + 28 local variables the JIT keeps in
 * registers instead of arrays. Own code for speed: the coupling runs until no probability moves by more than
 * 1e-3, often 1,000-1,800 rounds for one prediction, and this form takes a round in about 70 ns instead of
 * about 120 ns, close to what its 44 divisions cost. {@code SupportVectorMachineTest} asserts it equals the
 * generic loop bit for bit. Written out by a script from the generic loop: pair (i, j), i &lt; j, is
 * {@code uIJ}; class k's second sum adds its pairs in Weka's order (first as the j of (i, k), i ascending,
 * then as the i of (k, j), j ascending).
 *
 * <p>Thread-safety: stateless.
 */
final class EightClassCoupling {

    /** The number of classes this coupling is written for. */
    static final int CLASSES = 8;

    private EightClassCoupling() {
    }

    /**
     * The coupled distribution.
     *
     * @param w the 28 pair weights, pairs (i, j), i &lt; j, row by row
     * @param firstSum per class, Weka's first sum: Σ w r over the pairs the class is first in, Σ w (1 − r) over
     *     the others, added in Weka's order
     * @param maxRounds the rounds after which to give up
     * @return the eight probabilities
     * @throws IllegalStateException if the rounds run out or the mass vanishes
     */
    static double[] couple(double[] w, double[] firstSum, int maxRounds) {
        final double w01 = w[0];
        final double w02 = w[1];
        final double w03 = w[2];
        final double w04 = w[3];
        final double w05 = w[4];
        final double w06 = w[5];
        final double w07 = w[6];
        final double w12 = w[7];
        final double w13 = w[8];
        final double w14 = w[9];
        final double w15 = w[10];
        final double w16 = w[11];
        final double w17 = w[12];
        final double w23 = w[13];
        final double w24 = w[14];
        final double w25 = w[15];
        final double w26 = w[16];
        final double w27 = w[17];
        final double w34 = w[18];
        final double w35 = w[19];
        final double w36 = w[20];
        final double w37 = w[21];
        final double w45 = w[22];
        final double w46 = w[23];
        final double w47 = w[24];
        final double w56 = w[25];
        final double w57 = w[26];
        final double w67 = w[27];
        final double f0 = firstSum[0];
        final double f1 = firstSum[1];
        final double f2 = firstSum[2];
        final double f3 = firstSum[3];
        final double f4 = firstSum[4];
        final double f5 = firstSum[5];
        final double f6 = firstSum[6];
        final double f7 = firstSum[7];
        double p0 = 1.0 / CLASSES;
        double p1 = 1.0 / CLASSES;
        double p2 = 1.0 / CLASSES;
        double p3 = 1.0 / CLASSES;
        double p4 = 1.0 / CLASSES;
        double p5 = 1.0 / CLASSES;
        double p6 = 1.0 / CLASSES;
        double p7 = 1.0 / CLASSES;
        double u01 = 0.5;
        double u02 = 0.5;
        double u03 = 0.5;
        double u04 = 0.5;
        double u05 = 0.5;
        double u06 = 0.5;
        double u07 = 0.5;
        double u12 = 0.5;
        double u13 = 0.5;
        double u14 = 0.5;
        double u15 = 0.5;
        double u16 = 0.5;
        double u17 = 0.5;
        double u23 = 0.5;
        double u24 = 0.5;
        double u25 = 0.5;
        double u26 = 0.5;
        double u27 = 0.5;
        double u34 = 0.5;
        double u35 = 0.5;
        double u36 = 0.5;
        double u37 = 0.5;
        double u45 = 0.5;
        double u46 = 0.5;
        double u47 = 0.5;
        double u56 = 0.5;
        double u57 = 0.5;
        double u67 = 0.5;
        for (int round = 0; round < maxRounds; round++) {
            double s0 = 0.0 + w01 * u01 + w02 * u02 + w03 * u03 + w04 * u04 + w05 * u05 + w06 * u06 + w07 * u07;
            double s1 = 0.0 + w01 * (1 - u01) + w12 * u12 + w13 * u13 + w14 * u14 + w15 * u15 + w16 * u16 + w17 * u17;
            double s2 = 0.0 + w02 * (1 - u02) + w12 * (1 - u12) + w23 * u23 + w24 * u24 + w25 * u25 + w26 * u26
                    + w27 * u27;
            double s3 = 0.0 + w03 * (1 - u03) + w13 * (1 - u13) + w23 * (1 - u23) + w34 * u34 + w35 * u35 + w36 * u36
                    + w37 * u37;
            double s4 = 0.0 + w04 * (1 - u04) + w14 * (1 - u14) + w24 * (1 - u24) + w34 * (1 - u34) + w45 * u45
                    + w46 * u46 + w47 * u47;
            double s5 = 0.0 + w05 * (1 - u05) + w15 * (1 - u15) + w25 * (1 - u25) + w35 * (1 - u35) + w45 * (1 - u45)
                    + w56 * u56 + w57 * u57;
            double s6 = 0.0 + w06 * (1 - u06) + w16 * (1 - u16) + w26 * (1 - u26) + w36 * (1 - u36) + w46 * (1 - u46)
                    + w56 * (1 - u56) + w67 * u67;
            double s7 = 0.0 + w07 * (1 - u07) + w17 * (1 - u17) + w27 * (1 - u27) + w37 * (1 - u37) + w47 * (1 - u47)
                    + w57 * (1 - u57) + w67 * (1 - u67);
            boolean changed = false;
            double n0 = 0;
            if (f0 == 0 || s0 == 0) {
                changed |= p0 > 0;
            } else {
                n0 = p0 * (f0 / s0);
                changed |= Math.abs(p0 - n0) > 1.0e-3;
            }
            double n1 = 0;
            if (f1 == 0 || s1 == 0) {
                changed |= p1 > 0;
            } else {
                n1 = p1 * (f1 / s1);
                changed |= Math.abs(p1 - n1) > 1.0e-3;
            }
            double n2 = 0;
            if (f2 == 0 || s2 == 0) {
                changed |= p2 > 0;
            } else {
                n2 = p2 * (f2 / s2);
                changed |= Math.abs(p2 - n2) > 1.0e-3;
            }
            double n3 = 0;
            if (f3 == 0 || s3 == 0) {
                changed |= p3 > 0;
            } else {
                n3 = p3 * (f3 / s3);
                changed |= Math.abs(p3 - n3) > 1.0e-3;
            }
            double n4 = 0;
            if (f4 == 0 || s4 == 0) {
                changed |= p4 > 0;
            } else {
                n4 = p4 * (f4 / s4);
                changed |= Math.abs(p4 - n4) > 1.0e-3;
            }
            double n5 = 0;
            if (f5 == 0 || s5 == 0) {
                changed |= p5 > 0;
            } else {
                n5 = p5 * (f5 / s5);
                changed |= Math.abs(p5 - n5) > 1.0e-3;
            }
            double n6 = 0;
            if (f6 == 0 || s6 == 0) {
                changed |= p6 > 0;
            } else {
                n6 = p6 * (f6 / s6);
                changed |= Math.abs(p6 - n6) > 1.0e-3;
            }
            double n7 = 0;
            if (f7 == 0 || s7 == 0) {
                changed |= p7 > 0;
            } else {
                n7 = p7 * (f7 / s7);
                changed |= Math.abs(p7 - n7) > 1.0e-3;
            }
            double sum = 0;
            sum += n0;
            sum += n1;
            sum += n2;
            sum += n3;
            sum += n4;
            sum += n5;
            sum += n6;
            sum += n7;
            if (Double.isNaN(sum) || sum == 0) {
                throw new IllegalStateException("pairwise coupling gave no probability mass");
            }
            p0 = n0 / sum;
            p1 = n1 / sum;
            p2 = n2 / sum;
            p3 = n3 / sum;
            p4 = n4 / sum;
            p5 = n5 / sum;
            p6 = n6 / sum;
            p7 = n7 / sum;
            u01 = p0 / (p0 + p1);
            u02 = p0 / (p0 + p2);
            u03 = p0 / (p0 + p3);
            u04 = p0 / (p0 + p4);
            u05 = p0 / (p0 + p5);
            u06 = p0 / (p0 + p6);
            u07 = p0 / (p0 + p7);
            u12 = p1 / (p1 + p2);
            u13 = p1 / (p1 + p3);
            u14 = p1 / (p1 + p4);
            u15 = p1 / (p1 + p5);
            u16 = p1 / (p1 + p6);
            u17 = p1 / (p1 + p7);
            u23 = p2 / (p2 + p3);
            u24 = p2 / (p2 + p4);
            u25 = p2 / (p2 + p5);
            u26 = p2 / (p2 + p6);
            u27 = p2 / (p2 + p7);
            u34 = p3 / (p3 + p4);
            u35 = p3 / (p3 + p5);
            u36 = p3 / (p3 + p6);
            u37 = p3 / (p3 + p7);
            u45 = p4 / (p4 + p5);
            u46 = p4 / (p4 + p6);
            u47 = p4 / (p4 + p7);
            u56 = p5 / (p5 + p6);
            u57 = p5 / (p5 + p7);
            u67 = p6 / (p6 + p7);
            if (!changed) {
                return new double[] {p0, p1, p2, p3, p4, p5, p6, p7};
            }
        }
        throw new IllegalStateException("pairwise coupling did not converge in " + maxRounds + " iterations");
    }
}
