package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import java.util.Arrays;

/**
 * Frame-wise F0, voicing, harmonics-to-noise ratio and RMS level of a 16 kHz signal, every 10 ms.
 *
 * <p>Two stages, chosen by measurement (accuracy on sines and on RAVDESS speech, cost per frame):
 * <ol>
 *   <li>Coarse F0 with YIN (threshold 0.2; {@link YinEstimator}, equal to TarsosDSP's {@code Yin} bit for bit
 *   at about half its cost) on the signal low-passed and decimated to 4 kHz, 32 ms windows: 2.4 µs a frame
 *   with TarsosDSP's {@code Yin}, against 49 µs at 16 kHz and 12 µs for TarsosDSP's FastYin (whose
 *   float FFT also rejects clean periodic frames: rounding makes the difference function negative and
 *   its probability check then fails). Only frames above the level gate are analysed, and YIN runs on
 *   every other frame: a frame between two is analysed only next to a voiced one, first from that
 *   neighbour's period.</li>
 *   <li>Refinement at 16 kHz: hill-climbing the normalised cross-correlation
 *   {@code r(tau) = sum x[n]x[n+tau] / sqrt(sum x[n]^2 sum x[n+tau]^2)} over a 40 ms window from the
 *   coarse lag, with parabolic interpolation of the peak. The peak gives F0 (within 0.1% on sines),
 *   the voicing decision ({@code r >= 0.45}, Praat's voicing threshold, with hysteresis down to 0.3
 *   next to voiced frames) and the HNR,
 *   {@code 10 log10(r / (1 - r))}, clamped to [-40, 40] dB.</li>
 * </ol>
 *
 * <p>Frames are centred at {@code f * 160} samples (the signal is zero-padded at both ends, like
 * librosa's {@code center=True}); frames whose 40 ms window reaches past either end are never voiced,
 * since a partial window biases F0. A frame is <em>active</em> when its 25 ms RMS level is within 40 dB of
 * the loudest frame and above -90 dBFS; only active frames can be voiced.
 *
 * <p>Thread-safety: stateless; every call makes its own YIN estimator, and buffers come from the
 * calling thread's {@link Workspace} (a {@link Track} is valid until the thread's next call).
 */
final class PitchTracker {

    static final float SAMPLE_RATE = 16_000f;
    static final int HOP = 160;
    static final double F0_MIN_HZ = 65.0;
    static final double F0_MAX_HZ = 600.0;
    static final double VOICING_THRESHOLD = 0.45;
    /** The lower threshold that keeps a frame next to a voiced one voiced (hysteresis). */
    static final double VOICING_CONTINUE = 0.3;
    static final double GATE_RELATIVE_DB = 40.0;
    static final double GATE_ABSOLUTE_DBFS = -90.0;
    /** RMS level of digital silence, the floor of the level descriptor. */
    static final double FLOOR_DB = -100.0;
    static final double HNR_LIMIT_DB = 40.0;

    private static final int DECIMATION = 4;
    private static final float COARSE_RATE = SAMPLE_RATE / DECIMATION;
    private static final int COARSE_WINDOW = 128;
    private static final double YIN_THRESHOLD = 0.2;
    private static final int RMS_WINDOW = 400;
    private static final int REFINE_WINDOW = 640;
    /** Zero padding at each end, at least half the longest window; a multiple of the decimation. */
    static final int PAD = 320;
    private static final int MIN_LAG = (int) Math.floor(SAMPLE_RATE / F0_MAX_HZ) - 1;
    private static final int MAX_LAG = (int) Math.ceil(SAMPLE_RATE / F0_MIN_HZ) + 1;
    static final float[] LOW_PASS = lowPass(33, 0.1);
    private static final Workspace.Slot PADDED = new Workspace.Slot("pitch.padded");
    private static final Workspace.Slot ENERGY = new Workspace.Slot("pitch.energy");
    private static final Workspace.Slot COARSE = new Workspace.Slot("pitch.coarse");
    private static final Workspace.Slot THREE = new Workspace.Slot("pitch.three");
    private static final Workspace.Slot F0 = new Workspace.Slot("pitch.f0");
    private static final Workspace.Slot HNR = new Workspace.Slot("pitch.hnr");
    private static final Workspace.Slot LEVEL = new Workspace.Slot("pitch.level");
    private static final Workspace.Slot VOICED = new Workspace.Slot("pitch.voiced");
    private static final Workspace.Slot ACTIVE = new Workspace.Slot("pitch.active");

