package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
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
public final class SpectralShapeFeatures implements FeatureExtractor {

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
    Stft stft() {
        return STFT;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also if the clip's amplitude is so far outside [-1, 1] that its
     *     power spectrum overflows single precision (about 1e15)
     */
    @Override
    public double[] extract(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        double[] out = new double[NAMES.size()];
        extractFrom(STFT.power(clip.resampledTo(SAMPLE_RATE)), out, 0);
        return out;
    }

    /** {@link #extract} from a spectrogram of the clip at 16 kHz made by {@link #stft()}. */
    void extractFrom(PowerSpectrogram s, double[] out, int offset) {
        functionals(s, out, offset);
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
        boolean[] fluxSelect = new boolean[frames];
        compute(s, active, lld, frames);
        for (int t = 1; t < frames; t++) {
            fluxSelect[t] = active[t] && active[t - 1];
        }
        for (int d = 0; d < LLDS.size(); d++) {
            Functionals.compute(lld, d * frames, frames, d == 2 ? fluxSelect : active, FRAME_SECONDS, scratch, out,
                    offset + d * Functionals.COUNT);
        }
    }

    /** Per-frame descriptors of the active frames, descriptor-major: {@code lld[d * frames + t]}. */
    private static void compute(PowerSpectrogram s, boolean[] active, double[] lld, int frames) {
        float[] p = s.data();
        int bins = s.bins();
        double binHz = s.binHz(1);
        double binKhz = binHz / 1000;
        int b50 = bin(s, 50);
        int b500 = bin(s, 500);
        int b1000 = bin(s, 1000);
        int b1500 = bin(s, 1500);
        int b2000 = bin(s, 2000);
        int b5000 = Math.min(bin(s, 5000), bins - 1);
        Workspace ws = Workspace.current();
        double[] magnitude = ws.doubles(MAGNITUDE, 2 * bins);
        double[] logPower = ws.doubles(LOG_POWER, b1500 + 1);
        int current = 0;
        boolean havePrevious = false;
        for (int t = 0; t < frames; t++) {
            if (!active[t]) {
                havePrevious = false;
                continue;
            }
            int o = s.offset(t);
            double total = 0;
            double weighted = 0;
            for (int k = 0; k < bins; k++) {
                double v = p[o + k];
                total += v;
                weighted += k * v;
            }
            double mean = total / bins;
            double floor = 1e-12 * mean;
            lld[t] = weighted / total * binHz;
            lld[frames + t] = rolloff(p, o, bins, total * 0.85) * binHz;

            // Flux: unit-norm magnitude spectra of this and the previous active frame.
            int previous = bins - current;
            double inverse = 1 / total;
            double flux = 0;
            for (int k = 0; k < bins; k++) {
                double a = Math.sqrt(p[o + k] * inverse);
                magnitude[current + k] = a;
                double d = a - magnitude[previous + k];
                flux += d * d;
            }
            lld[2 * frames + t] = havePrevious ? Math.sqrt(flux) : 0;
            havePrevious = true;
            current = previous;

            lld[3 * frames + t] = flatness(p, o, bins, mean, floor);
            for (int k = 0; k <= b1500; k++) {
                logPower[k] = 10 * Math.log10(Math.max(p[o + k], floor));
            }
            lld[4 * frames + t] = slope(logPower, 0, b500) / binKhz;
            lld[5 * frames + t] = slope(logPower, b500, b1500) / binKhz;
            lld[6 * frames + t] = 10 * Math.log10(Math.max(sum(p, o, b50, b1000), floor)
                    / Math.max(sum(p, o, b1000, b5000 + 1), floor));
            lld[7 * frames + t] = 10 * Math.log10(Math.max(max(p, o, 0, b2000), floor)
                    / Math.max(max(p, o, b2000, b5000 + 1), floor));
        }
    }

    /**
     * Geometric over arithmetic mean of bins 1..bins-2. The logarithm is taken of products of 16
     * powers scaled by the frame mean (each in [1e-12, bins], so a product cannot under- or overflow),
     * sixteen times fewer logarithms than one per bin.
     */
    private static double flatness(float[] p, int o, int bins, double mean, double floor) {
        double inverseMean = 1 / mean;
        double logSum = 0;
        double linSum = 0;
        double product = 1;
        int inProduct = 0;
        for (int k = 1; k < bins - 1; k++) {
            double v = Math.max(p[o + k], floor);
            linSum += v;
            product *= v * inverseMean;
            if (++inProduct == 16) {
                logSum += Math.log(product);
                product = 1;
                inProduct = 0;
            }
        }
        logSum += Math.log(product);
        int n = bins - 2;
        double geometric = Math.exp(logSum / n) * mean;
        return Math.min(1.0, geometric / (linSum / n));
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

    /** The first bin at or above {@code hz}. */
    private static int bin(PowerSpectrogram s, double hz) {
        return (int) Math.ceil(hz / s.binHz(1) - 1e-9);
    }

    private static int rolloff(float[] p, int o, int bins, double target) {
        double c = 0;
        for (int k = 0; k < bins; k++) {
            c += p[o + k];
            if (c >= target) {
                return k;
            }
        }
        return bins - 1;
    }

    private static double sum(float[] p, int o, int from, int to) {
        double s = 0;
        for (int k = from; k < to; k++) {
            s += p[o + k];
        }
        return s;
    }

    private static double max(float[] p, int o, int from, int to) {
        double m = 0;
        for (int k = from; k < to; k++) {
            m = Math.max(m, p[o + k]);
        }
        return m;
    }

    @Override
    public String toString() {
        return "SpectralShapeFeatures[" + ID + "]";
    }
}
