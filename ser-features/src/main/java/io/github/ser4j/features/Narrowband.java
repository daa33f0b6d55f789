package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;

/**
 * Another extractor's features of the clip as a telephone line would carry it: the clip is low-pass filtered
 * at the inner extractor's rate, pass band to {@value #PASS_HZ} Hz, stop band from {@value #STOP_HZ} Hz at least
 * 79 dB down (NarrowbandTest, from the taps), so that nothing above the telephone band reaches the inner extractor. The filter is a linear-phase
 * Kaiser-windowed sinc (beta 8.6) cut off at 4 kHz, at 16 kHz a half-band filter whose every other tap is zero;
 * an own filter, applying only its non-zero taps, rather than a round trip through 8 kHz with
 * {@link AudioClip#resampledTo}, which gives the same band at several times the cost (11 ms for a 3.8 s clip).
 *
 * <p>Why: a model trained on wideband speech meets an empty 4–8 kHz band on every telephone call, and the
 * spectral features of that band move by several standard deviations; a model whose front end band-limits
 * every clip, in training and in use, sees the same band on a call as on a studio recording. A clip that is
 * already narrowband (8 kHz audio, resampled to the inner rate before this front end) passes nearly
 * unchanged. The pretrained narrowband model uses it ({@code EmotionClassifier}'s routing of narrowband
 * input; README, "Narrowband input").
 *
 * <p>Its id is {@code band/1(lowpass=3600-4400Hz)[INNER_ID]}, so a model names exactly what it was trained on.
 * Streams re-extract each requested span.
 *
 * <p>Thread-safety: immutable; safe to share between threads when the inner extractor is.
 */
public final class Narrowband extends ClipFrontEnd {

