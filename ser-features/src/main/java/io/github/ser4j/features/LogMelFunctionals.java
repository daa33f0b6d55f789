package io.github.ser4j.features;

import java.util.ArrayList;
import java.util.List;

/**
 * Log-mel band functionals: the shape of the spectral envelope and its dynamics per mel band,
 * summarised per clip ({@value #BANDS} bands × 10 values = 400 values).
 *
 * <p>Frames: 512-sample (32 ms) periodic Hann windows every 160 samples (10 ms) at 16 kHz, centred
 * (the framing of {@link MfccStatistics}). Per frame: {@value #BANDS} Slaney mel bands over 0–8 kHz,
 * {@code power_to_db} (floor {@code 1e-10}, at most 80 dB below the clip's loudest band).
 *
 * <p>Per clip, over active frames (within 40 dB of the loudest frame and above -90 dBFS): for each
 * band {@code logmel0..} the nine functionals {@code mean, stddev, min, max, p20, p50, p80, iqr20_80,
 * slope} (slope in dB per second) and {@code d_stddev}, the standard deviation of the band's
 * regression delta (±2 frames), which measures how fast the band moves. A clip with no active frame
 * (silence) gives zeros.
 *
 * <p>Thread-safety: immutable; {@link #extract} may be called from any number of threads at once.
 */
public final class LogMelFunctionals extends SpectrogramFeatureExtractor {

    static final float SAMPLE_RATE = 16_000f;
    static final int BANDS = 40;
    private static final int N_FFT = 512;
    private static final int HOP = 160;
    private static final String ID = "logmel-functionals/1(sr=16000,n_fft=512,hop=160,n_mels=" + BANDS
            + ",fmax=8000,gate=40dB)";
    private static final double FRAME_SECONDS = HOP / (double) SAMPLE_RATE;
    private static final int PER_BAND = Functionals.COUNT + 1;
    private static final List<String> NAMES = names();
    private static final Stft STFT = new Stft(N_FFT, HOP);
    private static final MelFilterbank MEL = new MelFilterbank(SAMPLE_RATE, N_FFT, BANDS, 0, SAMPLE_RATE / 2);
    private static final LogMelFunctionals INSTANCE = new LogMelFunctionals();

    private static final Workspace.Slot MELS = new Workspace.Slot("logmel.mel");
    private static final Workspace.Slot BAND = new Workspace.Slot("logmel.band");
    private static final Workspace.Slot SCRATCH = new Workspace.Slot("logmel.scratch");

    private LogMelFunctionals() {
    }

    /**
     * The extractor; it has no settings, so one shared instance serves everyone.
     *
     * @return the extractor
     */
    public static LogMelFunctionals create() {
        return INSTANCE;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (int b = 0; b < BANDS; b++) {
            for (String s : Functionals.SUFFIXES) {
                n.add("logmel" + b + "_" + s);
            }
            n.add("logmel" + b + "_d_stddev");
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

    @Override
    Stft stft() {
        return STFT;
    }

    @Override
    void extractFrom(PowerSpectrogram s, double[] out, int offset) {
        int frames = s.frames();
        Workspace ws = Workspace.current();
        double[] mel = ws.doubles(MELS, frames * BANDS);
        float[] p = s.data();
        for (int t = 0; t < frames; t++) {
            MEL.apply(p, s.offset(t), mel, t * BANDS);
        }
        Decibels.powerToDb(mel, 0, frames * BANDS);
        summarise(s, mel, out, offset);
    }

    /** Per kept frame: the mel bands in dB before the span's top-db floor, and their maximum. */
    @Override
    FrameMemo newFrameMemo() {
        return new FrameMemo(BANDS + 1);
    }

    /** As offline, with the dB values of kept frames from {@code memo}; the top-db floor is applied per span. */
    @Override
    void extractFrom(PowerSpectrogram s, FrameMemo memo, double[] out, int offset) {
        int frames = s.frames();
        double[] mel = Workspace.current().doubles(MELS, frames * BANDS);
        float[] p = s.data();
        memo.ensure(frames + 1);
        double[] kept = memo.values();
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            long g = s.key(t);
            int row = g >= 0 ? memo.find(g) : -1;
            if (row >= 0) {
                System.arraycopy(kept, row, mel, t * BANDS, BANDS);
                max = Math.max(max, kept[row + BANDS]);
                continue;
            }
            MEL.apply(p, s.offset(t), mel, t * BANDS);
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = t * BANDS; i < (t + 1) * BANDS; i++) {
                mel[i] = Decibels.db(mel[i]);
                hi = Math.max(hi, mel[i]);
            }
            max = Math.max(max, hi);
            if (g >= 0) {
                row = memo.claim(g);
                System.arraycopy(mel, t * BANDS, kept, row, BANDS);
                kept[row + BANDS] = hi;
            }
        }
        double floor = max - Decibels.TOP_DB;
        for (int i = 0; i < frames * BANDS; i++) {
            if (mel[i] < floor) {
                mel[i] = floor;
            }
        }
        summarise(s, mel, out, offset);
    }

    /** Activity, deltas and functionals of the frame-major dB matrix {@code mel}. */
    private static void summarise(PowerSpectrogram s, double[] mel, double[] out, int offset) {
        int frames = s.frames();
        Workspace ws = Workspace.current();
        boolean[] active = ActiveFrames.of(s);
        // Band-major copies: static values in [0, frames), deltas in [frames, 2 * frames).
        double[] band = ws.doubles(BAND, 2 * frames);
        double[] scratch = ws.doubles(SCRATCH, frames + Functionals.COUNT);
        double[] stats = new double[Functionals.COUNT];
        for (int b = 0; b < BANDS; b++) {
            for (int t = 0; t < frames; t++) {
                band[t] = mel[t * BANDS + b];
            }
            MfccStatistics.delta(band, 0, band, frames, frames);
            int o = offset + b * PER_BAND;
            Functionals.compute(band, 0, frames, active, FRAME_SECONDS, scratch, out, o);
            Functionals.compute(band, frames, frames, active, FRAME_SECONDS, scratch, stats, 0);
            out[o + Functionals.COUNT] = stats[1];
        }
        for (int i = 0; i < NAMES.size(); i++) {
            if (!Double.isFinite(out[offset + i])) {
                throw new IllegalArgumentException("clip amplitude is too large for feature extraction ("
                        + NAMES.get(i) + " is " + out[offset + i] + "); samples are expected in [-1, 1]");
            }
        }
    }

    @Override
    public String toString() {
        return "LogMelFunctionals[" + ID + "]";
    }
}
