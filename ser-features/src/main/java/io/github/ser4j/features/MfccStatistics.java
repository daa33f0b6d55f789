package io.github.ser4j.features;

import java.util.ArrayList;
import java.util.List;

/**
 * MFCCs with deltas and delta-deltas at speech settings, summarised per clip (221 values).
 *
 * <p>Frames: 512-sample (32 ms) periodic Hann windows every 160 samples (10 ms) at 16 kHz, centred, on
 * the shared STFT engine. Per frame: 40 Slaney mel bands (0–8 kHz, librosa's {@code filters.mel}),
 * {@code power_to_db} (floor {@code 1e-10}, at most 80 dB below the clip's loudest band), orthonormal
 * DCT-II, coefficients {@code c0..c12} — what {@code librosa.feature.mfcc(sr=16000, n_fft=512,
 * hop_length=160, n_mels=40, n_mfcc=13)} computes. Deltas are the regression
 * {@code d[t] = sum_{n=1..2} n (c[t+n] - c[t-n]) / 10} over all frames (edge frames repeated),
 * delta-deltas the same applied to the deltas.
 *
 * <p>Per clip, over <em>active</em> frames (frame power within 40 dB of the loudest frame and above
 * -90 dBFS, so leading and trailing silence do not count): for each {@code mfcc0..mfcc12} the nine
 * functionals {@code mean, stddev, min, max, p20, p50, p80, iqr20_80, slope} (slope per second);
 * for each {@code mfcc_d0..12} and {@code mfcc_dd0..12} the {@code mean}, {@code stddev}, {@code p20} and
 * {@code p80}. A clip with no active frame (silence) gives zeros.
 *
 * <p>Thread-safety: immutable; {@link #extract} may be called from any number of threads at once.
 */
public final class MfccStatistics extends SpectrogramFeatureExtractor {

    static final float SAMPLE_RATE = 16_000f;
    static final int N_FFT = 512;
    static final int HOP = 160;
    static final int N_MELS = 40;
    static final int N_MFCC = 13;
    private static final int DELTA_WIDTH = 2;
    private static final String ID = "mfcc-stats/1(sr=16000,n_fft=512,hop=160,n_mels=40,n_mfcc=13,"
            + "delta=2,gate=40dB)";
    private static final List<String> DELTA_SUFFIXES = List.of("mean", "stddev", "p20", "p80");
    private static final List<String> NAMES = names();
    private static final double FRAME_SECONDS = HOP / (double) SAMPLE_RATE;
    private static final Stft STFT = new Stft(N_FFT, HOP);
    private static final MelFilterbank MEL = new MelFilterbank(SAMPLE_RATE, N_FFT, N_MELS, 0, SAMPLE_RATE / 2);
    /** Orthonormal DCT-II matrix, transposed: {@code DCT_T[band * N_MFCC + coefficient]}. */
    private static final double[] DCT_T = dct();
    private static final MfccStatistics INSTANCE = new MfccStatistics();

    private static final Workspace.Slot MELS = new Workspace.Slot("mfccstats.mel");
    private static final Workspace.Slot COEFFS = new Workspace.Slot("mfccstats.coeffs");
    private static final Workspace.Slot SCRATCH = new Workspace.Slot("mfccstats.scratch");
    private static final Workspace.Slot BAND_MAJOR = new Workspace.Slot("mfccstats.bandmajor");
    /** Frames per band-major block of the chunked DCT (80 KB). */
    private static final int DCT_BLOCK = 256;

    private MfccStatistics() {
    }

    /**
     * The extractor; it has no settings, so one shared instance serves everyone.
     *
     * @return the extractor
     */
    public static MfccStatistics create() {
        return INSTANCE;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (int j = 0; j < N_MFCC; j++) {
            for (String s : Functionals.SUFFIXES) {
                n.add("mfcc" + j + "_" + s);
            }
        }
        for (String kind : List.of("mfcc_d", "mfcc_dd")) {
            for (int j = 0; j < N_MFCC; j++) {
                for (String s : DELTA_SUFFIXES) {
                    n.add(kind + j + "_" + s);
                }
            }
        }
        return List.copyOf(n);
    }

    private static double[] dct() {
        double[] d = new double[N_MFCC * N_MELS];
        for (int j = 0; j < N_MFCC; j++) {
            double scale = j == 0 ? Math.sqrt(1.0 / N_MELS) : Math.sqrt(2.0 / N_MELS);
            for (int m = 0; m < N_MELS; m++) {
                d[m * N_MFCC + j] = scale * Math.cos(Math.PI * j * (2 * m + 1) / (2.0 * N_MELS));
            }
        }
        return d;
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
        int frames = s.frames();
        Workspace ws = Workspace.current();
        // Band-major (one row of `frames` values per band), so the DCT below runs over frames.
        double[] mel = ws.doubles(MELS, frames * N_MELS);
        MEL.applyBandMajor(s, mel);
        Decibels.powerToDb(mel, 0, frames * N_MELS);
        // Coefficient-major rows: static, delta, delta-delta, each N_MFCC rows of `frames` values.
        // Frames innermost: the JIT vectorises the loop, and each value is still summed band by band.
        double[] c = ws.doubles(COEFFS, 3 * N_MFCC * frames);
        dctOverFrames(mel, frames, c, 0, frames);
        summarise(frames, ActiveFrames.of(s), c, out, offset);
    }