    /** Upper edge of the filter's pass band, in Hz. */
    public static final double PASS_HZ = 3600;
    /** Lower edge of the filter's stop band, in Hz: the cut-off, half the G.711 telephone rate, is half-way. */
    public static final double STOP_HZ = 4400;
    private static final double KAISER_BETA = 8.6;
    private static final String PREFIX = "band/1(lowpass=3600-4400Hz)[";

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
     * band: wideband RAVDESS speech measures -30 to -1 dB in every condition of the robustness harness, and a
     * telephone channel's output, stored at 16 kHz, -85 to -38 dB (README, "Narrowband input", measured with
     * {@code NarrowbandRates}); a narrowband clip at a rate of at most 9.1 kHz is not measured ({@link #isNarrowbandRate}).
     */
    public static final double NARROWBAND_BELOW_DB = -40;
    private static final int FFT_SIZE = 512;
    /** The most frames {@link #highBandRatioDb} analyses (about 2 s of 16 kHz audio, spread evenly over a longer clip: the channel is a property of the whole recording, and the check runs on every prediction). */
    static final int MAX_FRAMES = 64;
    /** Shared by every thread: RealFft holds precomputed tables only, and the window is never written. */
    private static final RealFft FFT = new RealFft(FFT_SIZE);
    private static final double[] WINDOW = Stft.periodicHann(FFT_SIZE);

    /** The filter's non-zero taps, and the index of each in the whole filter. */
    private final float[] taps;
    private final int[] offsets;
    /** The whole filter's length (odd). */
    private final int length;

    private Narrowband(FeatureExtractor inner) {
        super(PREFIX, inner);
        if (inner.sampleRateHz() <= 2 * STOP_HZ) {
            throw new IllegalArgumentException("the narrowband front end needs an inner extractor above "
                    + 2 * STOP_HZ + " Hz, got " + inner.sampleRateHz() + " Hz (" + inner.id() + ")");
        }
        float[] h = lowPass(inner.sampleRateHz());
        int nonZero = 0;
        for (float v : h) {
            nonZero += v != 0 ? 1 : 0;
        }
        this.taps = new float[nonZero];
        this.offsets = new int[nonZero];
        this.length = h.length;
        for (int k = 0, t = 0; k < h.length; k++) {
            if (h[k] != 0) {
                taps[t] = h[k];
                offsets[t++] = k;
            }
        }
    }

    /**
     * The filter's taps at {@code rate}: a sinc cut off half-way through the transition band, Kaiser-windowed,
     * of the length Kaiser's formula gives for 86 dB over that transition, odd so that the delay is whole.
     */
    static float[] lowPass(double rate) {
        double transition = 2 * Math.PI * (STOP_HZ - PASS_HZ) / rate;
        int n = (int) Math.ceil((86 - 7.95) / (2.285 * transition)) | 1;
        double cutoff = (PASS_HZ + STOP_HZ) / 2 / rate; // cycles per sample; 1/4 at 16 kHz
        int half = n / 2;
        double i0Beta = besselI0(KAISER_BETA);
        float[] h = new float[n];
        for (int k = 0; k < n; k++) {
            int m = k - half;
            double sinc = m == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
            if (Math.abs(sinc) < 1e-12) {
                sinc = 0; // a half-band filter's even taps: sin of a multiple of pi, zero but for rounding
            }
            double r = m / (double) half;
            h[k] = (float) (sinc * besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta);
        }
        return h;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50 && term > 1e-12 * sum; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }

    /**
     * The features of {@code inner} over each clip low-pass filtered to the telephone band.
     *
     * @param inner the extractor, at a rate above twice {@link #STOP_HZ}
     * @return the extractor
     * @throws IllegalArgumentException if {@code inner} is null or its rate is not above twice {@link #STOP_HZ}
     */
    public static Narrowband of(FeatureExtractor inner) {
        return new Narrowband(inner);
    }

    /** Parses {@code band/1(lowpass=3600-4400Hz)[INNER_ID]} with the inner id resolved by {@link FeatureExtractors#byId}; null if not such an id. */
    static FeatureExtractor parse(String id) {
        FeatureExtractor inner = innerOf(id, PREFIX);
        return inner == null ? null : new Narrowband(inner);
    }

    /**
     * Whether a clip carries nothing above the telephone band: its rate cannot ({@link #isNarrowbandRate}), or
     * {@link #highBandRatioDb} is under {@link #NARROWBAND_BELOW_DB}.
     *
     * @param clip the clip, at any rate
     * @return true for telephone-band audio
     * @throws IllegalArgumentException if {@code clip} is null
     */
    public static boolean isNarrowband(AudioClip clip) {
        return highBandRatioDb(clip) < NARROWBAND_BELOW_DB;
    }

    /**
     * Whether audio at this rate cannot carry the high band: up to 94% of its Nyquist frequency lies at or under
     * {@link #HIGH_BAND_LOW_HZ} (rates up to about 9.1 kHz, for example 8 kHz).
     *
     * @param rateHz a sample rate
     * @return true for telephone-rate audio
     */
    public static boolean isNarrowbandRate(double rateHz) {
        return highBandTop(rateHz) <= HIGH_BAND_LOW_HZ;
    }

    /** The high band's upper edge at {@code rateHz}: {@link #HIGH_BAND_HIGH_HZ}, or 94% of the Nyquist frequency below it. */
    private static double highBandTop(double rateHz) {
        return Math.min(HIGH_BAND_HIGH_HZ, 0.47 * rateHz);
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
        if (isNarrowbandRate(rate)) {
            return Double.NEGATIVE_INFINITY;
        }
        double highTop = highBandTop(rate);
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

    /** Samples {@code [from, to)} low-pass filtered (zeros beyond the ends): a new clip of the same length. */
    @Override
    Handed hand(AudioClip clip, int from, int to) {
        int n = to - from;
        int half = length / 2;
        // the input with half a filter of zeros on each side, so that the inner loops need no bounds tests
        float[] x = new float[n + 2 * half];
        clip.samplesView().get(from, x, half, n);
        float[] y = new float[n];
        int t = 0;
        for (; t + 4 <= taps.length; t += 4) { // four taps a pass: a quarter of the loads and stores of y
            float h0 = taps[t];
            float h1 = taps[t + 1];
            float h2 = taps[t + 2];
            float h3 = taps[t + 3];
            int o0 = offsets[t];
            int o1 = offsets[t + 1];
            int o2 = offsets[t + 2];
            int o3 = offsets[t + 3];
            for (int i = 0; i < n; i++) {
                y[i] += h0 * x[i + o0] + h1 * x[i + o1] + h2 * x[i + o2] + h3 * x[i + o3];
            }
        }
        for (; t < taps.length; t++) {
            float h = taps[t];
            int o = offsets[t];
            for (int i = 0; i < n; i++) {
                y[i] += h * x[i + o];
            }
        }
        AudioClip band = AudioClip.of(y, clip.sampleRateHz());
        return new Handed(band, 0, n);
    }
}
