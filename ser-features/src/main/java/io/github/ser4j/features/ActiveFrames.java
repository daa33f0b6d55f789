package io.github.ser4j.features;

/**
 * Which frames of a power spectrogram carry signal: total frame power within
 * {@value #RELATIVE_DB} dB of the loudest frame and above the power of a steady signal at
 * {@value #ABSOLUTE_DBFS} dBFS RMS. Statistics over active frames ignore leading and trailing
 * silence, whose length says nothing about the speaker.
 *
 * <p>Thread-safety: stateless.
 */
final class ActiveFrames {

    static final double RELATIVE_DB = 40.0;
    static final double ABSOLUTE_DBFS = -90.0;

    private ActiveFrames() {
    }

    static boolean[] of(PowerSpectrogram s) {
        int frames = s.frames();
        int bins = s.bins();
        float[] p = s.data();
        double[] total = new double[frames];
        double max = 0;
        for (int t = 0; t < frames; t++) {
            int o = s.offset(t);
            double sum = 0;
            for (int k = 0; k < bins; k++) {
                sum += p[o + k];
            }
            total[t] = sum;
            max = Math.max(max, sum);
        }
        // Parseval for a periodic Hann window: half-spectrum power = (n/2) * (3n/8) * rms^2.
        double n = s.nFft();
        double absolute = (n / 2) * (3 * n / 8) * Math.pow(10, ABSOLUTE_DBFS / 10);
        double gate = Math.max(max * Math.pow(10, -RELATIVE_DB / 10), absolute);
        boolean[] active = new boolean[frames];
        for (int t = 0; t < frames; t++) {
            active[t] = total[t] > 0 && total[t] >= gate;
        }
        return active;
    }
}
