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

    /** Sum of {@code p[from..to)} with four partial sums, so additions do not wait on each other. */
    static double sum(float[] p, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = from;
        for (; k + 3 < to; k += 4) {
            s0 += p[k];
            s1 += p[k + 1];
            s2 += p[k + 2];
            s3 += p[k + 3];
        }
        for (; k < to; k++) {
            s0 += p[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The gate relative to the loudest frame's power, {@code 10^(-RELATIVE_DB/10)}. */
    static final double RELATIVE_POWER = Math.pow(10, -RELATIVE_DB / 10);

    /**
     * The power of a steady signal at {@link #ABSOLUTE_DBFS} in an {@code nFft}-point frame: by Parseval for
     * a periodic Hann window, half-spectrum power = (n/2) * (3n/8) * rms^2.
     */
    static double absolutePower(int nFft) {
        double n = nFft;
        return (n / 2) * (3 * n / 8) * Math.pow(10, ABSOLUTE_DBFS / 10);
    }

    private static final Workspace.Slot TOTAL = new Workspace.Slot("active.total");
    private static final Workspace.Slot FLAGS = new Workspace.Slot("active.flags");

    /**
     * The active frames of {@code s}, computed once per spectrogram (the MFCC and spectral-shape
     * parts of a composite share it) into this thread's workspace.
     *
     * @return flags for frames {@code 0..s.frames()-1}; may be longer; valid as long as {@code s}
     */
    static boolean[] of(PowerSpectrogram s) {
        boolean[] active = s.activeFrames();
        if (active == null) {
            active = compute(s);
            s.setActiveFrames(active);
        }
        return active;
    }

    private static boolean[] compute(PowerSpectrogram s) {
        int frames = s.frames();
        int bins = s.bins();
        float[] p = s.data();
        Workspace ws = Workspace.current();
        double[] total = s.frameTotals();
        if (total == null) {
            total = ws.doubles(TOTAL, frames);
            for (int t = 0; t < frames; t++) {
                int o = s.offset(t);
                total[t] = sum(p, o, o + bins);
            }
        }
        return fromTotals(total, frames, s.nFft());
    }

    /**
     * The active flags of {@code frames} frames of an {@code nFft}-point spectrogram from each frame's
     * total power ({@link #sum} of its bins), into this thread's workspace.
     */
    static boolean[] fromTotals(double[] total, int frames, int nFft) {
        double max = 0;
        for (int t = 0; t < frames; t++) {
            max = Math.max(max, total[t]);
        }
        double gate = Math.max(max * RELATIVE_POWER, absolutePower(nFft));
        boolean[] active = Workspace.current().booleans(FLAGS, frames);
        for (int t = 0; t < frames; t++) {
            active[t] = total[t] > 0 && total[t] >= gate;
        }
        return active;
    }
}