    private PitchTracker() {
    }

    /**
     * The per-frame result; arrays hold at least {@code frames} values and live in the thread's
     * workspace until its next {@link #track} call.
     */
    static final class Track {
        final int frames;
        /** The input zero-padded by {@link #PAD} at both ends (a workspace buffer, maybe longer). */
        final float[] padded;
        final int length;
        final double[] f0Hz;
        final double[] hnrDb;
        final double[] levelDb;
        final boolean[] voiced;
        final boolean[] active;

        /** Per-frame arrays from this thread's workspace (maybe longer than frames), cleared. */
        Track(int frames, float[] padded, int length) {
            this.frames = frames;
            this.padded = padded;
            this.length = length;
            Workspace ws = Workspace.current();
            f0Hz = ws.doubles(F0, frames);
            hnrDb = ws.doubles(HNR, frames);
            levelDb = ws.doubles(LEVEL, frames);
            voiced = ws.booleans(VOICED, frames);
            active = ws.booleans(ACTIVE, frames);
            Arrays.fill(f0Hz, 0, frames, 0.0);
            Arrays.fill(hnrDb, 0, frames, 0.0);
            Arrays.fill(levelDb, 0, frames, 0.0);
            Arrays.fill(voiced, 0, frames, false);
            Arrays.fill(active, 0, frames, false);
        }
    }

    /** Number of frames for {@code length} samples: centres at 0, HOP, ... up to the last sample. */
    static int frameCount(int length) {
        return (length - 1) / HOP + 1;
    }

    /** The clip whose track this thread shares while {@link #sharing} runs, and that track once made. */
    static final ThreadLocal<Shared> SHARED = new ThreadLocal<>();

    static final class Shared {
        final AudioClip clip;
        Track track;

        Shared(AudioClip clip) {
            this.clip = clip;
        }
    }

    /**
     * Runs {@code body} with the track of {@code clip} made at most once on this thread: every
     * {@link #track(AudioClip)} of that same clip inside it (the speech detector's, then the prosodic
     * features') gets one track. A clip is immutable and its track depends only on its samples, so sharing
     * changes no value. A clip whose buffers exceed {@link Workspace#RETAINED_BYTES} (over about a minute)
     * is tracked again instead, so its buffers are not held from one step to the next.
     */
    static <T> T sharing(AudioClip clip, java.util.function.Supplier<T> body) {
        Shared outer = SHARED.get();
        SHARED.set(4L * (clip.length() + 2 * PAD) <= Workspace.RETAINED_BYTES ? new Shared(clip) : null);
        try {
            return body.get();
        } finally {
            if (outer == null) {
                SHARED.remove();
            } else {
                SHARED.set(outer);
            }
        }
    }

    /** The track of a clip at {@link #SAMPLE_RATE}; shared inside {@link #sharing} for that clip. */
    static Track track(AudioClip clip) {
        Shared shared = SHARED.get();
        if (shared == null || shared.clip != clip) {
            return track(clip.samplesView());
        }
        if (shared.track == null) {
            Track t = track(clip.samplesView());
            shared.track = t; // after track(FloatBuffer), which forgets any earlier one
            return t;
        }
        return shared.track;
    }