    /**
     * The coefficients of the {@code n} frames of the band-major dB matrix {@code mel} (rows of {@code n})
     * into the coefficient-major rows of {@code c}, frame {@code t} at {@code c[j * stride + to + t]}, each
     * summed band by band from 0 as {@link #dct} does. Frames innermost: the JIT vectorises the loop.
     */
    private static void dctOverFrames(double[] mel, int n, double[] c, int to, int stride) {
        for (int j = 0; j < N_MFCC; j++) {
            int row = j * stride + to;
            java.util.Arrays.fill(c, row, row + n, 0.0);
            for (int i = 0; i < N_MELS; i++) {
                double d = DCT_T[i * N_MFCC + j];
                int band = i * n;
                for (int t = 0; t < n; t++) {
                    c[row + t] += d * mel[band + t];
                }
            }
        }
    }

    /**
     * Read chunk by chunk: each frame's mel bands in dB (before the clip's top-db floor) are kept for
     * the whole clip (320 bytes a frame), then floored and transformed with the offline sums.
     */
    @Override
    ChunkedAnalysis analysis(SpectrogramChunks clip) {
        clip.trackTotals();
        int frames = clip.frames();
        Workspace ws = Workspace.current();
        double[] mel = ws.doubles(MELS, frames * N_MELS); // frame-major here
        return new ChunkedAnalysis() {
            private double max = Double.NEGATIVE_INFINITY;

            @Override
            void read(PowerSpectrogram chunk, int first) {
                MEL.applyFrames(chunk, mel, first);
                for (int t = 0; t < chunk.frames(); t++) {
                    int at = (first + t) * N_MELS;
                    for (int i = at; i < at + N_MELS; i++) {
                        double db = Decibels.db(mel[i]);
                        mel[i] = db;
                        if (db > max) {
                            max = db; // as Decibels.powerToDb
                        }
                    }
                }
            }

            @Override
            void finish(double[] out, int offset) {
                double floor = max - Decibels.TOP_DB;
                for (int i = 0; i < frames * N_MELS; i++) {
                    if (mel[i] < floor) {
                        mel[i] = floor;
                    }
                }
                Workspace ws = Workspace.current();
                double[] c = ws.doubles(COEFFS, 3 * N_MFCC * frames);
                // a block of frames at a time made band-major (memory stays bounded), so the DCT runs over
                // frames as offline: the same sums in the same order
                double[] block = ws.doubles(BAND_MAJOR, DCT_BLOCK * N_MELS);
                for (int t0 = 0; t0 < frames; t0 += DCT_BLOCK) {
                    int n = Math.min(DCT_BLOCK, frames - t0);
                    for (int t = 0; t < n; t++) {
                        for (int m = 0; m < N_MELS; m++) {
                            block[m * n + t] = mel[(t0 + t) * N_MELS + m];
                        }
                    }
                    dctOverFrames(block, n, c, t0, frames);
                }
                summarise(frames, clip.activeFrames(), c, out, offset);
            }
        };
    }

    /** Where a memo row keeps each value: mel dB before the top-db floor, coefficients from them, min, max. */
    private static final int MEMO_COEFFS = N_MELS;
    private static final int MEMO_MIN = MEMO_COEFFS + N_MFCC;
    private static final int MEMO_MAX = MEMO_MIN + 1;
    /** The last top-db floor that lifted a band of the frame, and the coefficients it gave. */
    private static final int MEMO_FLOOR = MEMO_MAX + 1;
    private static final int MEMO_FLOORED = MEMO_FLOOR + 1;
    private static final Workspace.Slot BAND = new Workspace.Slot("mfccstats.band");

    /** Per kept frame: the mel bands in dB (before the span's top-db floor) and the coefficients of those. */
    @Override
    FrameMemo newFrameMemo() {
        return new FrameMemo(MEMO_FLOORED + N_MFCC);
    }

