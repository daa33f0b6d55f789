package io.github.ser4j.features;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * librosa 0.10.1 frame-level features with default settings, computed from one shared
 * {@link PowerSpectrogram}: {@code melspectrogram}, {@code mfcc}, {@code estimate_tuning},
 * {@code chroma_stft}, {@code spectral_contrast}, {@code zero_crossing_rate} and {@code rms}.
 *
 * <p>Every matrix is written frame-major: value {@code r} of frame {@code t} goes to
 * {@code out[t * rows + r]}. Callers pass output arrays (usually from their {@link Workspace}); the
 * methods allocate nothing.
 *
 * <p>Thread-safety: immutable apart from a cache of chroma filterbanks per tuning value, which is
 * published through an {@link AtomicReferenceArray}; safe for concurrent use.
 */
final class LibrosaFeatures {

    static final int N_MELS = 128;
    static final int N_MFCC = 20;
    static final int N_CONTRAST_BANDS = 6;
    static final int CONTRAST_ROWS = N_CONTRAST_BANDS + 1;
    private static final double CONTRAST_FMIN = 200.0;
    private static final double CONTRAST_QUANTILE = 0.02;
    private static final double PIPTRACK_FMIN = 150.0;
    private static final double PIPTRACK_FMAX = 4000.0;
    private static final float PIPTRACK_THRESHOLD = 0.1f;
    /** {@code zero_crossings} treats |y| at or below this as zero (librosa's default threshold). */
    private static final double ZC_THRESHOLD = 1e-10;
    /** Tuning resolution 0.01 of a bin: histogram edges -0.5, -0.49, ..., 0.5. */
    private static final int TUNING_BINS = 100;

    private static final Workspace.Slot MEL = new Workspace.Slot("librosa.mel");
    private static final Workspace.Slot PEAK = new Workspace.Slot("librosa.contrast.peak");
    private static final Workspace.Slot VALLEY = new Workspace.Slot("librosa.contrast.valley");
    private static final Workspace.Slot BEST = new Workspace.Slot("librosa.contrast.best");
    private static final Workspace.Slot PITCH = new Workspace.Slot("librosa.tuning.pitch");
    private static final Workspace.Slot PITCH_MAG = new Workspace.Slot("librosa.tuning.mag");
    private static final Workspace.Slot PITCH_HIST = new Workspace.Slot("librosa.tuning.hist");
    private static final Workspace.Slot SELECT = new Workspace.Slot("librosa.tuning.select");
    private static final Workspace.Slot CHROMA_RAW = new Workspace.Slot("librosa.chroma.raw");
    private static final Workspace.Slot PREFIX = new Workspace.Slot("librosa.prefix");

    private final float sampleRateHz;
    private final Stft stft;
    private final MelFilterbank mel;
    private final double[] dct;
    private final int[] bandFrom;
    private final int[] bandTo;
    private final int[] bandQuantile;
    private final int pipFrom;
    private final int pipTo;
    private final AtomicReferenceArray<ChromaFilterbank> chromaByTuning =
            new AtomicReferenceArray<>(TUNING_BINS + 1);

    /**
     * @param sampleRateHz the sample rate; must exceed 12800 Hz, because librosa's top spectral
     *     contrast band starts at {@code 200 * 2^5 = 6400} Hz and librosa rejects bands above Nyquist
     * @param nFft FFT length
     * @param hop hop length
     */
    LibrosaFeatures(float sampleRateHz, int nFft, int hop) {
        double topBandLow = CONTRAST_FMIN * Math.pow(2, N_CONTRAST_BANDS - 1);
        if (!(sampleRateHz > 2 * topBandLow)) {
            throw new IllegalArgumentException("librosa features need a sample rate above "
                    + (int) (2 * topBandLow) + " Hz (the top spectral contrast band starts at " + (int) topBandLow
                    + " Hz), got " + sampleRateHz + " Hz");
        }
        this.sampleRateHz = sampleRateHz;
        this.stft = new Stft(nFft, hop);
        this.mel = new MelFilterbank(sampleRateHz, nFft, N_MELS, 0.0, sampleRateHz / 2.0);
        this.dct = new double[N_MFCC * N_MELS];
        for (int j = 0; j < N_MFCC; j++) {
            double scale = j == 0 ? Math.sqrt(1.0 / N_MELS) : Math.sqrt(2.0 / N_MELS);
            for (int m = 0; m < N_MELS; m++) {
                dct[j * N_MELS + m] = scale * Math.cos(Math.PI * j * (2 * m + 1) / (2.0 * N_MELS));
            }
        }
        int bins = nFft / 2 + 1;
        double[] freq = new double[bins];
        double val = 1.0 / (nFft * (1.0 / sampleRateHz)); // np.fft.rfftfreq
        for (int k = 0; k < bins; k++) {
            freq[k] = k * val;
        }
        bandFrom = new int[CONTRAST_ROWS];
        bandTo = new int[CONTRAST_ROWS];
        bandQuantile = new int[CONTRAST_ROWS];
        for (int b = 0; b < CONTRAST_ROWS; b++) {
            double low = b == 0 ? 0 : CONTRAST_FMIN * Math.pow(2, b - 1);
            double high = CONTRAST_FMIN * Math.pow(2, b);
            int first = -1;
            int last = -1;
            for (int k = 0; k < bins; k++) {
                if (freq[k] >= low && freq[k] <= high) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) {
                throw new IllegalArgumentException("spectral contrast band " + b + " (" + low + ".." + high
                        + " Hz) holds no FFT bin at sr=" + sampleRateHz + ", n_fft=" + nFft);
            }
            if (b > 0) {
                first--;
            }
            if (b == N_CONTRAST_BANDS) {
                last = bins - 1;
            }
            int count = last - first + 1;
            bandQuantile[b] = (int) Math.max(1, Math.rint(CONTRAST_QUANTILE * count));
            bandFrom[b] = first;
            // all but the top band drop their last bin from the sub-band (but not from the count)
            bandTo[b] = b < N_CONTRAST_BANDS ? last : last + 1;
        }
        double fmax = Math.min(PIPTRACK_FMAX, sampleRateHz / 2.0);
        int from = bins;
        int to = 0;
        for (int k = 0; k < bins; k++) {
            if (PIPTRACK_FMIN <= freq[k] && freq[k] < fmax) {
                from = Math.min(from, k);
                to = k + 1;
            }
        }
        pipFrom = Math.max(from, 1);
        pipTo = Math.min(to, bins - 1);
    }