    /** The track of the samples from the buffer's position to its limit, at {@link #SAMPLE_RATE}. */
    static Track track(java.nio.FloatBuffer samples) {
        Shared shared = SHARED.get();
        if (shared != null) {
            shared.track = null; // its buffers are about to be overwritten
        }
        int length = samples.remaining();
        int n = length + 2 * PAD;
        Workspace ws = Workspace.current();
        float[] x = ws.floats(PADDED, n);
        Arrays.fill(x, 0, PAD, 0f);
        samples.duplicate().get(x, PAD, length);
        Arrays.fill(x, PAD + length, n, 0f);
        int frames = frameCount(length);
        Track t = new Track(frames, x, length);

        SquareSums energy = new SquareSums(x, n, ws.doubles(ENERGY, n / SquareSums.BLOCK + 1));
        double maxDb = FLOOR_DB;
        for (int f = 0; f < frames; f++) {
            int c = f * HOP + PAD;
            double e = energy.sum(c - RMS_WINDOW / 2, c + RMS_WINDOW / 2);
            double rms = Math.sqrt(Math.max(e, 0) / RMS_WINDOW);
            t.levelDb[f] = rms > 1e-5 ? 20 * Math.log10(rms) : FLOOR_DB;
            maxDb = Math.max(maxDb, t.levelDb[f]);
        }
        double gate = Math.max(maxDb - GATE_RELATIVE_DB, GATE_ABSOLUTE_DBFS);
        boolean any = false;
        for (int f = 0; f < frames; f++) {
            t.active[f] = t.levelDb[f] > FLOOR_DB && t.levelDb[f] >= gate;
            any |= t.active[f];
        }
        if (!any) {
            return t;
        }

        float[] coarse = decimate(x, n, ws.floats(COARSE, n / DECIMATION));
        YinEstimator yin = new YinEstimator(COARSE_RATE, COARSE_WINDOW, YIN_THRESHOLD);
        double[] peak = new double[2];
        // YIN on every other frame; a frame in between first tries its voiced neighbours' period
        // (one correlation climb, far cheaper than YIN) and runs YIN only if that fails.
        for (int f = 0; f < frames; f += 2) {
            if (t.active[f] && inside(f, length)) {
                detect(t, x, energy, coarse, yin, f, peak);
            }
        }
        for (int f = 1; f < frames; f += 2) {
            if (!t.active[f] || !inside(f, length)) {
                continue;
            }
            boolean before = t.voiced[f - 1];
            boolean after = f + 1 < frames && t.voiced[f + 1];
            if (before || after) {
                double hz = before && after ? 2 / (1 / t.f0Hz[f - 1] + 1 / t.f0Hz[f + 1])
                        : before ? t.f0Hz[f - 1] : t.f0Hz[f + 1];
                if (!voiceFrom(t, x, energy, f, hz, VOICING_THRESHOLD, peak)) {
                    detect(t, x, energy, coarse, yin, f, peak);
                }
            }
            // With both neighbours unvoiced, a voiced frame here would be isolated, and isolated
            // voiced frames are dropped below anyway: no YIN for it.
        }
        hysteresis(t, x, energy, peak);
        return t;
    }

    /** YIN on the decimated window of frame {@code f}, then refinement and the voicing decision. */
    private static void detect(Track t, float[] x, SquareSums energy, float[] coarse, YinEstimator yin, int f,
            double[] peak) {
        int c = (f * HOP + PAD) / DECIMATION;
        // −1 when unpitched, outside the range
        float f0 = yin.pitch(coarse, c - COARSE_WINDOW / 2);
        if (f0 >= F0_MIN_HZ * 0.9 && f0 <= F0_MAX_HZ * 1.1) {
            voiceFrom(t, x, energy, f, f0, VOICING_THRESHOLD, peak);
        }
    }

    /**
     * Refines the period of frame {@code f} from an estimate and marks the frame voiced if the
     * correlation peak reaches {@code threshold} within 20% of the estimate and inside the F0 range.
     */
    private static boolean voiceFrom(Track t, float[] x, SquareSums energy, int f, double estimateHz,
            double threshold, double[] peak) {
        int start = f * HOP + PAD - REFINE_WINDOW / 2;
        refine(x, energy, start, REFINE_WINDOW, (int) Math.round(SAMPLE_RATE / estimateHz), peak);
        double hz = SAMPLE_RATE / peak[0];
        if (peak[1] >= threshold && Math.abs(hz / estimateHz - 1) <= 0.2 && hz >= F0_MIN_HZ && hz <= F0_MAX_HZ) {
            t.voiced[f] = true;
            t.f0Hz[f] = hz;
            t.hnrDb[f] = hnrDb(peak[1]);
            return true;
        }
        return false;
    }