    /**
     * As offline: the top-db floor depends on the span's loudest band, so a kept frame's coefficients
     * are reused only when none of its bands lies below the span's floor; otherwise its kept dB values
     * are floored and transformed again (same sums in the same order as the offline DCT).
     */
    @Override
    void extractFrom(PowerSpectrogram s, FrameMemo memo, double[] out, int offset) {
        int frames = s.frames();
        Workspace ws = Workspace.current();
        float[] p = s.data();
        double[] mel = ws.doubles(MELS, frames * N_MELS); // band-major dB, as offline
        double[] band = ws.doubles(BAND, N_MELS);
        double[] c = ws.doubles(COEFFS, 3 * N_MFCC * frames);
        memo.ensure(frames + 1);
        double[] kept = memo.values();
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            long g = s.key(t);
            int row = g >= 0 ? memo.find(g) : -1;
            if (row < 0) {
                MEL.apply(p, s.offset(t), band, 0);
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int m = 0; m < N_MELS; m++) {
                    band[m] = Decibels.db(band[m]);
                    lo = Math.min(lo, band[m]);
                    hi = Math.max(hi, band[m]);
                }
                if (g >= 0) {
                    row = memo.claim(g);
                    System.arraycopy(band, 0, kept, row, N_MELS);
                    dct(band, 0, 1, kept, row + MEMO_COEFFS, 1);
                    kept[row + MEMO_MIN] = lo;
                    kept[row + MEMO_MAX] = hi;
                    kept[row + MEMO_FLOOR] = Double.NaN;
                }
                for (int m = 0; m < N_MELS; m++) {
                    mel[m * frames + t] = band[m];
                }
                max = Math.max(max, hi);
            } else {
                for (int m = 0; m < N_MELS; m++) {
                    mel[m * frames + t] = kept[row + m];
                }
                max = Math.max(max, kept[row + MEMO_MAX]);
            }
        }
        double floor = max - Decibels.TOP_DB;
        for (int t = 0; t < frames; t++) {
            long g = s.key(t);
            int row = g >= 0 ? memo.find(g) : -1;
            if (row >= 0 && (kept[row + MEMO_MIN] >= floor || kept[row + MEMO_FLOOR] == floor)) {
                // untouched by the floor, or floored by this same floor before
                int from = row + (kept[row + MEMO_MIN] >= floor ? MEMO_COEFFS : MEMO_FLOORED);
                for (int j = 0; j < N_MFCC; j++) {
                    c[j * frames + t] = kept[from + j];
                }
                continue;
            }
            for (int m = 0; m < N_MELS; m++) {
                int i = m * frames + t;
                if (mel[i] < floor) {
                    mel[i] = floor;
                }
            }
            dct(mel, t, frames, c, t, frames);
            if (row >= 0) {
                kept[row + MEMO_FLOOR] = floor;
                for (int j = 0; j < N_MFCC; j++) {
                    kept[row + MEMO_FLOORED + j] = c[j * frames + t];
                }
            }
        }
        summarise(frames, ActiveFrames.of(s), c, out, offset);
    }

    /**
     * The coefficients of one frame, mel dB at {@code mel[from + m * stride]}, into
     * {@code c[to + j * outStride]}: each summed band by band from 0, as the offline loop does.
     */
    private static void dct(double[] mel, int from, int stride, double[] c, int to, int outStride) {
        for (int j = 0; j < N_MFCC; j++) {
            double sum = 0.0;
            for (int i = 0; i < N_MELS; i++) {
                sum += DCT_T[i * N_MFCC + j] * mel[from + i * stride];
            }
            c[to + j * outStride] = sum;
        }
    }

    /** Deltas, delta-deltas and the functionals of the coefficient-major matrix {@code c}. */
    private static void summarise(int frames, boolean[] active, double[] c, double[] out, int offset) {
        Workspace ws = Workspace.current();
        for (int j = 0; j < N_MFCC; j++) {
            delta(c, j * frames, c, (N_MFCC + j) * frames, frames);
            delta(c, (N_MFCC + j) * frames, c, (2 * N_MFCC + j) * frames, frames);
        }
        double[] scratch = ws.doubles(SCRATCH, frames + Functionals.COUNT);
        int o = offset;
        for (int j = 0; j < N_MFCC; j++) {
            Functionals.compute(c, j * frames, frames, active, FRAME_SECONDS, scratch, out, o);
            o += Functionals.COUNT;
        }
        for (int j = N_MFCC; j < 3 * N_MFCC; j++) {
            Functionals.spread(c, j * frames, frames, active, scratch, out, o); // mean, stddev, p20, p80
            o += DELTA_SUFFIXES.size();
        }
        for (int i = offset; i < o; i++) {
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException("clip amplitude is too large for feature extraction ("
                        + NAMES.get(i - offset) + " is " + out[i] + "); samples are expected in [-1, 1]");
            }
        }
    }

    /** Regression delta over {@code +-DELTA_WIDTH} frames, repeating the edge frames. */
    static void delta(double[] in, int from, double[] out, int to, int frames) {
        double norm = 0;
        for (int n = 1; n <= DELTA_WIDTH; n++) {
            norm += 2.0 * n * n;
        }
        int last = frames - 1;
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            for (int n = 1; n <= DELTA_WIDTH; n++) {
                double ahead = in[from + Math.min(t + n, last)];
                double behind = in[from + Math.max(t - n, 0)];
                sum += n * (ahead - behind);
            }
            out[to + t] = sum / norm;
        }
    }

    @Override
    public String toString() {
        return "MfccStatistics[" + ID + "]";
    }
}