    Stft stft() {
        return stft;
    }

    float sampleRateHz() {
        return sampleRateHz;
    }

    /** {@code feature.melspectrogram}: {@link #N_MELS} power values per frame. */
    void melspectrogram(PowerSpectrogram s, double[] out) {
        int bins = s.bins();
        float[] p = s.data();
        for (int t = 0; t < s.frames(); t++) {
            mel.apply(p, t * bins, out, t * N_MELS);
        }
    }

    /** {@code feature.mfcc}: {@link #N_MFCC} coefficients per frame. */
    void mfcc(PowerSpectrogram s, double[] out) {
        int frames = s.frames();
        double[] m = Workspace.current().doubles(MEL, frames * N_MELS);
        melspectrogram(s, m);
        mfccFromMel(m, frames, out);
    }

    /** MFCCs from a frame-major mel power matrix, which is converted to dB in place. */
    private void mfccFromMel(double[] m, int frames, double[] out) {
        Decibels.powerToDb(m, 0, frames * N_MELS);
        mfccFrames(m, frames, out);
    }

    /**
     * {@link #mfccFrame} of the frame-major mel dB rows {@code 0..frames-1} of {@code m} into the frame-major
     * {@code out}, four frames at a time: each DCT weight is loaded once for the four, and sixteen sums run
     * side by side; every frame's four partial sums take the same terms in the same order as
     * {@link #mfccFrame}, so the values are bit-identical.
     */
    private void mfccFrames(double[] m, int frames, double[] out) {
        int t = 0;
        for (; t + 3 < frames; t += 4) {
            int i0 = t * N_MELS;
            int i1 = i0 + N_MELS;
            int i2 = i1 + N_MELS;
            int i3 = i2 + N_MELS;
            for (int j = 0; j < N_MFCC; j++) {
                int row = j * N_MELS;
                double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                double b0 = 0, b1 = 0, b2 = 0, b3 = 0;
                double c0 = 0, c1 = 0, c2 = 0, c3 = 0;
                double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
                for (int i = 0; i < N_MELS; i += 4) {
                    double w0 = dct[row + i];
                    double w1 = dct[row + i + 1];
                    double w2 = dct[row + i + 2];
                    double w3 = dct[row + i + 3];
                    a0 += w0 * m[i0 + i];
                    a1 += w1 * m[i0 + i + 1];
                    a2 += w2 * m[i0 + i + 2];
                    a3 += w3 * m[i0 + i + 3];
                    b0 += w0 * m[i1 + i];
                    b1 += w1 * m[i1 + i + 1];
                    b2 += w2 * m[i1 + i + 2];
                    b3 += w3 * m[i1 + i + 3];
                    c0 += w0 * m[i2 + i];
                    c1 += w1 * m[i2 + i + 1];
                    c2 += w2 * m[i2 + i + 2];
                    c3 += w3 * m[i2 + i + 3];
                    d0 += w0 * m[i3 + i];
                    d1 += w1 * m[i3 + i + 1];
                    d2 += w2 * m[i3 + i + 2];
                    d3 += w3 * m[i3 + i + 3];
                }
                int at = t * N_MFCC + j;
                out[at] = (a0 + a1) + (a2 + a3);
                out[at + N_MFCC] = (b0 + b1) + (b2 + b3);
                out[at + 2 * N_MFCC] = (c0 + c1) + (c2 + c3);
                out[at + 3 * N_MFCC] = (d0 + d1) + (d2 + d3);
            }
        }
        for (; t < frames; t++) {
            mfccFrame(m, t * N_MELS, out, t * N_MFCC);
        }
    }

