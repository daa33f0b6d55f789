package io.github.ser4j.features;

/**
 * Late-reverberation spectral subtraction (Lebart, Boucher and Denbigh, "A new method based on spectral
 * subtraction for speech dereverberation", Acta Acustica 2001): under the statistical model of a room's
 * tail (noise decaying exponentially, 60 dB over RT60), the late reverberation's power in frame {@code t}
 * is the smoothed power of frame {@code t-N} attenuated by {@code exp(-2·Δ·N·hop/rate)},
 * {@code Δ = 3·ln 10 / RT60}; it is subtracted in each bin by a gain {@code sqrt(max(1 - late/|Y|², floor))}.
 * The decay is fixed (not estimated from the clip), so a dry clip loses a little of every sustained sound.
 *
 * <p>The frame is {@link BlockStft}'s; each block holds its N preceding frames. An RT60 of 0 subtracts
 * nothing (the STFT round trip alone).
 *
 * <p>Thread-safety: immutable.
 */
final class LateReverbSubtraction extends BlockStft {

    /** The power gain floor (-10 dB): a deeper cut makes musical noise. */
    static final double GAIN_FLOOR = 0.1;
    /** The recursive smoothing of the power the late part is predicted from (per frame). */
    static final double SMOOTHING = 0.5;

    private final int delay;
    private final double attenuation;

    /**
     * @param frame frame and FFT length, a power of two &gt;= 16
     * @param delay frames from the direct sound to the start of the late part, &gt;= 1
     * @param rt60 the assumed reverberation time in seconds, &gt;= 0 (0: no subtraction)
     * @param rateHz the sample rate
     */
    LateReverbSubtraction(int frame, int delay, double rt60, float rateHz) {
        super(frame);
        this.delay = rt60 > 0 ? delay : 0;
        this.attenuation = rt60 > 0 ? Math.exp(-2 * 3 * Math.log(10) / rt60 * delay * (frame / 4) / rateHz) : 0;
    }

    @Override
    int history() {
        return delay;
    }

    @Override
    void filterBlock(double[][] re, double[][] im, int target, int count) {
        double[] smoothed = new double[count];
        for (int k = 0; k < re.length; k++) {
            double[] yr = re[k];
            double[] yi = im[k];
            double s = 0;
            for (int t = 0; t < count; t++) {
                s = SMOOTHING * s + (1 - SMOOTHING) * (yr[t] * yr[t] + yi[t] * yi[t]);
                smoothed[t] = s;
            }
            for (int t = target; t < count; t++) {
                double p = yr[t] * yr[t] + yi[t] * yi[t];
                if (!(p > 0)) {
                    continue; // nothing to subtract from
                }
                double g = Math.sqrt(Math.max(1 - attenuation * smoothed[t - delay] / p, GAIN_FLOOR));
                yr[t] *= g;
                yi[t] *= g;
            }
        }
    }
}
