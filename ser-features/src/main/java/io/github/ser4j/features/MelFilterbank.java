package io.github.ser4j.features;

/**
 * librosa's {@code filters.mel} (Slaney mel scale, {@code htk=False}, {@code norm="slaney"} area
 * normalisation), stored sparsely: each band keeps only its non-zero run of bins, so applying the
 * bank costs about two multiply-adds per FFT bin instead of {@code nMels} per bin.
 *
 * <p>Weights are computed in float64 as librosa does, then rounded to float32 (librosa's default
 * {@code dtype}) and kept in double arrays; {@link #apply} accumulates in float64.
 *
 * <p>Thread-safety: immutable.
 */
final class MelFilterbank {

    private final int nMels;
    private final int[] first;
    /** librosa's float32 weights, held as double to save a conversion per term. */
    private final double[][] weights;

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
        weights = new double[nMels][];
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
                weights[m] = new double[0];
            } else {
                first[m] = lo;
                weights[m] = new double[hi - lo + 1];
                for (int k = lo; k <= hi; k++) {
                    weights[m][k - lo] = row[k];
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
        apply(power, offset, out, outOffset, 1);
    }

    /**
     * As {@link #apply(float[], int, double[], int)}, band {@code m} going to
     * {@code out[outOffset + m * outStride]} (for band-major matrices).
     */
    void apply(float[] power, int offset, double[] out, int outOffset, int outStride) {
        for (int m = 0; m < nMels; m++) {
            double[] w = weights[m];
            int base = offset + first[m];
            double sum = 0;
            for (int j = 0; j < w.length; j++) {
                sum += w[j] * (double) power[base + j];
            }
            out[outOffset + m * outStride] = sum;
        }
    }

    /**
     * {@link #apply(float[], int, double[], int)} of four frames at once, frame {@code i}'s bins from
     * {@code power[offset_i]}, its band {@code m} to {@code out[at_i + m * outStride]}: each weight is loaded
     * once for the four frames (four independent sums), and each sum still runs over the bins in order, so
     * the values are bit-identical.
     */
    void apply4(float[] power, int o0, int o1, int o2, int o3, double[] out, int at0, int at1, int at2, int at3,
            int outStride) {
        for (int m = 0; m < nMels; m++) {
            double[] w = weights[m];
            int f = first[m];
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < w.length; j++) {
                double wj = w[j];
                s0 += wj * (double) power[o0 + f + j];
                s1 += wj * (double) power[o1 + f + j];
                s2 += wj * (double) power[o2 + f + j];
                s3 += wj * (double) power[o3 + f + j];
            }
            out[at0 + m * outStride] = s0;
            out[at1 + m * outStride] = s1;
            out[at2 + m * outStride] = s2;
            out[at3 + m * outStride] = s3;
        }
    }

    /**
     * {@link #apply(float[], int, double[], int)} of frames {@code 0..frames-1} of {@code s} (four at a time),
     * frame {@code t}'s bands to {@code out[(first + t) * bands() ..]}.
     */
    void applyFrames(PowerSpectrogram s, double[] out, int first) {
        float[] p = s.data();
        int frames = s.frames();
        int t = 0;
        for (; t + 3 < frames; t += 4) {
            int at = (first + t) * nMels;
            apply4(p, s.offset(t), s.offset(t + 1), s.offset(t + 2), s.offset(t + 3), out, at, at + nMels,
                    at + 2 * nMels, at + 3 * nMels, 1);
        }
        for (; t < frames; t++) {
            apply(p, s.offset(t), out, (first + t) * nMels);
        }
    }

    /**
     * Mel energies of every frame of {@code s} into the band-major matrix
     * {@code out[m * frames + t]}. Four frames at a time: four independent sums per weight, so
     * the additions do not wait on each other; each sum still runs over the bins in order, so the
     * values are bit-identical to {@link #apply(float[], int, double[], int)}.
     *
     * @param s the spectrogram, with the bins this bank was made for
     * @param out receives {@code bands() * s.frames()} values
     */
    void applyBandMajor(PowerSpectrogram s, double[] out) {
        float[] p = s.data();
        int frames = s.frames();
        int t = 0;
        for (; t + 3 < frames; t += 4) {
            apply4(p, s.offset(t), s.offset(t + 1), s.offset(t + 2), s.offset(t + 3), out, t, t + 1, t + 2, t + 3,
                    frames);
        }
        for (; t < frames; t++) {
            apply(p, s.offset(t), out, t, frames);
        }
    }
}
