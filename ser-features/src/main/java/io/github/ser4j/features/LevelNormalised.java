package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.nio.FloatBuffer;

/**
 * Another extractor's features of the clip scaled to a fixed speech level: the gain that brings the
 * clip's active level to {@value #TARGET_DBFS} dBFS (the speech level ITU-T P.56 practice normalises to,
 * -26 dBov) is applied before the inner extractor sees it.
 *
 * <p>Why: how loud a voice arrives says more about the microphone's distance and gain than about the
 * speaker, and every location statistic of energy (MFCC c0, frame level, RMS) moves with it. Leaving
 * those features out loses their minima and spreads too; normalising the level keeps them and takes out
 * the gain alone.
 *
 * <p>The active level is a simplified one (not P.56's envelope algorithm): the mean power of the
 * {@value #FRAME_SECONDS} s frames (non-overlapping) whose power is within {@value #RELATIVE_DB} dB of the
 * loudest frame. A clip of digital silence is passed on unchanged. The scaled samples may exceed ±1
 * (features are computed on floats; nothing is clipped).
 *
 * <p>Its id is {@code level/1(-26dBFS)[INNER_ID]}, so a model names exactly what it was trained on.
 * Streams re-extract each requested span (the gain depends on all of it).
 *
 * <p>Thread-safety: immutable; safe to share between threads when the inner extractor is.
 */
public final class LevelNormalised extends ClipFrontEnd {

    /** The active speech level every clip is scaled to, in dBFS (RMS re full scale). */
    public static final double TARGET_DBFS = -26.0;
    static final double FRAME_SECONDS = 0.02;
    static final double RELATIVE_DB = 30.0;
    private static final String PREFIX = "level/1(-26dBFS)[";

    private LevelNormalised(FeatureExtractor inner) {
        super(PREFIX, inner);
    }

    /**
     * The features of {@code inner} over each clip scaled to {@link #TARGET_DBFS}.
     *
     * @param inner the extractor
     * @return the extractor
     * @throws IllegalArgumentException if {@code inner} is null
     */
    public static LevelNormalised of(FeatureExtractor inner) {
        return new LevelNormalised(inner);
    }

    /** Parses {@code level/1(-26dBFS)[INNER_ID]} with the inner id resolved by {@link FeatureExtractors#byId}; null if not such an id. */
    static FeatureExtractor parse(String id) {
        FeatureExtractor inner = innerOf(id, PREFIX);
        return inner == null ? null : new LevelNormalised(inner);
    }

    /** Samples {@code [from, to)} scaled to the target level: one copy. */
    @Override
    Handed hand(AudioClip clip, int from, int to) {
        AudioClip scaled = clip.segment(from, to, gain(clip.samplesView(), from, to, clip.sampleRateHz()));
        return new Handed(scaled, 0, scaled.length());
    }

    /** The gain that brings samples {@code [from, to)} to {@link #TARGET_DBFS}; 1 for digital silence. */
    static float gain(FloatBuffer x, int from, int to, float rateHz) {
        double level = activePower(x, from, to, Math.max(1, (int) Math.round(FRAME_SECONDS * rateHz)));
        return level > 0 ? (float) Math.sqrt(Math.pow(10, TARGET_DBFS / 10) / level) : 1f;
    }

    /** Mean power of the frames within {@link #RELATIVE_DB} dB of the loudest (a partial last frame counts); 0 for silence. */
    static double activePower(FloatBuffer x, int from, int to, int frame) {
        int length = to - from;
        int frames = (length + frame - 1) / frame;
        int whole = length / frame;
        // whole frames four at a time (SpeechEndpoints.energies: each frame's sum in index order, the same bits)
        double[] p = java.util.Arrays.copyOf(SpeechEndpoints.energies(x, from, whole, frame, frame), frames);
        int partial = length - whole * frame;
        if (partial > 0) { // the partial last frame, as one frame of its own length
            p[whole] = SpeechEndpoints.energies(x, from + whole * frame, 1, partial, partial)[0];
        }
        double max = 0;
        for (int f = 0; f < frames; f++) {
            p[f] /= f < whole ? frame : partial;
            max = Math.max(max, p[f]);
        }
        double gate = max * Math.pow(10, -RELATIVE_DB / 10);
        double sum = 0;
        int n = 0;
        for (double v : p) {
            if (v > 0 && v >= gate) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
