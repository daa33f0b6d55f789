package io.github.ser4j.features;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Where the speech of a clip starts and ends, found with an energy gate that adapts to the clip's noise
 * floor, so that the leading and trailing stretches without speech can be left out of its statistics.
 *
 * <p>Why: in a recording with background noise or other talkers, the stretches before and after the
 * utterance hold the noise alone (in RAVDESS a large part of each clip). Every statistic over the clip's
 * frames then averages the noise in at full weight; a gate relative to the loudest frame (as
 * {@link ActiveFrames}) cannot tell a noise floor 20 dB down from quiet speech.
 *
 * <p>The rule (version 1): frame energies over {@value #FRAME_SECONDS} s frames every
 * {@value #HOP_SECONDS} s, in dB. The floor is their {@value #FLOOR_PERCENTILE}th percentile, the peak
 * their maximum. A frame is loud when it is at least {@value #ABOVE_FLOOR_DB} dB above the floor and
 * within {@value #BELOW_PEAK_DB} dB of the peak, the gate never higher than {@value #MIN_BELOW_PEAK_DB} dB
 * under the peak (at low SNR the gate falls back towards the floor instead of cutting into speech).
 * Speech starts at the first run of {@value #MIN_RUN_FRAMES} loud frames and ends with the last such
 * run; {@value #MARGIN_SECONDS} s is added on both sides for weak onsets and offsets. The interior is
 * kept as it is (pauses included). A span shorter than {@value #MIN_SECONDS} s grows around its centre.
 *
 * <p>Version 2 adds one term for a floor that fluctuates, such as the babble of other talkers: a steady
 * noise's frames sit within a dB or two of its 10th percentile, so "6 dB over the floor" is above all of
 * them; babble's 20 ms frames swing by 10 dB and more, so that gate lets runs of its louder frames through
 * and the span of a clip with babble 20 dB under the speech was the whole clip (mean 3.4 s against 1.9 s
 * clean over 120 RAVDESS clips, README "Robustness"). The spread of the quiet frames,
 * {@code d = p}{@value #SPREAD_HIGH_PERCENTILE}{@code  − p}{@value #SPREAD_LOW_PERCENTILE}, sets a second
 * lower bound {@code p}{@value #SPREAD_HIGH_PERCENTILE}{@code  + d} for the gate, at most
 * {@value #SPREAD_CAP_ABOVE_FLOOR_DB} dB over the floor (the ceiling {@value #MIN_BELOW_PEAK_DB} dB under the
 * peak stays). For steady noise and for silence the term lies under the other bounds, so those spans are
 * version 1's (1,194 of the 1,200 clean RAVDESS clips get the same span, the other 6 one 42 ms away on average).
 *
 * <p>Thread-safety: stateless.
 */
final class SpeechEndpoints {

    static final double FRAME_SECONDS = 0.02;
    static final double HOP_SECONDS = 0.01;
    static final double FLOOR_PERCENTILE = 10;
    static final double ABOVE_FLOOR_DB = 6;
    static final double BELOW_PEAK_DB = 30;
    static final double MIN_BELOW_PEAK_DB = 10;
    static final int MIN_RUN_FRAMES = 3;
    static final double MARGIN_SECONDS = 0.05;
    static final double MIN_SECONDS = 0.5;
    /** Version 2: the percentiles whose distance is the spread of the quiet frames. */
    static final double SPREAD_LOW_PERCENTILE = 5;
    static final double SPREAD_HIGH_PERCENTILE = 40;
    /** Version 2: the spread term's ceiling over the floor. */
    static final double SPREAD_CAP_ABOVE_FLOOR_DB = 15;
    /** The rule versions {@link #find(FloatBuffer, float, int)} knows. */
    static final int LATEST_VERSION = 2;

    private SpeechEndpoints() {
    }

    /**
     * The speech span of the samples {@code x.get(0)} to {@code x.get(x.limit() - 1)} by the latest rule.
     *
     * @param x samples (absolute reads; position ignored)
     * @param rateHz their rate
     * @return {@code {start, end}}, {@code 0 <= start < end <= length}; the whole range when nothing is loud
     */
    static int[] find(FloatBuffer x, float rateHz) {
        return find(x, rateHz, LATEST_VERSION);
    }

    /**
     * The speech span by rule {@code version} (1 or 2, see the class comment).
     *
     * @param x samples (absolute reads; position ignored)
     * @param rateHz their rate
     * @param version the rule
     * @return {@code {start, end}}, {@code 0 <= start < end <= length}; the whole range when nothing is loud
     * @throws IllegalArgumentException if the version is unknown
     */
    static int[] find(FloatBuffer x, float rateHz, int version) {
        if (version < 1 || version > LATEST_VERSION) {
            throw new IllegalArgumentException("unknown speech endpoint rule version " + version);
        }
        int length = x.limit();
        int frame = Math.max(1, (int) Math.round(FRAME_SECONDS * rateHz));
        int hop = Math.max(1, (int) Math.round(HOP_SECONDS * rateHz));
        int minLength = Math.min(length, (int) Math.ceil(MIN_SECONDS * rateHz));
        if (length < frame + hop * MIN_RUN_FRAMES) {
            return new int[] {0, length};
        }
        int frames = 1 + (length - frame) / hop;
        double[] db = energies(x, frames, frame, hop);
        for (int t = 0; t < frames; t++) {
            double e = db[t];
            // -200 dB for digital silence: below any real floor, and finite for the percentile
            db[t] = e > 0 ? 10 * Math.log10(e / frame) : -200;
        }
        double[] sorted = db.clone();
        Arrays.sort(sorted);
        double peak = sorted[frames - 1];
        double floor = percentile(sorted, FLOOR_PERCENTILE);
        double lower = Math.max(floor + ABOVE_FLOOR_DB, peak - BELOW_PEAK_DB);
        if (version >= 2) {
            double low = percentile(sorted, SPREAD_LOW_PERCENTILE);
            double high = percentile(sorted, SPREAD_HIGH_PERCENTILE);
            lower = Math.max(lower, Math.min(high + (high - low), floor + SPREAD_CAP_ABOVE_FLOOR_DB));
        }
        double gate = Math.min(lower, peak - MIN_BELOW_PEAK_DB);
        int first = -1;
        int last = -1;
        int run = 0;
        for (int t = 0; t < frames; t++) {
            run = db[t] >= gate ? run + 1 : 0;
            if (run >= MIN_RUN_FRAMES) {
                if (first < 0) {
                    first = t - MIN_RUN_FRAMES + 1;
                }
                last = t;
            }
        }
        if (first < 0) {
            return new int[] {0, length};
        }
        int margin = (int) Math.round(MARGIN_SECONDS * rateHz);
        int start = Math.max(0, first * hop - margin);
        int end = Math.min(length, last * hop + frame + margin);
        if (end - start < minLength) {
            int centre = (start + end) / 2;
            start = Math.max(0, Math.min(centre - minLength / 2, length - minLength));
            end = start + minLength;
        }
        return new int[] {start, end};
    }

    /** The value at rank {@code floor(q / 100 * (n - 1))} of ascending {@code sorted}. */
    private static double percentile(double[] sorted, double q) {
        return sorted[(int) Math.floor(q / 100 * (sorted.length - 1))];
    }

    /**
     * Each frame's sum of squares, {@code sum x[k]^2} over {@code k = t*hop ... t*hop+frame-1} in index order:
     * {@code energies(x, 0, frames, frame, hop)}.
     */
    static double[] energies(FloatBuffer x, int frames, int frame, int hop) {
        return energies(x, 0, frames, frame, hop);
    }

    /**
     * Each frame's sum of squares, {@code sum x[k]^2} over {@code k = from+t*hop ... from+t*hop+frame-1} in index
     * order. Four frames at a time, each its own sum in the same order (the same bits as one frame at a time,
     * {@code SpeechTrimmedTest}): a single add chain waits on its previous add, four run side by side.
     */
    static double[] energies(FloatBuffer x, int from, int frames, int frame, int hop) {
        double[] out = new double[frames];
        int t = 0;
        for (; t + 4 <= frames; t += 4) {
            int o = from + t * hop;
            double e0 = 0;
            double e1 = 0;
            double e2 = 0;
            double e3 = 0;
            for (int k = 0; k < frame; k++) {
                double v0 = x.get(o + k);
                double v1 = x.get(o + hop + k);
                double v2 = x.get(o + 2 * hop + k);
                double v3 = x.get(o + 3 * hop + k);
                e0 += v0 * v0;
                e1 += v1 * v1;
                e2 += v2 * v2;
                e3 += v3 * v3;
            }
            out[t] = e0;
            out[t + 1] = e1;
            out[t + 2] = e2;
            out[t + 3] = e3;
        }
        for (; t < frames; t++) {
            int o = from + t * hop;
            double e = 0;
            for (int k = o; k < o + frame; k++) {
                double v = x.get(k);
                e += v * v;
            }
            out[t] = e;
        }
        return out;
    }
}
