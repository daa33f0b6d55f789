package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The seed project's 164-value feature vector, reproducing librosa 0.10.1 with default settings
 * ({@code n_fft=2048}, {@code hop_length=512}, centred Hann frames): per frame 20 MFCCs, 12 chroma
 * values ({@code chroma_stft} with estimated tuning), 7 spectral-contrast values, the
 * zero-crossing rate and the RMS energy (41 rows); then over all frames the mean of each row, then
 * the population standard deviation of each row, then the maximum, then the minimum.
 *
 * <p>Names are {@code mfcc1_mean..mfcc20_mean, chroma1_mean..chroma12_mean (C..B),
 * contrast1_mean..contrast7_mean, zcr_mean, rms_mean}, then the same with {@code _std},
 * {@code _max} and {@code _min}.
 *
 * <p>Silence gives finite floor values: every MFCC frame is the DCT of a constant -100 dB mel
 * spectrum ({@code mfcc1 = -100 * sqrt(128)}, about -1131.37, the others 0), chroma, contrast, zero
 * crossing rate and RMS are 0.
 *
 * <p>Thread-safety: immutable; {@link #extract} may be called concurrently. Scratch buffers are
 * thread-confined and reused, so after the first call on a thread extraction allocates only
 * the returned array (and the resampled clip, when the clip's rate differs).
 */
public final class SeedFeatures extends SpectrogramFeatureExtractor {

    /** The rate {@link #create()} works at. */
    public static final float DEFAULT_SAMPLE_RATE_HZ = 16_000f;

    private static final int N_FFT = 2048;
    private static final int HOP = 512;
    static final int ROWS = LibrosaFeatures.N_MFCC + ChromaFilterbank.N_CHROMA
            + LibrosaFeatures.CONTRAST_ROWS + 2;
    private static final List<String> NAMES = names();

    private static final Workspace.Slot MFCC = new Workspace.Slot("seed.mfcc");
    private static final Workspace.Slot CHROMA = new Workspace.Slot("seed.chroma");
    private static final Workspace.Slot CONTRAST = new Workspace.Slot("seed.contrast");
    private static final Workspace.Slot ZCR = new Workspace.Slot("seed.zcr");
    private static final Workspace.Slot RMS = new Workspace.Slot("seed.rms");

    private final LibrosaFeatures librosa;
    private final String id;

    private SeedFeatures(float sampleRateHz) {
        this.librosa = new LibrosaFeatures(sampleRateHz, N_FFT, HOP);
        this.id = String.format(Locale.ROOT, "seed-librosa/1(sr=%s,n_fft=%d,hop=%d,n_mfcc=%d)",
                rateText(sampleRateHz), N_FFT, HOP, LibrosaFeatures.N_MFCC);
    }

    /**
     * The extractor at {@link #DEFAULT_SAMPLE_RATE_HZ}.
     *
     * @return the extractor
     */
    public static SeedFeatures create() {
        return new SeedFeatures(DEFAULT_SAMPLE_RATE_HZ);
    }

    /**
     * The extractor at another sample rate, e.g. 22050 Hz to match librosa's own default.
     *
     * @param sampleRateHz the working rate; clips at other rates are resampled to it
     * @return the extractor
     * @throws IllegalArgumentException if the rate is not finite, is outside the {@link AudioClip}
     *     limits, or is not above 12800 Hz (librosa's top spectral-contrast band starts at 6400 Hz)
     */
    public static SeedFeatures atRate(float sampleRateHz) {
        if (!Float.isFinite(sampleRateHz) || sampleRateHz < AudioClip.MIN_SAMPLE_RATE_HZ
                || sampleRateHz > AudioClip.MAX_SAMPLE_RATE_HZ) {
            throw new IllegalArgumentException("sampleRateHz must be between " + AudioClip.MIN_SAMPLE_RATE_HZ
                    + " and " + AudioClip.MAX_SAMPLE_RATE_HZ + " Hz, got " + sampleRateHz);
        }
        return new SeedFeatures(sampleRateHz);
    }

    private static String rateText(float hz) {
        return hz == Math.rint(hz) ? Long.toString((long) hz) : Float.toString(hz);
    }

    private static List<String> names() {
        List<String> rows = new ArrayList<>(ROWS);
        for (int i = 1; i <= LibrosaFeatures.N_MFCC; i++) {
            rows.add("mfcc" + i);
        }
        for (int i = 1; i <= ChromaFilterbank.N_CHROMA; i++) {
            rows.add("chroma" + i);
        }
        for (int i = 1; i <= LibrosaFeatures.CONTRAST_ROWS; i++) {
            rows.add("contrast" + i);
        }
        rows.add("zcr");
        rows.add("rms");
        List<String> names = new ArrayList<>(4 * ROWS);
        for (String stat : new String[] {"mean", "std", "max", "min"}) {
            for (String row : rows) {
                names.add(row + "_" + stat);
            }
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code seed-librosa/1(sr=..,n_fft=2048,hop=512,n_mfcc=20)}
     */
    @Override
    public String id() {
        return id;
    }

    /**
     * {@inheritDoc}
     *
     * @return 164 names, means first, then standard deviations, maxima, minima
     */
    @Override
    public List<String> featureNames() {
        return NAMES;
    }

    /**
     * {@inheritDoc}
     *
     * @return 164
     */
    @Override
    public int dimension() {
        return NAMES.size();
    }

    /** {@inheritDoc} */
    @Override
    public float sampleRateHz() {
        return librosa.sampleRateHz();
    }


    /** The STFT this extractor reads, so a composite can share one spectrogram between parts. */
    @Override
    Stft stft() {
        return librosa.stft();
    }

    /**
     * The 164 features from a spectrogram made by {@link #stft()} of a clip at
     * {@link #sampleRateHz()}, written to {@code out[offset..offset+164)}.
     *
     * @throws IllegalArgumentException if a value is not finite (amplitude far outside [-1, 1])
     */
    @Override
    void extractFrom(PowerSpectrogram s, double[] out, int offset) {
        extractFrom(s, null, out, offset);
    }

    /** Per kept frame: mel energies, piptrack candidates, contrast peaks and valleys, chroma. */
    @Override
    FrameMemo newFrameMemo() {
        return librosa.seedMemo();
    }

    /** As offline, with the per-frame values of kept frames from {@code memo} (null: none kept). */
    @Override
    void extractFrom(PowerSpectrogram s, FrameMemo memo, double[] out, int offset) {
        Workspace ws = Workspace.current();
        int frames = s.frames();

        double[] m = ws.doubles(MFCC, frames * LibrosaFeatures.N_MFCC);
        double[] c = ws.doubles(CHROMA, frames * ChromaFilterbank.N_CHROMA);
        double[] k = ws.doubles(CONTRAST, frames * LibrosaFeatures.CONTRAST_ROWS);
        if (memo == null) {
            librosa.seedMatrices(s, m, c, k);
        } else {
            librosa.seedMatrices(s, memo, m, c, k);
        }
        double[] z = ws.doubles(ZCR, frames);
        librosa.zeroCrossingRate(s, z);
        double[] r = ws.doubles(RMS, frames);
        librosa.rms(s, r);
        summarise(m, c, k, z, r, frames, out, offset);
    }

    /** Read chunk by chunk: per-frame values for the whole clip, chroma in a second pass. */
    @Override
    ChunkedAnalysis analysis(SpectrogramChunks clip) {
        LibrosaFeatures.SeedAnalysis a = librosa.new SeedAnalysis(clip, MFCC, CHROMA, CONTRAST, ZCR, RMS);
        int frames = clip.frames();
        return new ChunkedAnalysis() {
            @Override
            void read(PowerSpectrogram chunk, int first) {
                a.read(chunk, first);
            }

            @Override
            boolean rereads() {
                return true;
            }

            @Override
            void reread(PowerSpectrogram chunk, int first) {
                a.reread(chunk, first);
            }

            @Override
            void finish(double[] out, int offset) {
                a.finish();
                summarise(a.mfcc, a.chroma, a.contrast, a.zcr, a.rms, frames, out, offset);
            }
        };
    }

    /** The statistics of the frame-major matrices, then the check that all are finite. */
    private static void summarise(double[] m, double[] c, double[] k, double[] z, double[] r, int frames,
            double[] out, int offset) {
        int row = statistics(m, frames, LibrosaFeatures.N_MFCC, out, offset, 0);
        row = statistics(c, frames, ChromaFilterbank.N_CHROMA, out, offset, row);
        row = statistics(k, frames, LibrosaFeatures.CONTRAST_ROWS, out, offset, row);
        row = statistics(z, frames, 1, out, offset, row);
        statistics(r, frames, 1, out, offset, row);
        for (int i = 0; i < 4 * ROWS; i++) {
            if (!Double.isFinite(out[offset + i])) {
                throw new IllegalArgumentException("clip amplitude is too large for feature extraction ("
                        + NAMES.get(i) + " is " + out[offset + i] + "); samples are expected in [-1, 1]");
            }
        }
    }

    /**
     * Mean, population std, max and min over frames of each of {@code cols} rows of a frame-major
     * matrix, written at {@code out[offset + firstRow + j + {0,1,2,3} * ROWS]}.
     *
     * @return {@code firstRow + cols}
     */
    private static int statistics(double[] x, int frames, int cols, double[] out, int offset, int firstRow) {
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (int t = 0; t < frames; t++) {
                double v = x[t * cols + j];
                sum += v;
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
            double mean = sum / frames;
            double sq = 0;
            for (int t = 0; t < frames; t++) {
                double d = x[t * cols + j] - mean;
                sq += d * d;
            }
            int r = offset + firstRow + j;
            out[r] = mean;
            out[ROWS + r] = Math.sqrt(sq / frames);
            out[2 * ROWS + r] = max;
            out[3 * ROWS + r] = min;
        }
        return firstRow + cols;
    }

    /** The librosa feature matrices behind this extractor, for tests in this package. */
    LibrosaFeatures librosa() {
        return librosa;
    }

    @Override
    public String toString() {
        return "SeedFeatures[" + id + "]";
    }
}
