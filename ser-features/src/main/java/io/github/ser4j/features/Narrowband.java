package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;

/**
 * Another extractor's features of the clip as a telephone line would carry it: the clip is resampled to
 * {@value #RATE_HZ} Hz and back to the inner extractor's rate (ser4j's Kaiser-windowed sinc resampler, pass
 * band to 94% of 4 kHz), so that nothing above about 3.8 kHz reaches the inner extractor.
 *
 * <p>Why: a model trained on wideband speech meets an empty 4–8 kHz band on every telephone call, and the
 * spectral features of that band move by several standard deviations; a model whose front end band-limits
 * every clip, in training and in use, sees the same band on a call as on a studio recording. A clip that is
 * already narrowband (8 kHz audio, resampled to the inner rate before this front end) passes nearly
 * unchanged. The pretrained narrowband model uses it ({@code EmotionClassifier}'s routing of narrowband
 * input; README, "Narrowband input").
 *
 * <p>Its id is {@code band/1(8000Hz)[INNER_ID]}, so a model names exactly what it was trained on.
 * Streams re-extract each requested span.
 *
 * <p>Thread-safety: immutable; safe to share between threads when the inner extractor is.
 */
public final class Narrowband extends ClipFrontEnd {

    /** The rate every clip passes through, in Hz: the G.711 telephone rate. */
    public static final float RATE_HZ = 8000f;
    private static final String PREFIX = "band/1(8000Hz)[";

    /** The telephone band whose power {@link #highBandRatioDb} compares against, lower edge in Hz. */
    public static final double SPEECH_BAND_LOW_HZ = 300;
    /** Upper edge of the telephone band, in Hz. */
    public static final double SPEECH_BAND_HIGH_HZ = 3400;
    /** The band a narrowband channel leaves empty, lower edge in Hz (above 8 kHz audio's Nyquist frequency). */
    public static final double HIGH_BAND_LOW_HZ = 4300;
    /** Upper edge of the high band, in Hz (below 16 kHz audio's Nyquist frequency). */
    public static final double HIGH_BAND_HIGH_HZ = 7500;
    /**
     * A clip is narrowband when its high band holds less power than this, in dB relative to the telephone
     * band: wideband RAVDESS speech measures -30 to -2 dB in every condition of the robustness harness, and a
     * telephone channel's output, stored at 16 kHz, -85 to -39 dB (README, "Narrowband input", measured with
     * {@code NarrowbandRates}); a narrowband clip at a rate of at most 8.6 kHz is not measured (no high band).
     */
    public static final double NARROWBAND_BELOW_DB = -40;
    private static final int FFT_SIZE = 512;
    /** The most frames {@link #highBandRatioDb} analyses (about 8 s of 16 kHz audio; longer clips are sampled evenly). */
    static final int MAX_FRAMES = 256;
    /** Shared by every thread: RealFft holds precomputed tables only, and the window is never written. */
    private static final RealFft FFT = new RealFft(FFT_SIZE);
    private static final double[] WINDOW = hann(FFT_SIZE);