    /** The DCT of one frame's mel dB values {@code m[in..in+N_MELS)} into {@code out[at..at+N_MFCC)}. */
    private void mfccFrame(double[] m, int in, double[] out, int at) {
        for (int j = 0; j < N_MFCC; j++) {
            int row = j * N_MELS;
            // four partial sums: independent add chains instead of one latency-bound chain
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int i = 0; i < N_MELS; i += 4) {
                s0 += dct[row + i] * m[in + i];
                s1 += dct[row + i + 1] * m[in + i + 1];
                s2 += dct[row + i + 2] * m[in + i + 2];
                s3 += dct[row + i + 3] * m[in + i + 3];
            }
            out[at + j] = (s0 + s1) + (s2 + s3);
        }
    }

    /**
     * {@code estimate_tuning(S=power, sr, bins_per_octave=12)} via {@code piptrack}, following
     * librosa's float32 arithmetic so the 0.01-bin histogram lands in the same bins.
     *
     * @return the tuning deviation in fractions of a chroma bin, one of -0.5, -0.49, ..., 0.49
     */
    double estimateTuning(PowerSpectrogram s) {
        Workspace ws = Workspace.current();
        int bins = s.bins();
        int frames = s.frames();
        float[] p = s.data();
        float[] pitch = ws.floats(PITCH, pitchCapacity(frames));
        float[] mag = ws.floats(PITCH_MAG, pitchCapacity(frames));
        int count = 0;
        for (int t = 0; t < frames; t++) {
            count = pitchCandidates(p, t * bins, bins, pitch, mag, count);
        }
        return tuningFrom(pitch, mag, count);
    }

    /** Upper bound on the piptrack peaks of {@code frames} frames (peaks are at least 2 bins apart). */
    private int pitchCapacity(int frames) {
        return frames * ((pipTo - pipFrom + 1) / 2 + 1);
    }

    /**
     * piptrack on one frame: appends the (pitch &gt; 0, magnitude) pairs of its thresholded local maxima
     * between 150 Hz and min(4000 Hz, sr/2) to {@code pitch}/{@code mag} from index {@code count}.
     *
     * @return the new count
     */
    private int pitchCandidates(float[] p, int off, int bins, float[] pitch, float[] mag, int count) {
        double sr = sampleRateHz;
        int nFft = stft.nFft();
        float max = 0;
        for (int k = 0; k < bins; k++) {
            float v = p[off + k];
            if (v > max) {
                max = v; // power is never NaN, so no Math.max NaN handling needed
            }
        }
        float ref = PIPTRACK_THRESHOLD * max;
        for (int k = pipFrom; k < pipTo; k++) {
            float x = p[off + k];
            // localmax of S * (S > ref): x > left and x >= right, with sub-threshold values as 0
            if (!(x > ref)) {
                continue;
            }
            float left = p[off + k - 1];
            float right = p[off + k + 1];
            float l = left > ref ? left : 0f;
            float r = right > ref ? right : 0f;
            if (!(x > l && x >= r)) {
                continue;
            }
            float avg = 0.5f * (right - left);
            float shift = 2f * x - right - left;
            if (Math.abs(shift) < Float.MIN_NORMAL) {
                shift += 1f;
            }
            shift = avg / shift;
            float f = (float) ((k + (double) shift) * sr / nFft);
            if (f > 0) {
                pitch[count] = f;
                mag[count] = x + 0.5f * avg * shift;
                count++;
            }
        }
        return count;
    }

    /** estimate_tuning's second half: median magnitude threshold, then the residual histogram. */
    private double tuningFrom(float[] pitch, float[] mag, int count) {
        Workspace ws = Workspace.current();
        if (count == 0) {
            return 0.0;
        }
        float[] sel = ws.floats(SELECT, count);
        System.arraycopy(mag, 0, sel, 0, count);
        float threshold;
        if ((count & 1) == 1) {
            threshold = Selection.kth(sel, count, count / 2);
        } else {
            float hi = Selection.kth(sel, count, count / 2);
            float lo = Selection.maxBelow(sel, count / 2);
            threshold = (lo + hi) / 2f;
        }
        int[] hist = ws.ints(PITCH_HIST, TUNING_BINS);
        java.util.Arrays.fill(hist, 0, TUNING_BINS, 0);
        int used = 0;
        for (int i = 0; i < count; i++) {
            if (mag[i] >= threshold) {
                float octs = (float) log2((float) (pitch[i] / 27.5));
                float residual = floatMod(12f * octs);
                if (residual >= 0.5f) {
                    residual -= 1.0f;
                }
                int bin = histogramBin(residual);
                if (bin >= 0) {
                    hist[bin]++;
                    used++;
                }
            }
        }
        if (used == 0) {
            return 0.0;
        }
        int best = 0;
        for (int b = 1; b < TUNING_BINS; b++) {
            if (hist[b] > hist[best]) {
                best = b;
            }
        }
        return tuningEdge(best);
    }

    /** Edge {@code i} of {@code np.linspace(-0.5, 0.5, 101)}. */
    static double tuningEdge(int i) {
        return i == TUNING_BINS ? 0.5 : i * (1.0 / TUNING_BINS) + -0.5;
    }

    /** np.histogram bin of a value against the 101 edges; the last bin includes its right edge. */
    private static int histogramBin(float value) {
        double v = value;
        if (v < tuningEdge(0) || v > tuningEdge(TUNING_BINS)) {
            return -1;
        }
        int b = (int) Math.floor((v + 0.5) * TUNING_BINS);
        b = Math.max(0, Math.min(TUNING_BINS - 1, b));
        // correct the estimate against the exact edges
        while (b > 0 && v < tuningEdge(b)) {
            b--;
        }
        while (b < TUNING_BINS - 1 && v >= tuningEdge(b + 1)) {
            b++;
        }
        return b;
    }

    /** np.mod(x, 1.0) on float32. */
    private static float floatMod(float x) {
        float r = x % 1.0f;
        if (r != 0 && r < 0) {
            r += 1.0f;
        }
        return r;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    ChromaFilterbank chromaFilterbank(double tuning) {
        for (int i = 0; i < TUNING_BINS; i++) {
            if (tuningEdge(i) == tuning) {
                ChromaFilterbank fb = chromaByTuning.get(i);
                if (fb == null) {
                    fb = new ChromaFilterbank(sampleRateHz, stft.nFft(), tuning);
                    chromaByTuning.compareAndSet(i, null, fb);
                }
                return fb;
            }
        }
        return new ChromaFilterbank(sampleRateHz, stft.nFft(), tuning);
    }

    /** {@code feature.chroma_stft} with the given tuning: 12 values per frame, max-normalised. */
    void chroma(PowerSpectrogram s, double tuning, double[] out) {
        chromaFrames(chromaFilterbank(tuning), s, out, 0);
    }

    /**
     * Max-normalised chroma of every frame of {@code s} into {@code out} from frame {@code first} on, four
     * frames at a time ({@link ChromaFilterbank#apply4}, bit-identical to one at a time).
     */
    private static void chromaFrames(ChromaFilterbank fb, PowerSpectrogram s, double[] out, int first) {
        double[] raw = Workspace.current().doubles(CHROMA_RAW, 4 * ChromaFilterbank.N_CHROMA);
        int bins = s.bins();
        float[] p = s.data();
        int frames = s.frames();
        int n = ChromaFilterbank.N_CHROMA;
        int t = 0;
        for (; t + 3 < frames; t += 4) {
            fb.apply4(p, t * bins, (t + 1) * bins, (t + 2) * bins, (t + 3) * bins, raw);
            for (int i = 0; i < 4; i++) {
                normalise(raw, i * n, out, (first + t + i) * n);
            }
        }
        for (; t < frames; t++) {
            chromaFrame(fb, p, t * bins, raw, out, (first + t) * n);
        }
    }

    /** Max-normalised chroma of the frame at {@code p[off..)} into {@code out[at..at+12)}. */
    private static void chromaFrame(ChromaFilterbank fb, float[] p, int off, double[] raw, double[] out, int at) {
        fb.apply(p, off, raw);
        normalise(raw, 0, out, at);
    }

    /** {@code raw[from..from+12)} scaled by its largest magnitude into {@code out[at..at+12)}. */
    private static void normalise(double[] raw, int from, double[] out, int at) {
        double max = 0;
        for (int c = 0; c < ChromaFilterbank.N_CHROMA; c++) {
            max = Math.max(max, Math.abs(raw[from + c]));
        }
        // util.normalize(norm=inf): frames whose maximum is below float32 tiny are left unscaled
        double scale = max < Float.MIN_NORMAL ? 1.0 : 1.0 / max;
        for (int c = 0; c < ChromaFilterbank.N_CHROMA; c++) {
            out[at + c] = raw[from + c] * scale;
        }
    }

    /** {@code feature.spectral_contrast}: 7 values per frame in dB. */
    void spectralContrast(PowerSpectrogram s, double[] out) {
        Workspace ws = Workspace.current();
        int frames = s.frames();
        int bins = s.bins();
        float[] p = s.data();
        double[] peak = ws.doubles(PEAK, frames * CONTRAST_ROWS);
        double[] valley = ws.doubles(VALLEY, frames * CONTRAST_ROWS);
        float[] best = ws.floats(BEST, bins);
        for (int t = 0; t < frames; t++) {
            contrastFrame(p, t * bins, peak, valley, t * CONTRAST_ROWS, best);
        }
        contrastFromPeakValley(peak, valley, frames * CONTRAST_ROWS, out);
    }

    /** Peak and valley (mean of the top and bottom 2% magnitudes) of each band of one frame. */
    private void contrastFrame(float[] p, int off, double[] peak, double[] valley, int at, float[] best) {
        for (int b = 0; b < CONTRAST_ROWS; b++) {
            int n = bandTo[b] - bandFrom[b];
            int q = bandQuantile[b];
            // select on power, then take the float32 magnitude (power=1 spectrogram) of the q
            // chosen bins only: sqrt is monotonic, so the choice is the same
            Selection.largest(p, off + bandFrom[b], n, q, best);
            peak[at + b] = meanMagnitude(best, 0, q);
            Selection.smallest(p, off + bandFrom[b], n, q, best);
            valley[at + b] = meanMagnitude(best, 0, q);
        }
    }

    /** power_to_db(peak) - power_to_db(valley), each with its own matrix-wide top_db floor. */
    private static void contrastFromPeakValley(double[] peak, double[] valley, int total, double[] out) {
        Decibels.powerToDb(peak, 0, total);
        Decibels.powerToDb(valley, 0, total);
        for (int i = 0; i < total; i++) {
            out[i] = peak[i] - valley[i];
        }
    }

    /**
     * MFCC, chroma (estimated tuning) and spectral contrast matrices in one pass over the
     * spectrogram for mel, piptrack and contrast, then one for chroma once the tuning is known:
     * each frame's spectrum is read while it is in cache rather than once per feature.
     */
    void seedMatrices(PowerSpectrogram s, double[] mfccOut, double[] chromaOut, double[] contrastOut) {
        Workspace ws = Workspace.current();
        int frames = s.frames();
        int bins = s.bins();
        float[] p = s.data();
        double[] m = ws.doubles(MEL, frames * N_MELS);
        double[] peak = ws.doubles(PEAK, frames * CONTRAST_ROWS);
        double[] valley = ws.doubles(VALLEY, frames * CONTRAST_ROWS);
        float[] best = ws.floats(BEST, bins);
        float[] pitch = ws.floats(PITCH, pitchCapacity(frames));
        float[] mag = ws.floats(PITCH_MAG, pitchCapacity(frames));
        int count = 0;
        for (int t = 0; t < frames; t++) {
            int off = t * bins;
            mel.apply(p, off, m, t * N_MELS);
            count = pitchCandidates(p, off, bins, pitch, mag, count);
            contrastFrame(p, off, peak, valley, t * CONTRAST_ROWS, best);
        }
        mfccFromMel(m, frames, mfccOut);
        contrastFromPeakValley(peak, valley, frames * CONTRAST_ROWS, contrastOut);
        chroma(s, tuningFrom(pitch, mag, count), chromaOut);
    }

    private static final Workspace.Slot ZC_PREFIX = new Workspace.Slot("librosa.zcr.prefix");
    private static final Workspace.Slot RMS_BLOCKS = new Workspace.Slot("librosa.rms.blocks");

    /**
     * {@link #seedMatrices(PowerSpectrogram, double[], double[], double[])}, {@link #zeroCrossingRate}
     * and {@link #rms} of a clip read chunk by chunk: the first pass keeps each frame's mel dB values,
     * piptrack candidates, contrast peaks and valleys, ZCR and RMS; the second computes chroma once the
     * clip's tuning is known. The same per-frame arithmetic in the same order, so the matrices are
     * identical; what grows with the clip is 1.3 KB a frame (41 KB per second at 16 kHz), not its spectra.
     */
    final class SeedAnalysis {
        private final int frames;
        private final int samples;
        final double[] mfcc;
        final double[] chroma;
        final double[] contrast;
        final double[] zcr;
        final double[] rms;
        private final double[] melDb;
        private final double[] peak;
        private final double[] valley;
        private float[] pitch;
        private float[] mag;
        private int count;
        private double maxDb = Double.NEGATIVE_INFINITY;
        private ChromaFilterbank fb;

        /** Per-clip matrices in the given workspace slots (frame-major, as {@link #seedMatrices}). */
        SeedAnalysis(SpectrogramChunks clip, Workspace.Slot mfccSlot, Workspace.Slot chromaSlot,
                Workspace.Slot contrastSlot, Workspace.Slot zcrSlot, Workspace.Slot rmsSlot) {
            Workspace ws = Workspace.current();
            frames = clip.frames();
            samples = clip.samples();
            mfcc = ws.doubles(mfccSlot, frames * N_MFCC);
            chroma = ws.doubles(chromaSlot, frames * ChromaFilterbank.N_CHROMA);
            contrast = ws.doubles(contrastSlot, frames * CONTRAST_ROWS);
            zcr = ws.doubles(zcrSlot, frames);
            rms = ws.doubles(rmsSlot, frames);
            melDb = ws.doubles(MEL, frames * N_MELS);
            peak = ws.doubles(PEAK, frames * CONTRAST_ROWS);
            valley = ws.doubles(VALLEY, frames * CONTRAST_ROWS);
            // candidates grow as found: the worst case (every other bin of 150..4000 Hz a peak) is 60x
            // what speech gives
            pitch = ws.floats(PITCH, 64);
            mag = ws.floats(PITCH_MAG, 64);
        }

        /** The first pass: per-frame values of the chunk's frames, clip frames {@code first..}. */
        void read(PowerSpectrogram s, int first) {
            Workspace ws = Workspace.current();
            int bins = s.bins();
            float[] p = s.data();
            float[] best = ws.floats(BEST, bins);
            int perFrame = (pipTo - pipFrom + 1) / 2 + 1;
            mel.applyFrames(s, melDb, first);
            for (int t = 0; t < s.frames(); t++) {
                int off = t * bins;
                int g = first + t;
                for (int i = g * N_MELS; i < (g + 1) * N_MELS; i++) {
                    double db = Decibels.db(melDb[i]); // powerToDb's first step: its floor needs the whole clip
                    melDb[i] = db;
                    if (db > maxDb) {
                        maxDb = db;
                    }
                }
                if (count + perFrame > pitch.length) {
                    int grown = Math.max(count + perFrame, 2 * pitch.length);
                    pitch = ws.floatsKeeping(PITCH, grown, count);
                    mag = ws.floatsKeeping(PITCH_MAG, grown, count);
                }
                count = pitchCandidates(p, off, bins, pitch, mag, count);
                contrastFrame(p, off, peak, valley, g * CONTRAST_ROWS, best);
            }
            zeroCrossings(s, first);
            rootMeanSquares(s, first);
        }

        /** The second pass: chroma with the clip's tuning. */
        void reread(PowerSpectrogram s, int first) {
            if (fb == null) {
                fb = chromaFilterbank(tuningFrom(pitch, mag, count));
            }
            chromaFrames(fb, s, chroma, first);
        }

        /** After both passes: MFCCs (with the clip's top-db floor) and contrast in dB. */
        void finish() {
            double floor = maxDb - Decibels.TOP_DB;
            for (int i = 0; i < frames * N_MELS; i++) {
                if (melDb[i] < floor) {
                    melDb[i] = floor;
                }
            }
            mfccFrames(melDb, frames, mfcc);
            contrastFromPeakValley(peak, valley, frames * CONTRAST_ROWS, contrast);
        }

        /** {@link #zeroCrossingRate} of the chunk's frames, from a prefix count over its own samples. */
        private void zeroCrossings(PowerSpectrogram s, int first) {
            int len = s.nFft();
            int hop = s.hop();
            int pad = len / 2;
            float[] y = s.padded();
            int span = (s.frames() - 1) * hop + len;
            int shift = pad - first * hop; // local index of clip sample i is i + shift
            int[] prefix = Workspace.current().ints(ZC_PREFIX, span);
            // prefix[j]: crossings between consecutive local samples up to j
            prefix[0] = 0;
            int prev = negative(y[0]);
            int c = 0;
            for (int j = 1; j < span; j++) {
                int neg = negative(y[j]);
                c += neg ^ prev;
                prefix[j] = c;
                prev = neg;
            }
            for (int t = 0; t < s.frames(); t++) {
                int g = first + t;
                int start = Math.max(0, g * hop - pad);
                int end = Math.min(samples - 1, g * hop - pad + len - 1);
                int n = end > start ? prefix[end + shift] - prefix[start + shift] : 0;
                zcr[g] = n / (double) len;
            }
        }

        /** {@link #rms} of the chunk's frames, from its own stretch of the padded signal. */
        private void rootMeanSquares(PowerSpectrogram s, int first) {
            int len = s.nFft();
            rmsFrames(s.padded(), s.frames(), len, s.hop(), samples + len - first * s.hop(), rms, first);
        }
    }

    /** Where a {@link #seedMemo()} row keeps each per-frame value. */
    private static final int MEMO_MFCC = N_MELS;
    private static final int MEMO_DB_MIN = MEMO_MFCC + N_MFCC;
    private static final int MEMO_DB_MAX = MEMO_DB_MIN + 1;
    /** The last top-db floor that lifted a band of the frame, and the MFCCs it gave. */
    private static final int MEMO_FLOOR = MEMO_DB_MAX + 1;
    private static final int MEMO_FLOORED = MEMO_FLOOR + 1;
    private static final int MEMO_PEAK = MEMO_FLOORED + N_MFCC;
    private static final int MEMO_VALLEY = MEMO_PEAK + CONTRAST_ROWS;
    private static final int MEMO_TUNING = MEMO_VALLEY + CONTRAST_ROWS;
    private static final int MEMO_CHROMA = MEMO_TUNING + 1;
    private static final int MEMO_COUNT = MEMO_CHROMA + ChromaFilterbank.N_CHROMA;
    private static final int MEMO_CANDIDATES = MEMO_COUNT + 1;
    /**
     * piptrack candidates kept per frame; a frame with more (rare: peaks must reach a tenth of the
     * frame's maximum) keeps none and finds them again from its spectrum when read. Keeping the
     * worst case (about 250 at 16 kHz) would triple the memo.
     */
    private static final int KEPT_CANDIDATES = 32;

    /**
     * A memo for {@link #seedMatrices(PowerSpectrogram, FrameMemo, double[], double[], double[])}: per
     * kept frame its mel energies in dB (before the span's top-db floor) with their MFCCs, contrast peaks and valleys, piptrack candidates (pitch, magnitude;
     * floats held exactly as doubles) and its chroma with the tuning it was computed for.
     */
    FrameMemo seedMemo() {
        return new FrameMemo(MEMO_CANDIDATES + 2 * KEPT_CANDIDATES);
    }

    /**
     * {@link #seedMatrices(PowerSpectrogram, double[], double[], double[])} for a stream: the
     * per-frame values of kept frames come from {@code memo} (or are computed and kept there); the
     * span-wide steps (dB with its top-db floor, the DCT, the tuning estimate) run on them as offline,
     * so the matrices are identical. Chroma is kept per frame with its tuning and reused while the
     * span's estimated tuning stays the same.
     */
    void seedMatrices(PowerSpectrogram s, FrameMemo memo, double[] mfccOut, double[] chromaOut,
            double[] contrastOut) {
        Workspace ws = Workspace.current();
        int frames = s.frames();
        int bins = s.bins();
        float[] p = s.data();
        double[] m = ws.doubles(MEL, frames * N_MELS);
        double[] peak = ws.doubles(PEAK, frames * CONTRAST_ROWS);
        double[] valley = ws.doubles(VALLEY, frames * CONTRAST_ROWS);
        float[] best = ws.floats(BEST, bins);
        float[] pitch = ws.floats(PITCH, pitchCapacity(frames));
        float[] mag = ws.floats(PITCH_MAG, pitchCapacity(frames));
        memo.ensure(frames + 1);
        double[] kept = memo.values();
        int perFrame = KEPT_CANDIDATES;
        int count = 0;
        double maxDb = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            int off = t * bins;
            long g = s.key(t);
            int row = g >= 0 ? memo.find(g) : -1;
            if (row >= 0) {
                System.arraycopy(kept, row, m, t * N_MELS, N_MELS);
                maxDb = Math.max(maxDb, kept[row + MEMO_DB_MAX]);
                System.arraycopy(kept, row + MEMO_PEAK, peak, t * CONTRAST_ROWS, CONTRAST_ROWS);
                System.arraycopy(kept, row + MEMO_VALLEY, valley, t * CONTRAST_ROWS, CONTRAST_ROWS);
                int n = (int) kept[row + MEMO_COUNT];
                if (n < 0) {
                    count = pitchCandidates(p, off, bins, pitch, mag, count); // too many to keep
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    pitch[count + i] = (float) kept[row + MEMO_CANDIDATES + i];
                    mag[count + i] = (float) kept[row + MEMO_CANDIDATES + perFrame + i];
                }
                count += n;
                continue;
            }
            mel.apply(p, off, m, t * N_MELS);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = t * N_MELS; i < (t + 1) * N_MELS; i++) {
                m[i] = Decibels.db(m[i]); // powerToDb's first step; its floor needs the whole span
                lo = Math.min(lo, m[i]);
                hi = Math.max(hi, m[i]);
            }
            maxDb = Math.max(maxDb, hi);
            int before = count;
            count = pitchCandidates(p, off, bins, pitch, mag, count);
            contrastFrame(p, off, peak, valley, t * CONTRAST_ROWS, best);
            if (g >= 0) {
                row = memo.claim(g);
                System.arraycopy(m, t * N_MELS, kept, row, N_MELS);
                mfccFrame(m, t * N_MELS, kept, row + MEMO_MFCC);
                kept[row + MEMO_DB_MIN] = lo;
                kept[row + MEMO_DB_MAX] = hi;
                kept[row + MEMO_FLOOR] = Double.NaN;
                System.arraycopy(peak, t * CONTRAST_ROWS, kept, row + MEMO_PEAK, CONTRAST_ROWS);
                System.arraycopy(valley, t * CONTRAST_ROWS, kept, row + MEMO_VALLEY, CONTRAST_ROWS);
                kept[row + MEMO_TUNING] = Double.NaN; // no chroma yet
                kept[row + MEMO_COUNT] = count - before <= perFrame ? count - before : -1;
                for (int i = before; i < Math.min(count, before + perFrame); i++) {
                    kept[row + MEMO_CANDIDATES + i - before] = pitch[i];
                    kept[row + MEMO_CANDIDATES + perFrame + i - before] = mag[i];
                }
            }
        }
        // A kept frame's MFCCs stand unless the span's top-db floor lifts one of its bands.
        double floor = maxDb - Decibels.TOP_DB;
        for (int t = 0; t < frames; t++) {
            long g = s.key(t);
            int row = g >= 0 ? memo.find(g) : -1;
            if (row >= 0 && (kept[row + MEMO_DB_MIN] >= floor || kept[row + MEMO_FLOOR] == floor)) {
                // untouched by the floor, or floored by this same floor before
                int from = row + (kept[row + MEMO_DB_MIN] >= floor ? MEMO_MFCC : MEMO_FLOORED);
                System.arraycopy(kept, from, mfccOut, t * N_MFCC, N_MFCC);
                continue;
            }
            for (int i = t * N_MELS; i < (t + 1) * N_MELS; i++) {
                if (m[i] < floor) {
                    m[i] = floor;
                }
            }
            mfccFrame(m, t * N_MELS, mfccOut, t * N_MFCC);
            if (row >= 0) {
                kept[row + MEMO_FLOOR] = floor;
                System.arraycopy(mfccOut, t * N_MFCC, kept, row + MEMO_FLOORED, N_MFCC);
            }
        }
        contrastFromPeakValley(peak, valley, frames * CONTRAST_ROWS, contrastOut);
        double tuning = tuningFrom(pitch, mag, count);
        ChromaFilterbank fb = chromaFilterbank(tuning);
        double[] raw = ws.doubles(CHROMA_RAW, ChromaFilterbank.N_CHROMA);
        for (int t = 0; t < frames; t++) {
            int at = t * ChromaFilterbank.N_CHROMA;
            long g = s.key(t);
            int row = g >= 0 ? memo.find(g) : -1;
            if (row >= 0 && kept[row + MEMO_TUNING] == tuning) {
                System.arraycopy(kept, row + MEMO_CHROMA, chromaOut, at, ChromaFilterbank.N_CHROMA);
                continue;
            }
            chromaFrame(fb, p, t * bins, raw, chromaOut, at);
            if (row >= 0) {
                kept[row + MEMO_TUNING] = tuning;
                System.arraycopy(chromaOut, at, kept, row + MEMO_CHROMA, ChromaFilterbank.N_CHROMA);
            }
        }
    }

    private static double meanMagnitude(float[] power, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (float) Math.sqrt(power[i]);
        }
        return sum / (to - from);
    }

    /**
     * {@code feature.zero_crossing_rate(y)}: frames of {@code nFft} samples over the edge-padded
     * signal, fraction of sign changes (zero and |y| &lt;= 1e-10 count as positive).
     */
    void zeroCrossingRate(PowerSpectrogram s, double[] out) {
        int n = s.samples();
        int pad = s.nFft() / 2;
        float[] y = s.padded();
        // crossing[i] = sign(y[i]) != sign(y[i-1]) over the edge-padded signal; edge padding repeats
        // the end samples, which never cross, so only the clip's interior contributes.
        int[] prefix = Workspace.current().ints(PREFIX, n + 1);
        prefix[0] = 0;
        prefix[1] = 0;
        int prev = negative(y[pad]);
        int count = 0;
        for (int i = 1; i < n; i++) {
            int neg = negative(y[pad + i]);
            count += neg ^ prev; // branch-free: crossings are unpredictable in noise
            prefix[i + 1] = count;
            prev = neg;
        }
        int len = s.nFft();
        int hop = s.hop();
        for (int t = 0; t < s.frames(); t++) {
            // padded frame covers clip samples [t*hop - pad, t*hop - pad + len); crossings are counted
            // between consecutive samples inside it, i.e. at clip indices (start, end)
            int start = Math.max(0, t * hop - pad);
            int end = Math.min(n - 1, t * hop - pad + len - 1);
            int c = end > start ? prefix[end + 1] - prefix[start + 1] : 0;
            out[t] = c / (double) len;
        }
    }

    /** 1 if librosa's signbit is set after zeroing |v| &lt;= 1e-10, else 0. */
    private static int negative(float v) {
        return v < -ZC_THRESHOLD ? 1 : 0;
    }

    /**
     * {@code feature.rms(y)}: root mean square of zero-padded frames of {@code nFft} samples. When the
     * hop divides {@code nFft} (the default 512 / 2048), each frame is a sum of whole hop blocks, so
     * the signal is squared and summed once; otherwise frames are summed directly.
     */
    void rms(PowerSpectrogram s, double[] out) {
        rmsFrames(s.padded(), s.frames(), s.nFft(), s.hop(), s.samples() + s.nFft(), out, 0);
    }

    /**
     * The RMS of {@code frames} frames of {@code len} samples every {@code hop}, frame {@code t} starting at
     * {@code y[t * hop]}, the padded signal ending (exclusive) at {@code y[end]}, into {@code out[at + t]}.
     */
    private static void rmsFrames(float[] y, int frames, int len, int hop, int end, double[] out, int at) {
        if (len % hop != 0) {
            for (int t = 0; t < frames; t++) {
                out[at + t] = Math.sqrt(sumOfSquares(y, t * hop, t * hop + len) / len);
            }
            return;
        }
        int per = len / hop;
        int blocks = frames - 1 + per;
        double[] block = Workspace.current().doubles(RMS_BLOCKS, blocks);
        for (int b = 0; b < blocks; b++) {
            int from = b * hop;
            block[b] = sumOfSquares(y, from, Math.min(from + hop, end));
        }
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            for (int b = t; b < t + per; b++) {
                sum += block[b];
            }
            out[at + t] = Math.sqrt(sum / len);
        }
    }

    private static double sumOfSquares(float[] y, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            double a = y[i];
            double b = y[i + 1];
            s0 += a * a;
            s1 += b * b;
        }
        if (i < to) {
            double a = y[i];
            s0 += a * a;
        }
        return s0 + s1;
    }
}