    /**
     * Voicing with hysteresis, so that voiced stretches do not break up at weak cycles: an active
     * frame next to a voiced one becomes voiced if the correlation peak found from its neighbour's
     * period reaches {@link #VOICING_CONTINUE} and its F0 is within 20% of the neighbour's (forward,
     * then backward, so runs grow in both directions); then single voiced frames with no voiced
     * neighbour, mostly spurious, are dropped.
     */
    private static void hysteresis(Track t, float[] x, SquareSums energy, double[] peak) {
        for (int f = 1; f < t.frames; f++) {
            if (!t.voiced[f] && t.active[f] && t.voiced[f - 1] && inside(f, t.length)) {
                voiceFrom(t, x, energy, f, t.f0Hz[f - 1], VOICING_CONTINUE, peak);
            }
        }
        for (int f = t.frames - 2; f >= 0; f--) {
            if (!t.voiced[f] && t.active[f] && t.voiced[f + 1] && inside(f, t.length)) {
                voiceFrom(t, x, energy, f, t.f0Hz[f + 1], VOICING_CONTINUE, peak);
            }
        }
        boolean previous = false;
        for (int f = 0; f < t.frames; f++) {
            boolean here = t.voiced[f];
            boolean next = f + 1 < t.frames && t.voiced[f + 1];
            if (here && !previous && !next) {
                t.voiced[f] = false;
                t.f0Hz[f] = 0;
                t.hnrDb[f] = 0;
            }
            previous = here;
        }
    }

    /** Whether the 40 ms analysis window of frame {@code f} lies within the clip (partial windows bias F0). */
    private static boolean inside(int f, int length) {
        return f * HOP >= REFINE_WINDOW / 2 && f * HOP + REFINE_WINDOW / 2 <= length;
    }

    /** HNR in dB of a normalised autocorrelation peak {@code r}, clamped to +-{@link #HNR_LIMIT_DB}. */
    static double hnrDb(double r) {
        double lim = 1.0 / (1.0 + Math.pow(10, -HNR_LIMIT_DB / 10));
        double c = Math.min(Math.max(r, 1 - lim), lim);
        return 10 * Math.log10(c / (1 - c));
    }

    /**
     * The highest normalised cross-correlation over lags {@code minLag..maxLag} of the window
     * {@code x[start, start + n)}, exhaustively; for tests and diagnostics (the tracker hill-climbs).
     */
    static double bestCorrelation(float[] x, int start, int n, int minLag, int maxLag) {
        SquareSums energy = new SquareSums(x, x.length, new double[x.length / SquareSums.BLOCK + 1]);
        double best = -1;
        for (int lag = minLag; lag <= maxLag; lag++) {
            best = Math.max(best, correlation(x, energy, start, n, lag));
        }
        return best;
    }

    /** Normalised cross-correlation of {@code x[start, start+n-lag)} with itself shifted by {@code lag}. */
    static double correlation(float[] x, SquareSums energy, int start, int n, int lag) {
        int m = n - lag;
        // Four partial sums: one running sum would wait on each addition's latency.
        double d0 = 0;
        double d1 = 0;
        double d2 = 0;
        double d3 = 0;
        int end = start + m;
        int i = start;
        for (; i + 3 < end; i += 4) {
            d0 += (double) x[i] * x[i + lag];
            d1 += (double) x[i + 1] * x[i + 1 + lag];
            d2 += (double) x[i + 2] * x[i + 2 + lag];
            d3 += (double) x[i + 3] * x[i + 3 + lag];
        }
        for (; i < end; i++) {
            d0 += (double) x[i] * x[i + lag];
        }
        double dot = (d0 + d1) + (d2 + d3);
        double e1 = energy.sum(start, start + m);
        double e2 = energy.sum(start + lag, start + lag + m);
        double den = Math.sqrt(Math.max(e1, 0) * Math.max(e2, 0));
        return den > 0 ? dot / den : 0;
    }

    /**
     * {@link #correlation} at {@code lag - 1}, {@code lag} and {@code lag + 1} in one pass over the
     * window, sharing the loads of {@code x[i]}.
     */
    static void correlations3(float[] x, SquareSums energy, int start, int n, int lag, double[] out) {
        int common = n - lag - 1; // terms all three lags have
        double a = 0;
        double b = 0;
        double c = 0;
        int end = start + common;
        for (int i = start; i < end; i++) {
            double v = x[i];
            a += v * x[i + lag - 1];
            b += v * x[i + lag];
            c += v * x[i + lag + 1];
        }
        // lag - 1 has two more terms, lag one more.
        a += (double) x[end] * x[end + lag - 1] + (double) x[end + 1] * x[end + lag];
        b += (double) x[end] * x[end + lag];
        out[0] = normalise(a, energy, start, n, lag - 1);
        out[1] = normalise(b, energy, start, n, lag);
        out[2] = normalise(c, energy, start, n, lag + 1);
    }