    private static double[] hann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return w;
    }

    private Narrowband(FeatureExtractor inner) {
        super(PREFIX, inner);
        if (inner.sampleRateHz() <= RATE_HZ) {
            throw new IllegalArgumentException("the narrowband front end needs an inner extractor above "
                    + RATE_HZ + " Hz, got " + inner.sampleRateHz() + " Hz (" + inner.id() + ")");
        }
    }

    /**
     * The features of {@code inner} over each clip band-limited through {@link #RATE_HZ}.
     *
     * @param inner the extractor, at a rate above {@link #RATE_HZ}
     * @return the extractor
     * @throws IllegalArgumentException if {@code inner} is null or its rate is not above {@link #RATE_HZ}
     */
    public static Narrowband of(FeatureExtractor inner) {
        return new Narrowband(inner);
    }

    /** Parses {@code band/1(8000Hz)[INNER_ID]} with the inner id resolved by {@link FeatureExtractors#byId}; null if not such an id. */
    static FeatureExtractor parse(String id) {
        FeatureExtractor inner = innerOf(id, PREFIX);
        return inner == null ? null : new Narrowband(inner);
    }

    /**
     * Whether a clip carries nothing above the telephone band: its rate is at most twice
     * {@link #HIGH_BAND_LOW_HZ}, or {@link #highBandRatioDb} is under {@link #NARROWBAND_BELOW_DB}.
     *
     * @param clip the clip, at any rate
     * @return true for telephone-band audio
     * @throws IllegalArgumentException if {@code clip} is null
     */
    public static boolean isNarrowband(AudioClip clip) {
        return highBandRatioDb(clip) < NARROWBAND_BELOW_DB;
    }

    /**
     * The power of the clip's {@link #HIGH_BAND_LOW_HZ}–{@link #HIGH_BAND_HIGH_HZ} band (up to 94% of its
     * Nyquist frequency) relative to its {@link #SPEECH_BAND_LOW_HZ}–{@link #SPEECH_BAND_HIGH_HZ} band, in dB,
     * from the summed power spectra of non-overlapping {@value #FFT_SIZE}-sample Hann frames of the whole clip.
     *
     * @param clip the clip, at any rate
     * @return the ratio in dB; negative infinity when the rate has no high band or the high band is digital
     *     silence under a signal; 0 for digital silence
     * @throws IllegalArgumentException if {@code clip} is null
     */
    public static double highBandRatioDb(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        double rate = clip.sampleRateHz();
        double highTop = Math.min(HIGH_BAND_HIGH_HZ, 0.47 * rate);
        if (highTop <= HIGH_BAND_LOW_HZ) {
            return Double.NEGATIVE_INFINITY;
        }
        RealFft fft = FFT;
        double[] window = WINDOW;
        java.nio.FloatBuffer samples = clip.samplesView();
        float[] frame = new float[FFT_SIZE];
        double[] re = new double[FFT_SIZE / 2 + 1];
        double[] im = new double[FFT_SIZE / 2 + 1];
        double hz = rate / FFT_SIZE;
        int speechLow = (int) Math.ceil(SPEECH_BAND_LOW_HZ / hz);
        int speechHigh = (int) Math.floor(SPEECH_BAND_HIGH_HZ / hz);
        int highLow = (int) Math.ceil(HIGH_BAND_LOW_HZ / hz);
        int highHigh = (int) Math.floor(highTop / hz);
        double speech = 0;
        double high = 0;
        int length = clip.length();
        // at most MAX_FRAMES frames, spread evenly over the clip: a long recording's channel is the same throughout
        int hop = Math.max(FFT_SIZE, (int) Math.ceil(length / (double) MAX_FRAMES));
        for (int offset = 0; offset == 0 || offset + FFT_SIZE <= length; offset += hop) {
            int n = Math.min(FFT_SIZE, length - offset);
            samples.get(offset, frame, 0, n);
            java.util.Arrays.fill(frame, n, FFT_SIZE, 0f);
            fft.forwardWindowed(frame, 0, window, re, im);
            for (int k = speechLow; k <= speechHigh; k++) {
                speech += re[k] * re[k] + im[k] * im[k];
            }
            for (int k = highLow; k <= highHigh; k++) {
                high += re[k] * re[k] + im[k] * im[k];
            }
        }
        if (speech == 0 && high == 0) {
            return 0;
        }
        // per hertz, so that the bands' widths do not enter
        double ratio = (high / (highHigh - highLow + 1)) / (speech / (speechHigh - speechLow + 1));
        return 10 * Math.log10(ratio);
    }

    /** Samples {@code [from, to)} through {@link #RATE_HZ} and back: a new clip of about the same length. */
    @Override
    Handed hand(AudioClip clip, int from, int to) {
        AudioClip band = clip.segment(from, to, 1f).resampledTo(RATE_HZ).resampledTo(clip.sampleRateHz());
        return new Handed(band, 0, band.length());
    }
}
