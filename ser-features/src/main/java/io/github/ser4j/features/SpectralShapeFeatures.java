package io.github.ser4j.features;

import java.util.ArrayList;
import java.util.List;

/**
 * Spectral shape of a clip at 16 kHz (eGeMAPS-style definitions), from the shared power spectrogram:
 * 512-sample (32 ms) periodic Hann frames every 160 samples (10 ms), centred (72 values).
 *
 * <p>Per-frame descriptors, with {@code P[k]} the power of bin {@code k} at frequency {@code f[k]}:
 * <ul>
 *   <li>{@code centroid_hz}: {@code sum f P / sum P};</li>
 *   <li>{@code rolloff85_hz}: the lowest frequency below which 85% of the power lies;</li>
 *   <li>{@code flux}: Euclidean distance between the unit-norm magnitude spectra {@code sqrt(P / sum P)}
 *   of this and the previous frame (0 to sqrt 2; only where both frames are active);</li>
 *   <li>{@code flatness}: geometric over arithmetic mean of {@code P} (Wiener entropy), bins 1 to
 *   {@code n/2-1}; a single periodogram of white noise gives {@code exp(-gamma) = 0.56}, a sine near 0;</li>
 *   <li>{@code slope_0_500_db_per_khz}, {@code slope_500_1500_db_per_khz}: least-squares slope of
 *   {@code 10 log10 P} against frequency in kHz, over the bins in each band;</li>
 *   <li>{@code alpha_ratio_db}: {@code 10 log10} of the power in 50–1000 Hz over that in 1–5 kHz;</li>
 *   <li>{@code hammarberg_db}: {@code 10 log10} of the strongest bin in 0–2 kHz over the strongest in
 *   2–5 kHz.</li>
 * </ul>
 * Each gets the nine functionals of {@link ProsodicFeatures} (mean, stddev, min, max, p20, p50, p80,
 * iqr20_80, slope per second) over <em>active</em> frames: frame power within 40 dB of the loudest frame
 * and above the power of a -90 dBFS signal. Powers are floored at {@code 1e-12} times the frame's mean
 * bin power before logarithms, so every value is finite; functionals of a clip with no active frame
 * (silence) are 0.
 *
 * <p>Thread-safety: immutable; {@link #extract} may be called from any number of threads at once.
 */
public final class SpectralShapeFeatures extends SpectrogramFeatureExtractor {

    static final float SAMPLE_RATE = 16_000f;
    static final int N_FFT = 512;
    static final int HOP = 160;
    private static final String ID = "spectral-shape/1(sr=16000,n_fft=512,hop=160,hann,rolloff=0.85,"
            + "gate=40dB,functionals=9)";
    private static final List<String> LLDS = List.of("centroid_hz", "rolloff85_hz", "flux", "flatness",
            "slope_0_500_db_per_khz", "slope_500_1500_db_per_khz", "alpha_ratio_db", "hammarberg_db");
    private static final List<String> NAMES = names();
    private static final double FRAME_SECONDS = HOP / (double) SAMPLE_RATE;
    private static final Stft STFT = new Stft(N_FFT, HOP);
    private static final Workspace.Slot FLUX_SELECT = new Workspace.Slot("spectral.fluxselect");
    private static final SpectralShapeFeatures INSTANCE = new SpectralShapeFeatures();

    private static final Workspace.Slot LLD = new Workspace.Slot("spectral.lld");
    private static final Workspace.Slot SCRATCH = new Workspace.Slot("spectral.scratch");
    private static final Workspace.Slot MAGNITUDE = new Workspace.Slot("spectral.magnitude");
    private static final Workspace.Slot LOG_POWER = new Workspace.Slot("spectral.logpower");

    private SpectralShapeFeatures() {
    }

    /**
     * The extractor; it has no settings, so one shared instance serves everyone.
     *
     * @return the extractor
     */
    public static SpectralShapeFeatures create() {
        return INSTANCE;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (String lld : LLDS) {
            for (String s : Functionals.SUFFIXES) {
                n.add(lld + "_" + s);
            }
        }
        return List.copyOf(n);
    }

    /** {@inheritDoc} */
    @Override
    public String id() {
        return ID;
    }

    /** {@inheritDoc} */
    @Override
    public List<String> featureNames() {
        return NAMES;
    }

    /** {@inheritDoc} */
    @Override
    public float sampleRateHz() {
        return SAMPLE_RATE;
    }

    /** The framing every feature of this extractor reads. */
    @Override
    Stft stft() {
        return STFT;
    }