    private static double normalise(double dot, SquareSums energy, int start, int n, int lag) {
        int m = n - lag;
        double e1 = energy.sum(start, start + m);
        double e2 = energy.sum(start + lag, start + lag + m);
        double den = Math.sqrt(Math.max(e1, 0) * Math.max(e2, 0));
        return den > 0 ? dot / den : 0;
    }

    /** Hill-climbs r(lag) from {@code lag0}; writes the interpolated peak lag and value into {@code out}. */
    private static void refine(float[] x, SquareSums energy, int start, int n, int lag0, double[] out) {
        int lag = Math.min(Math.max(lag0, MIN_LAG), MAX_LAG);
        double[] three = Workspace.current().doubles(THREE, 3); // called per frame: no allocation
        correlations3(x, energy, start, n, lag, three);
        double left = three[0];
        double here = three[1];
        double right = three[2];
        for (int step = 0; step < 12; step++) {
            if (right > here && lag + 1 < MAX_LAG) {
                lag++;
                left = here;
                here = right;
                right = correlation(x, energy, start, n, lag + 1);
            } else if (left > here && lag - 1 > MIN_LAG) {
                lag--;
                right = here;
                here = left;
                left = correlation(x, energy, start, n, lag - 1);
            } else {
                break;
            }
        }
        double den = left - 2 * here + right;
        double delta = den < 0 ? 0.5 * (left - right) / den : 0;
        delta = Math.max(-0.5, Math.min(0.5, delta));
        out[0] = lag + delta;
        out[1] = Math.min(1.0, here - 0.25 * (left - right) * delta);
    }

    /**
     * Low-pass FIR (Hamming-windowed sinc, unity DC gain) of {@code x[0..n)}, keeping every
     * {@link #DECIMATION}th sample; the taps are symmetric, so each output folds pairs of samples. Four
     * outputs at a time: four independent chains of additions instead of one that waits on each add, each
     * output still summed tap by tap in the same order, so the values are those of one output at a time.
     */
    static float[] decimate(float[] x, int n, float[] y) {
        float[] h = LOW_PASS;
        int half = h.length / 2;
        int outputs = n / DECIMATION;
        float centre = h[half];
        int o = 0;
        for (; o < outputs && o * DECIMATION < half; o++) {
            y[o] = 0; // inside the zero padding
        }
        for (; o + 3 < outputs && (o + 3) * DECIMATION + half < n; o += 4) {
            int c0 = o * DECIMATION;
            int c1 = c0 + DECIMATION;
            int c2 = c1 + DECIMATION;
            int c3 = c2 + DECIMATION;
            double a0 = centre * x[c0];
            double a1 = centre * x[c1];
            double a2 = centre * x[c2];
            double a3 = centre * x[c3];
            for (int k = 1; k <= half; k++) {
                float tap = h[half - k];
                a0 += tap * (x[c0 - k] + x[c0 + k]);
                a1 += tap * (x[c1 - k] + x[c1 + k]);
                a2 += tap * (x[c2 - k] + x[c2 + k]);
                a3 += tap * (x[c3 - k] + x[c3 + k]);
            }
            y[o] = (float) a0;
            y[o + 1] = (float) a1;
            y[o + 2] = (float) a2;
            y[o + 3] = (float) a3;
        }
        for (; o < outputs; o++) {
            int c = o * DECIMATION;
            if (c < half || c + half >= n) {
                y[o] = 0; // inside the zero padding
                continue;
            }
            double acc = centre * x[c];
            for (int k = 1; k <= half; k++) {
                acc += h[half - k] * (x[c - k] + x[c + k]);
            }
            y[o] = (float) acc;
        }
        return y;
    }

    private static float[] lowPass(int taps, double cutoff) {
        double[] h = new double[taps];
        double sum = 0;
        int mid = taps / 2;
        for (int i = 0; i < taps; i++) {
            int m = i - mid;
            double sinc = m == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
            h[i] = sinc * (0.54 - 0.46 * Math.cos(2 * Math.PI * i / (taps - 1)));
            sum += h[i];
        }
        float[] out = new float[taps];
        for (int i = 0; i < taps; i++) {
            out[i] = (float) (h[i] / sum);
        }
        return out;
    }
}
