package io.github.ser4j.features;

/**
 * librosa's {@code filters.mel} (Slaney mel scale, {@code htk=False}, {@code norm="slaney"} area
 * normalisation), stored sparsely: each band keeps only its non-zero run of bins, so applying the
 * bank costs about two multiply-adds per FFT bin instead of {@code nMels} per bin.
 *
 * <p>Weights are computed in float64 as librosa does, then rounded to float32 (librosa's default
 * {@code dtype}); {@link #apply} accumulates in float64.
 *
 * <p>Thread-safety: immutable.
 */
final class MelFilterbank {

    private final int nMels;
    private final int[] first;
    private final float[][] weights;

    /**
     * @param sampleRateHz sample rate
     * @param nFft FFT length
     * @param nMels number of bands
     * @param fMin lowest band edge in Hz
     * @param fMax highest band edge in Hz (librosa's default is {@code sr/2})
     */
    MelFilterbank(double sampleRateHz, int nFft, int nMels, double fMin, double fMax) {
        if (nMels < 1 || !(fMin >= 0) || !(fMax > fMin) || fMax > sampleRateHz / 2 + 1e-9) {
            throw new IllegalArgumentException("bad mel filterbank: n_mels=" + nMels + ", fmin=" + fMin
                    + ", fmax=" + fMax + ", sr=" + sampleRateHz);
        }
        this.nMels = nMels;
        int bins = nFft / 2 + 1;
        double[] fftFreqs = new double[bins];
        for (int k = 0; k < bins; k++) {
            // np.linspace(0, sr/2, bins)
            fftFreqs[k] = k * (sampleRateHz / 2) / (bins - 1);
        }
        double[] melF = new double[nMels + 2];
        double minMel = hzToMel(fMin);
        double maxMel = hzToMel(fMax);
        for (int i = 0; i < nMels + 2; i++) {
            double step = (maxMel - minMel) / (nMels + 1);
            melF[i] = melToHz(i == nMels + 1 ? maxMel : minMel + i * step);
        }
        first = new int[nMels];
        weights = new float[nMels][];
        double[] row = new double[bins];
        for (int m = 0; m < nMels; m++) {
            double lowDiff = melF[m + 1] - melF[m];
            double highDiff = melF[m + 2] - melF[m + 1];
            double enorm = 2.0 / (melF[m + 2] - melF[m]);
            int lo = -1;
            int hi = -1;
            for (int k = 0; k < bins; k++) {
                double lower = -(melF[m] - fftFreqs[k]) / lowDiff;
                double upper = (melF[m + 2] - fftFreqs[k]) / highDiff;
                double w = Math.max(0, Math.min(lower, upper));
                // librosa multiplies the float32 weights by float64 enorm, then stores float32
                row[k] = (float) ((double) (float) w * enorm);
                if (row[k] != 0) {
                    if (lo < 0) {
                        lo = k;
                    }
                    hi = k;
                }
            }
            if (lo < 0) {
                first[m] = 0;
                weights[m] = new float[0];
            } else {
                first[m] = lo;
                weights[m] = new float[hi - lo + 1];
                for (int k = lo; k <= hi; k++) {
                    weights[m][k - lo] = (float) row[k];
                }
            }
        }
    }

    /** Slaney mel scale: linear below 1 kHz, logarithmic above (librosa {@code hz_to_mel}). */
    static double hzToMel(double hz) {
        double fSp = 200.0 / 3;
        double minLogHz = 1000.0;
        double minLogMel = minLogHz / fSp;
        double logStep = Math.log(6.4) / 27.0;
        return hz >= minLogHz ? minLogMel + Math.log(hz / minLogHz) / logStep : hz / fSp;
    }

    /** Inverse of {@link #hzToMel} (librosa {@code mel_to_hz}). */
    static double melToHz(double mel) {
        double fSp = 200.0 / 3;
        double minLogHz = 1000.0;
        double minLogMel = minLogHz / fSp;
        double logStep = Math.log(6.4) / 27.0;
        return mel >= minLogMel ? minLogHz * Math.exp(logStep * (mel - minLogMel)) : fSp * mel;
    }

    int bands() {
        return nMels;
    }

    /**
     * Mel energies of one frame: {@code out[outOffset + m] = sum_k w[m][k] * power[offset + k]}.
     *
     * @param power a power spectrum (e.g. {@link PowerSpectrogram#data()})
     * @param offset index of bin 0 of the frame in {@code power}
     * @param out receives {@link #bands()} values
     * @param outOffset where to write band 0
     */
    void apply(float[] power, int offset, double[] out, int outOffset) {
        for (int m = 0; m < nMels; m++) {
            float[] w = weights[m];
            int base = offset + first[m];
            double sum = 0;
            for (int j = 0; j < w.length; j++) {
                sum += w[j] * (double) power[base + j];
            }
            out[outOffset + m] = sum;
        }
    }
}