    /** {@link #extract} from a spectrogram of the clip at 16 kHz made by {@link #stft()}. */
    @Override
    void extractFrom(PowerSpectrogram s, double[] out, int offset) {
        functionals(s, out, offset);
        checkFinite(out, offset);
    }

    private static void checkFinite(double[] out, int offset) {
        for (int i = offset; i < offset + NAMES.size(); i++) {
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException("clip amplitude is too large for feature extraction ("
                        + NAMES.get(i - offset) + " is " + out[i] + "); samples are expected in [-1, 1]");
            }
        }
    }

    /** Computes all functionals of the spectrogram {@code s} into {@code out} at {@code offset}. */
    static void functionals(PowerSpectrogram s, double[] out, int offset) {
        int frames = s.frames();
        Workspace ws = Workspace.current();
        double[] lld = ws.doubles(LLD, LLDS.size() * frames);
        double[] scratch = ws.doubles(SCRATCH, frames);
        boolean[] active = ActiveFrames.of(s);
        boolean[] fluxSelect = ws.booleans(FLUX_SELECT, frames);
        compute(s, active, lld, frames);
        fluxSelect[0] = false; // flux needs a previous frame
        for (int t = 1; t < frames; t++) {
            fluxSelect[t] = active[t] && active[t - 1];
        }
        for (int d = 0; d < LLDS.size(); d++) {
            Functionals.compute(lld, d * frames, frames, d == 2 ? fluxSelect : active, FRAME_SECONDS, scratch, out,
                    offset + d * Functionals.COUNT);
        }
    }

    /**
     * Per-frame descriptors of the active frames, descriptor-major: {@code lld[d * frames + t]}. The
     * loops over bins keep four partial sums (or products, maxima) so that they are not bound by the
     * latency of one long chain of additions.
     */
    private static void compute(PowerSpectrogram s, boolean[] active, double[] lld, int frames) {
        float[] p = s.data();
        int bins = s.bins();
        Bands b = new Bands(s);
        Workspace ws = Workspace.current();
        float[] magnitude = ws.floats(MAGNITUDE, 2 * bins);
        double[] logPower = ws.doubles(LOG_POWER, b.b1500 + 1);
        int current = 0;
        boolean havePrevious = false;
        for (int t = 0; t < frames; t++) {
            if (!active[t]) {
                havePrevious = false;
                continue;
            }
            int o = s.offset(t);
            double total = descriptors(p, o, bins, b, logPower, lld, frames, t);
            // Flux: unit-norm magnitude spectra of this and the previous active frame.
            int previous = bins - current;
            unitMagnitude(p, o, bins, total, magnitude, current);
            lld[2 * frames + t] = havePrevious ? distance(magnitude, current, previous, bins) : 0;
            havePrevious = true;
            current = previous;
        }
    }

    /**
     * Read chunk by chunk. Whether a frame is active depends on the clip's loudest frame, known once every
     * frame is read: a clip of one chunk computes the descriptors of its active frames in the second pass
     * (the chunk is kept, so nothing is computed twice), as offline. A longer clip computes them in the
     * first pass for every frame that may be active, keeping 64 bytes a frame: the gate only rises as frames
     * are read, so a frame below the gate so far is inactive and skipped, and a frame computed here that the
     * final gate drops is never read.
     */
    @Override
    ChunkedAnalysis analysis(SpectrogramChunks clip) {
        clip.trackTotals();
        int frames = clip.frames();
        int bins = clip.stft().bins();
        boolean deferred = clip.chunks() == 1;
        Workspace ws = Workspace.current();
        double[] lld = ws.doubles(LLD, LLDS.size() * frames);
        float[] magnitude = ws.floats(MAGNITUDE, 2 * bins);
        double absolute = ActiveFrames.absolutePower(clip.stft().nFft());
        return new ChunkedAnalysis() {
            private double loudest;
            private boolean previousRead;
            private int current;
            private Bands b;
            private double[] logPower;

            private void bands(PowerSpectrogram chunk) {
                if (b == null) {
                    b = new Bands(chunk);
                    logPower = Workspace.current().doubles(LOG_POWER, b.b1500 + 1);
                }
            }

            @Override
            void read(PowerSpectrogram chunk, int first) {
                if (deferred) {
                    return;
                }
                bands(chunk);
                float[] p = chunk.data();
                double[] totals = clip.totals();
                for (int t = 0; t < chunk.frames(); t++) {
                    int g = first + t;
                    double total = totals[g];
                    loudest = Math.max(loudest, total);
                    if (!(total > 0 && total >= Math.max(loudest * ActiveFrames.RELATIVE_POWER, absolute))) {
                        previousRead = false;
                        continue;
                    }
                    frame(p, chunk.offset(t), g, total, previousRead);
                    previousRead = true;
                }
            }

            /** Every descriptor of clip frame {@code g}, flux against the frame before if {@code previous}. */
            private void frame(float[] p, int o, int g, double total, boolean previous) {
                descriptors(p, o, bins, b, logPower, lld, frames, g, total);
                int before = bins - current;
                unitMagnitude(p, o, bins, total, magnitude, current);
                lld[2 * frames + g] = previous ? distance(magnitude, current, before, bins) : 0;
                current = before;
            }

            @Override
            boolean rereads() {
                return deferred;
            }

            @Override
            void reread(PowerSpectrogram chunk, int first) {
                // the whole clip, its active frames known: as compute()
                bands(chunk);
                boolean[] active = clip.activeFrames();
                double[] totals = clip.totals();
                boolean previous = false;
                for (int t = 0; t < frames; t++) {
                    if (active[t]) {
                        frame(chunk.data(), chunk.offset(t), t, totals[t], previous);
                    }
                    previous = active[t];
                }
            }

            @Override
            void finish(double[] out, int offset) {
                boolean[] active = clip.activeFrames();
                boolean[] fluxSelect = Workspace.current().booleans(FLUX_SELECT, frames);
                fluxSelect[0] = false;
                for (int t = 1; t < frames; t++) {
                    fluxSelect[t] = active[t] && active[t - 1];
                }
                double[] scratch = Workspace.current().doubles(SCRATCH, frames);
                for (int d = 0; d < LLDS.size(); d++) {
                    Functionals.compute(lld, d * frames, frames, d == 2 ? fluxSelect : active, FRAME_SECONDS,
                            scratch, out, offset + d * Functionals.COUNT);
                }
                checkFinite(out, offset);
            }
        };
    }

    /** Bin indexes of the band edges, for a spectrogram's bin spacing. */
    private static final class Bands {
        final double binHz;
        final int b50;
        final int b500;
        final int b1000;
        final int b1500;
        final int b2000;
        final int b5000;

        Bands(PowerSpectrogram s) {
            binHz = s.binHz(1);
            b50 = bin(s, 50);
            b500 = bin(s, 500);
            b1000 = bin(s, 1000);
            b1500 = bin(s, 1500);
            b2000 = bin(s, 2000);
            b5000 = Math.min(bin(s, 5000), s.bins() - 1);
        }
    }

    /**
     * Every descriptor of frame {@code t} (at {@code p[o..o+bins)}) but the flux into
     * {@code lld[d * frames + t]}.
     *
     * @return the frame's total power
     */
    private static double descriptors(float[] p, int o, int bins, Bands b, double[] logPower, double[] lld,
            int frames, int t) {
        double total = ActiveFrames.sum(p, o, o + bins);
        descriptors(p, o, bins, b, logPower, lld, frames, t, total);
        return total;
    }

    /** As {@link #descriptors(float[], int, int, Bands, double[], double[], int, int)}, the frame's total given. */
    private static void descriptors(float[] p, int o, int bins, Bands b, double[] logPower, double[] lld,
            int frames, int t, double total) {
        double binKhz = b.binHz / 1000;
        double mean = total / bins;
        double floor = 1e-12 * mean;
        lld[t] = weightedSum(p, o, bins) / total * b.binHz;
        lld[frames + t] = rolloff(p, o, bins, total * 0.85) * b.binHz;
        lld[3 * frames + t] = flatness(p, o, bins, mean, floor);
        for (int k = 0; k <= b.b1500; k++) {
            logPower[k] = 10 * Math.log10(atLeast(p[o + k], floor));
        }
        lld[4 * frames + t] = slope(logPower, 0, b.b500) / binKhz;
        lld[5 * frames + t] = slope(logPower, b.b500, b.b1500) / binKhz;
        lld[6 * frames + t] = 10 * Math.log10(Math.max(ActiveFrames.sum(p, o + b.b50, o + b.b1000), floor)
                / Math.max(ActiveFrames.sum(p, o + b.b1000, o + b.b5000 + 1), floor));
        lld[7 * frames + t] = 10 * Math.log10(Math.max(max(p, o, 0, b.b2000), floor)
                / Math.max(max(p, o, b.b2000, b.b5000 + 1), floor));
    }

    /** The unit-norm magnitude spectrum {@code sqrt(P / total)} of the frame at {@code p[o..)} into {@code m[at..)}. */
    private static void unitMagnitude(float[] p, int o, int bins, double total, float[] m, int at) {
        float inverse = (float) (1 / total);
        for (int k = 0; k < bins; k++) {
            m[at + k] = (float) Math.sqrt(p[o + k] * inverse);
        }
    }

    /** Per kept frame: the {@link #LLDS} values, flux last computed against the previous kept frame or NaN. */
    @Override
    FrameMemo newFrameMemo() {
        return new FrameMemo(LLDS.size());
    }

    /**
     * {@link #extractFrom(PowerSpectrogram, double[], int)} with the descriptors of kept frames
     * computed once: a frame's descriptors depend only on its spectrum, its flux on it and the frame
     * before, so a kept flux is reused only when the frame before is kept too (not an edge frame).
     */
    @Override
    void extractFrom(PowerSpectrogram s, FrameMemo memo, double[] out, int offset) {
        int frames = s.frames();
        int bins = s.bins();
        float[] p = s.data();
        Workspace ws = Workspace.current();
        double[] lld = ws.doubles(LLD, LLDS.size() * frames);
        double[] scratch = ws.doubles(SCRATCH, frames);
        boolean[] active = ActiveFrames.of(s);
        boolean[] fluxSelect = ws.booleans(FLUX_SELECT, frames);
        float[] magnitude = ws.floats(MAGNITUDE, 2 * bins);
        Bands b = new Bands(s);
        double[] logPower = ws.doubles(LOG_POWER, b.b1500 + 1);
        memo.ensure(frames + 1);
        double[] kept = memo.values();
        int width = LLDS.size();
        for (int t = 0; t < frames; t++) {
            if (!active[t]) {
                continue; // never read; an inactive frame is not computed, as offline
            }
            long g = s.key(t);
            int row = g >= 0 ? memo.find(g) : -1;
            boolean previousKept = t > 0 && s.key(t - 1) >= 0;
            if (row >= 0) {
                for (int d = 0; d < width; d++) {
                    lld[d * frames + t] = kept[row + d];
                }
            } else {
                descriptors(p, s.offset(t), bins, b, logPower, lld, frames, t);
            }
            if (row < 0 || !previousKept || Double.isNaN(kept[row + 2])) {
                lld[2 * frames + t] = t > 0 && active[t - 1] ? flux(p, s.offset(t - 1), s.offset(t), bins, magnitude) : 0;
            }
            if (row < 0 && g >= 0) {
                row = memo.claim(g);
                for (int d = 0; d < width; d++) {
                    kept[row + d] = lld[d * frames + t];
                }
                if (!previousKept || !active[t - 1]) {
                    kept[row + 2] = Double.NaN; // computed against an edge frame, or not at all
                }
            }
        }
        fluxSelect[0] = false;
        for (int t = 1; t < frames; t++) {
            fluxSelect[t] = active[t] && active[t - 1];
        }
        for (int d = 0; d < LLDS.size(); d++) {
            Functionals.compute(lld, d * frames, frames, d == 2 ? fluxSelect : active, FRAME_SECONDS, scratch, out,
                    offset + d * Functionals.COUNT);
        }
        checkFinite(out, offset);
    }

    /** Spectral flux between the frames at {@code p[before..)} and {@code p[o..)}, as {@link #compute} computes it. */
    private static double flux(float[] p, int before, int o, int bins, float[] magnitude) {
        unitMagnitude(p, before, bins, ActiveFrames.sum(p, before, before + bins), magnitude, bins);
        unitMagnitude(p, o, bins, ActiveFrames.sum(p, o, o + bins), magnitude, 0);
        return distance(magnitude, 0, bins, bins);
    }

    /** The first bin at or above {@code hz}. */
    private static int bin(PowerSpectrogram s, double hz) {
        return (int) Math.ceil(hz / s.binHz(1) - 1e-9);
    }

    private static double weightedSum(float[] p, int o, int bins) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < bins; k += 4) {
            s0 += k * (double) p[o + k];
            s1 += (k + 1) * (double) p[o + k + 1];
            s2 += (k + 2) * (double) p[o + k + 2];
            s3 += (k + 3) * (double) p[o + k + 3];
        }
        for (; k < bins; k++) {
            s0 += k * (double) p[o + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The first bin at which the cumulative power reaches {@code target}; blocks of 8 bins at a time. */
    private static int rolloff(float[] p, int o, int bins, double target) {
        double c = 0;
        int k = 0;
        for (; k + 7 < bins; k += 8) {
            int i = o + k;
            double block = ((double) p[i] + p[i + 1]) + ((double) p[i + 2] + p[i + 3])
                    + (((double) p[i + 4] + p[i + 5]) + ((double) p[i + 6] + p[i + 7]));
            if (c + block >= target) {
                break;
            }
            c += block;
        }
        for (; k < bins; k++) {
            c += p[o + k];
            if (c >= target) {
                return k;
            }
        }
        return bins - 1;
    }

    /** Euclidean distance between {@code m[a..a+n)} and {@code m[b..b+n)}. */
    private static double distance(float[] m, int a, int b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            double d0 = m[a + k] - m[b + k];
            double d1 = m[a + k + 1] - m[b + k + 1];
            double d2 = m[a + k + 2] - m[b + k + 2];
            double d3 = m[a + k + 3] - m[b + k + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; k < n; k++) {
            double d = m[a + k] - m[b + k];
            s0 += d * d;
        }
        return Math.sqrt((s0 + s1) + (s2 + s3));
    }

    private static double max(float[] p, int o, int from, int to) {
        float m0 = 0;
        float m1 = 0;
        int k = from;
        for (; k + 1 < to; k += 2) {
            m0 = Math.max(m0, p[o + k]);
            m1 = Math.max(m1, p[o + k + 1]);
        }
        if (k < to) {
            m0 = Math.max(m0, p[o + k]);
        }
        return Math.max(m0, m1);
    }

    /**
     * Geometric over arithmetic mean of bins 1..bins-2. The logarithm is taken of products of 16
     * powers scaled by the frame mean (each in [1e-12, bins], so a product cannot under- or overflow),
     * sixteen times fewer logarithms than one per bin; four interleaved products keep the
     * multiplications independent.
     */
    private static double flatness(float[] p, int o, int bins, double mean, double floor) {
        double inverseMean = 1 / mean;
        double logSum = 0;
        double l0 = 0;
        double l1 = 0;
        double l2 = 0;
        double l3 = 0;
        double q0 = 1;
        double q1 = 1;
        double q2 = 1;
        double q3 = 1;
        int k = 1;
        int last = bins - 1; // exclusive
        int inProduct = 0;
        for (; k + 3 < last; k += 4) {
            double v0 = atLeast(p[o + k], floor);
            double v1 = atLeast(p[o + k + 1], floor);
            double v2 = atLeast(p[o + k + 2], floor);
            double v3 = atLeast(p[o + k + 3], floor);
            l0 += v0;
            l1 += v1;
            l2 += v2;
            l3 += v3;
            q0 *= v0 * inverseMean;
            q1 *= v1 * inverseMean;
            q2 *= v2 * inverseMean;
            q3 *= v3 * inverseMean;
            if (++inProduct == 16) {
                logSum += Math.log(q0) + Math.log(q1) + Math.log(q2) + Math.log(q3);
                q0 = 1;
                q1 = 1;
                q2 = 1;
                q3 = 1;
                inProduct = 0;
            }
        }
        double q = 1;
        for (; k < last; k++) {
            double v = atLeast(p[o + k], floor);
            l0 += v;
            q *= v * inverseMean;
        }
        logSum += Math.log(q0) + Math.log(q1) + Math.log(q2) + Math.log(q3) + Math.log(q);
        int n = bins - 2;
        double linSum = (l0 + l1) + (l2 + l3);
        double geometric = Math.exp(logSum / n) * mean;
        return Math.min(1.0, geometric / (linSum / n));
    }

    /** {@code max(v, floor)} for finite values; a plain comparison, cheaper than {@link Math#max}'s NaN rules. */
    private static double atLeast(float v, double floor) {
        return v > floor ? v : floor;
    }

    /** Least-squares slope of {@code y[from..to]} against the index. */
    private static double slope(double[] y, int from, int to) {
        int n = to - from + 1;
        double mx = (from + to) / 2.0;
        double sy = 0;
        for (int k = from; k <= to; k++) {
            sy += y[k];
        }
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        for (int k = from; k <= to; k++) {
            double dx = k - mx;
            sxy += dx * (y[k] - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    @Override
    public String toString() {
        return "SpectralShapeFeatures[" + ID + "]";
    }
}
