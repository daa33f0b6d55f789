package io.github.ser4j.models;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.G711;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A recording condition made from a clean clip, deterministically from a seed and in memory: the
 * robustness harness scores models under these, and the trainer's {@link Augmentation} adds copies of
 * training clips under them (one implementation for both).
 *
 * <ul>
 *   <li>{@code clean}: the clip unchanged.</li>
 *   <li>{@code white@SNR}, {@code pink@SNR}, {@code brown@SNR}: Gaussian noise, white or shaped in the
 *       frequency domain to a power spectrum of 1/f (pink) or 1/f² (brown) above 50 Hz, flat from 20 to
 *       50 Hz and empty below 20 Hz; {@code babble@SNR}: the sum of {@value #BABBLE_TALKERS} other talkers
 *       (clips of other speakers, each trimmed to its speech and looped from a random offset, each scaled
 *       to the same speech power). The SNR (dB) is measured on the speech: the clean clip's power is the
 *       mean power of its <em>active</em> 20 ms frames (non-overlapping; a frame is active when its power
 *       is within 40 dB of the loudest frame's and above -90 dBFS, the rule of the features' active
 *       frames), the noise's power is its mean power over the whole clip. If the sum would exceed full
 *       scale, the mixture is scaled down to a peak of 0.999.</li>
 *   <li>{@code telephone-mulaw}, {@code telephone-alaw}: 4th-order Butterworth high-pass at 300 Hz and
 *       low-pass at 3400 Hz, resampled to 8 kHz (the library's resampler), G.711 mu-law or A-law encode
 *       and decode; the result is an 8 kHz clip.</li>
 *   <li>{@code reverb@RT60}: convolution with a synthetic room impulse response: a direct path of 1, then
 *       from 1 ms on Gaussian noise of sd 0.05·√(16000/rate) decaying by 60 dB over RT60 seconds
 *       (direct-to-reverberant ratio +0.6, -2.4, -4.6 dB at RT60 0.3, 0.6, 1.0 s), {@code RT60} seconds
 *       long; the output keeps the clip's length and peak.</li>
 *   <li>{@code level@DB}: scaled to a peak of DB dBFS.</li>
 *   <li>{@code speed@F}: played F times faster (resampled, so pitch rises by the same factor, as Kaldi's
 *       speed perturbation).</li>
 *   <li>{@code opus@KBPS}: the lossy codec of messaging apps' voice notes and of WebRTC calls: resampled to
 *       {@value #OPUS_RATE_HZ} Hz if needed, encoded with Opus (Concentus, the Java port of libopus; VOIP
 *       application, variable bit rate at KBPS kbit/s, complexity 10, 20 ms frames) and decoded, the
 *       encoder's look-ahead removed so the result lines up with the input; a {@value #OPUS_RATE_HZ} Hz
 *       clip of the input's length. (Opus is the one lossy codec with a pure-Java encoder on Maven Central;
 *       MP3 and Vorbis are measured from files encoded outside Java, see the README's codec agreement.)</li>
 *   <li>{@code excerpt@SECONDS}: a SECONDS-long stretch of the clip that starts inside its speech (the
 *       active frames of the SNR rule, first to last), at a random start from the first active frame to
 *       the latest one that still leaves SECONDS before the clip's end or its last active frame,
 *       whichever comes first — as an app hears a short utterance, an isolated word or a stream window;
 *       the whole clip when it is not longer.</li>
 * </ul>
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param kind the kind of condition
 * @param value its parameter: SNR in dB, RT60 in seconds, peak level in dBFS, speed factor, bit rate in
 *     kbit/s or excerpt length in seconds; 0 for
 *     {@code clean} and the telephone channels
 */
public record Condition(Kind kind, double value) {

    /** Other talkers summed into babble noise. */
    public static final int BABBLE_TALKERS = 4;

    /** The rate at which {@code opus} conditions encode (Opus's wideband rate). */
    public static final int OPUS_RATE_HZ = 16_000;

    /** The frame length of the speech-power measurement, in seconds. */
    public static final double SNR_FRAME_SECONDS = 0.020;

    /**
     * The kinds of condition.
     *
     * <p>Thread-safety: an enum; immutable.
     */
    public enum Kind {
        /** Unchanged. */
        CLEAN("clean"),
        /** Additive white Gaussian noise. */
        WHITE("white"),
        /** Additive pink (1/f) noise. */
        PINK("pink"),
        /** Additive brown (1/f²) noise. */
        BROWN("brown"),
        /** Additive babble of other talkers. */
        BABBLE("babble"),
        /** Telephone channel with G.711 mu-law. */
        TELEPHONE_MULAW("telephone-mulaw"),
        /** Telephone channel with G.711 A-law. */
        TELEPHONE_ALAW("telephone-alaw"),
        /** Synthetic reverberation. */
        REVERB("reverb"),
        /** Peak level. */
        LEVEL("level"),
        /** Speed perturbation. */
        SPEED("speed"),
        /** Opus encoding and decoding at a bit rate. */
        OPUS("opus"),
        /** A short excerpt of the speech. */
        EXCERPT("excerpt");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /**
         * The kind's name in condition names and augmentation specs.
         *
         * @return e.g. {@code pink}
         */
        public String word() {
            return word;
        }

        boolean hasValue() {
            return this != CLEAN && this != TELEPHONE_MULAW && this != TELEPHONE_ALAW;
        }

        boolean isNoise() {
            return this == WHITE || this == PINK || this == BROWN || this == BABBLE;
        }

        static Kind parse(String w) {
            for (Kind k : values()) {
                if (k.word.equals(w)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown condition '" + w + "'; expected one of clean, white, pink, "
                    + "brown, babble, telephone-mulaw, telephone-alaw, reverb, level, speed, opus, excerpt");
        }
    }

    /**
     * Validates the condition.
     *
     * @throws IllegalArgumentException if the kind is null or the value is out of range (SNR -20..100 dB,
     *     RT60 0.05..3 s, level -100..0 dBFS, speed 0.5..2, Opus 6..128 kbit/s, excerpt 0.3..30 s)
     * @param kind the record component of the same name
     * @param value the record component of the same name
     */
    public Condition {
        if (kind == null) {
            throw new IllegalArgumentException("condition kind must not be null");
        }
        boolean ok = switch (kind) {
            case CLEAN, TELEPHONE_MULAW, TELEPHONE_ALAW -> value == 0;
            case WHITE, PINK, BROWN, BABBLE -> value >= -20 && value <= 100;
            case REVERB -> value >= 0.05 && value <= 3;
            case LEVEL -> value >= -100 && value <= 0;
            case SPEED -> value >= 0.5 && value <= 2;
            case OPUS -> value >= 6 && value <= 128;
            case EXCERPT -> value >= 0.3 && value <= 30;
        };
        if (!ok) {
            throw new IllegalArgumentException("condition " + kind.word() + " does not take the value " + value);
        }
    }

    /**
     * Parses a name such as {@code clean}, {@code pink@10}, {@code telephone-alaw}, {@code reverb@0.6}.
     *
     * @param name the name
     * @return the condition
     * @throws IllegalArgumentException for an unknown kind or a bad value
     */
    public static Condition parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        int at = n.indexOf('@');
        Kind k = Kind.parse(at < 0 ? n : n.substring(0, at));
        if (k.hasValue() != (at >= 0)) {
            throw new IllegalArgumentException("condition '" + name + "' " + (k.hasValue() ? "needs a value, e.g. "
                    + k.word() + "@10" : "takes no value"));
        }
        try {
            return new Condition(k, at < 0 ? 0 : Double.parseDouble(n.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("condition '" + name + "' has a bad value", e);
        }
    }

    /**
     * The name {@link #parse} reads back, e.g. {@code pink@10}.
     *
     * @return the name
     */
    public String name() {
        if (!kind.hasValue()) {
            return kind.word();
        }
        String v = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        return kind.word() + "@" + v;
    }

    /**
     * Whether {@link #apply} needs other talkers' speech (babble).
     *
     * @return true for babble
     */
    public boolean needsTalkers() {
        return kind == Kind.BABBLE;
    }

    /**
     * The harness's conditions: clean; white, pink, brown and babble noise at 30, 20, 10 and 5 dB SNR;
     * both telephone channels; reverberation at RT60 0.3, 0.6 and 1.0 s; peak levels -30, -20, -10, 0 dBFS.
     *
     * @return 26 conditions
     */
    public static List<Condition> harnessSet() {
        List<Condition> out = new ArrayList<>();
        out.add(new Condition(Kind.CLEAN, 0));
        for (Kind k : new Kind[] {Kind.WHITE, Kind.PINK, Kind.BROWN, Kind.BABBLE}) {
            for (double snr : new double[] {30, 20, 10, 5}) {
                out.add(new Condition(k, snr));
            }
        }
        out.add(new Condition(Kind.TELEPHONE_MULAW, 0));
        out.add(new Condition(Kind.TELEPHONE_ALAW, 0));
        for (double t : new double[] {0.3, 0.6, 1.0}) {
            out.add(new Condition(Kind.REVERB, t));
        }
        for (double l : new double[] {-30, -20, -10, 0}) {
            out.add(new Condition(Kind.LEVEL, l));
        }
        return List.copyOf(out);
    }

    /**
     * Makes the condition from a clean clip.
     *
     * @param clip the clean clip (mono)
     * @param seed the seed of every random choice (noise, offsets, impulse response)
     * @param talkers other talkers' speech for babble, at the clip's rate (see {@link #talkers}); ignored
     *     by the other kinds
     * @return the clip under this condition (8 kHz for the telephone channels, {@value #OPUS_RATE_HZ} Hz for
     *     Opus, else the clip's rate)
     * @throws IllegalArgumentException if the clip is null, babble gets no talkers, or a telephone channel
     *     gets a clip below 8 kHz
     */
    public AudioClip apply(AudioClip clip, long seed, List<float[]> talkers) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        float rate = clip.sampleRateHz();
        float[] x = clip.samples();
        Random rnd = new Random(seed);
        switch (kind) {
            case CLEAN:
                return clip;
            case WHITE: case PINK: case BROWN:
                return AudioClip.of(mix(x, rate, colouredNoise(x.length, rate, kind, rnd), value), rate);
            case BABBLE:
                return AudioClip.of(mix(x, rate, babble(x.length, rate, talkers, rnd), value), rate);
            case TELEPHONE_MULAW: case TELEPHONE_ALAW:
                return telephone(clip, kind == Kind.TELEPHONE_ALAW);
            case REVERB:
                return AudioClip.of(reverb(x, rate, value, rnd), rate);
            case LEVEL:
                return AudioClip.of(scaleToPeak(x, Math.pow(10, value / 20)), rate);
            case SPEED:
                return AudioClip.of(x, (float) (rate * value)).resampledTo(rate);
            case OPUS:
                return opus(clip, value);
            case EXCERPT:
                return excerpt(clip, value, rnd);
            default:
                throw new IllegalStateException("unhandled condition " + kind);
        }
    }

    /** A {@code seconds}-long stretch starting inside the clip's active frames (see the class comment). */
    private static AudioClip excerpt(AudioClip clip, double seconds, Random rnd) {
        float rate = clip.sampleRateHz();
        float[] x = clip.samples();
        int n = (int) Math.round(seconds * rate);
        if (x.length <= n) {
            return clip;
        }
        int len = Math.max(1, (int) Math.round(SNR_FRAME_SECONDS * rate));
        double[] p = framePowers(x, len);
        int frames = p.length;
        double gate = activeGate(p);
        int first = -1;
        int last = -1;
        for (int f = 0; f < frames; f++) {
            if (p[f] >= gate) {
                last = f;
                if (first < 0) {
                    first = f;
                }
            }
        }
        int lo = first < 0 ? 0 : Math.min(first * len, x.length - n);
        int hi = Math.max(lo, Math.min((last + 1) * len, x.length) - n);
        int start = lo + rnd.nextInt(hi - lo + 1);
        return AudioClip.of(java.util.Arrays.copyOfRange(x, start, start + n), rate);
    }

    /**
     * The speech power of a clip: the mean power of its active {@value #SNR_FRAME_SECONDS} s frames
     * (within 40 dB of the loudest frame and above -90 dBFS), the reference of every SNR here.
     *
     * @param x samples
     * @param rate sample rate in Hz
     * @return mean square over the active frames; 0 for digital silence
     */
    public static double speechPower(float[] x, float rate) {
        double[] p = framePowers(x, Math.max(1, (int) Math.round(SNR_FRAME_SECONDS * rate)));
        double gate = activeGate(p);
        double sum = 0;
        int n = 0;
        for (double v : p) {
            if (v >= gate) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Mean square of each non-overlapping {@code len}-sample frame (at least one frame). */
    private static double[] framePowers(float[] x, int len) {
        int frames = Math.max(1, x.length / len);
        double[] p = new double[frames];
        for (int f = 0; f < frames; f++) {
            double s = 0;
            int end = Math.min(x.length, (f + 1) * len);
            for (int i = f * len; i < end; i++) {
                s += (double) x[i] * x[i];
            }
            p[f] = s / Math.max(1, end - f * len);
        }
        return p;
    }

    /** The power an active frame reaches: within 40 dB of the loudest frame and above -90 dBFS. */
    private static double activeGate(double[] p) {
        double max = 0;
        for (double v : p) {
            max = Math.max(max, v);
        }
        return Math.max(max * 1e-4, 1e-9);
    }

    private static double meanPower(double[] n) {
        double s = 0;
        for (double v : n) {
            s += v * v;
        }
        return s / Math.max(1, n.length);
    }

    private static float[] mix(float[] x, float rate, double[] noise, double snrDb) {
        double ps = speechPower(x, rate);
        double pn = meanPower(noise);
        double g = pn > 0 && ps > 0 ? Math.sqrt(ps / (pn * Math.pow(10, snrDb / 10))) : 0;
        float[] y = new float[x.length];
        double peak = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i] + g * noise[i];
            y[i] = (float) v;
            peak = Math.max(peak, Math.abs(v));
        }
        return peak > 1 ? scaleToPeak(y, 0.999) : y;
    }

    private static float[] scaleToPeak(float[] x, double peak) {
        double m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        float[] y = new float[x.length];
        if (m == 0) {
            return y;
        }
        double g = peak / m;
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] * g);
        }
        return y;
    }

    private static double[] colouredNoise(int n, float rate, Kind kind, Random rnd) {
        double[] w = new double[n];
        if (kind == Kind.WHITE) {
            for (int i = 0; i < n; i++) {
                w[i] = rnd.nextGaussian();
            }
            return w;
        }
        int m = Fft.size(n);
        double[] re = new double[m];
        double[] im = new double[m];
        for (int i = 0; i < m; i++) {
            re[i] = rnd.nextGaussian();
        }
        Fft.transform(re, im, false);
        for (int k = 0; k <= m / 2; k++) {
            double f = (double) k * rate / m;
            double g = f < 20 ? 0 : kind == Kind.PINK ? 1 / Math.sqrt(Math.max(f, 50)) : 1 / Math.max(f, 50);
            re[k] *= g;
            im[k] *= g;
            if (k > 0 && k < m / 2) {
                re[m - k] *= g;
                im[m - k] *= g;
            }
        }
        Fft.transform(re, im, true);
        System.arraycopy(re, 0, w, 0, n);
        return w;
    }

    private static double[] babble(int n, float rate, List<float[]> talkers, Random rnd) {
        if (talkers == null || talkers.isEmpty()) {
            throw new IllegalArgumentException("babble needs other talkers' speech; got none");
        }
        double[] sum = new double[n];
        for (float[] t : talkers) {
            if (t.length == 0) {
                continue;
            }
            double p = speechPower(t, rate);
            double g = p > 0 ? 1 / Math.sqrt(p) : 0;
            int offset = rnd.nextInt(t.length);
            for (int i = 0; i < n; i++) {
                sum[i] += g * t[(offset + i) % t.length];
            }
        }
        return sum;
    }

    /**
     * Speech of up to {@value #BABBLE_TALKERS} other talkers for babble: each a different speaker than
     * {@code exclude} and than each other (or, when the clips name no speakers, other clips), two of
     * that speaker's clips trimmed to their active frames and joined.
     *
     * @param pool clips to draw from
     * @param self the clip the babble is for (never drawn)
     * @param rate the rate to return the speech at
     * @param rnd the random choices
     * @return the talkers' samples; empty if the pool holds no one else
     * @throws IOException if a drawn clip cannot be read (the message names it)
     */
    public static List<float[]> talkers(List<LabelledClip> pool, LabelledClip self, float rate, Random rnd)
            throws IOException {
        List<LabelledClip> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, rnd);
        List<String> chosen = new ArrayList<>();
        List<float[]> out = new ArrayList<>();
        for (LabelledClip c : shuffled) {
            if (out.size() == BABBLE_TALKERS) {
                break;
            }
            String who = c.speaker() == null ? c.relativePath() : c.speaker();
            boolean same = c.speaker() == null ? c.relativePath().equals(self.relativePath())
                    : c.speaker().equals(self.speaker());
            if (same || chosen.contains(who)) {
                continue;
            }
            chosen.add(who);
            List<float[]> parts = new ArrayList<>();
            parts.add(trimmed(read(c, rate), rate));
            for (LabelledClip d : shuffled) {
                if (d != c && who.equals(d.speaker())) {
                    parts.add(trimmed(read(d, rate), rate));
                    break;
                }
            }
            int len = parts.stream().mapToInt(a -> a.length).sum();
            float[] joined = new float[len];
            int k = 0;
            for (float[] a : parts) {
                System.arraycopy(a, 0, joined, k, a.length);
                k += a.length;
            }
            out.add(joined);
        }
        return out;
    }

    private static float[] read(LabelledClip c, float rate) throws IOException {
        try {
            return AudioClip.read(c.file()).resampledTo(rate).samples();
        } catch (IOException e) {
            throw new IOException(c.relativePath() + ": " + e.getMessage(), e);
        }
    }

    /** The samples from the first to the last active frame (the speech-power rule). */
    private static float[] trimmed(float[] x, float rate) {
        int len = Math.max(1, (int) Math.round(SNR_FRAME_SECONDS * rate));
        double ref = speechPower(x, rate);
        if (ref == 0) {
            return x;
        }
        double max = 0;
        int frames = x.length / len;
        double[] p = new double[frames];
        for (int f = 0; f < frames; f++) {
            for (int i = f * len; i < (f + 1) * len; i++) {
                p[f] += (double) x[i] * x[i];
            }
            p[f] /= len;
            max = Math.max(max, p[f]);
        }
        double gate = Math.max(max * 1e-4, 1e-9);
        int first = 0;
        while (first < frames && p[first] < gate) {
            first++;
        }
        int last = frames - 1;
        while (last > first && p[last] < gate) {
            last--;
        }
        if (first >= frames) {
            return x;
        }
        float[] out = new float[(last - first + 1) * len];
        System.arraycopy(x, first * len, out, 0, out.length);
        return out;
    }

    private static AudioClip telephone(AudioClip clip, boolean aLaw) {
        float rate = clip.sampleRateHz();
        if (rate < 8000f) {
            throw new IllegalArgumentException("the telephone channel needs a clip of at least 8 kHz, got " + rate + " Hz");
        }
        float[] x = clip.samples();
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        for (double q : new double[] {0.54119610, 1.3065630}) { // 4th-order Butterworth as two biquads
            biquad(y, rate, 300, q, true);
            biquad(y, rate, 3400, q, false);
        }
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            f[i] = (float) y[i];
        }
        float[] narrow = AudioClip.of(f, rate).resampledTo(8000f).samples();
        return AudioClip.of(g711RoundTrip(narrow, aLaw), 8000f);
    }

    /** Opus at {@code kbps}: 20 ms frames through Concentus's encoder and decoder, look-ahead removed. */
    private static AudioClip opus(AudioClip clip, double kbps) {
        float[] x = (clip.sampleRateHz() == OPUS_RATE_HZ ? clip : clip.resampledTo(OPUS_RATE_HZ)).samples();
        int frame = OPUS_RATE_HZ / 50;
        try {
            OpusEncoder encoder = new OpusEncoder(OPUS_RATE_HZ, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            encoder.setBitrate((int) Math.round(kbps * 1000));
            encoder.setComplexity(10);
            OpusDecoder decoder = new OpusDecoder(OPUS_RATE_HZ, 1);
            int delay = encoder.getLookahead();
            int frames = (x.length + delay + frame - 1) / frame;
            short[] in = new short[frame];
            short[] pcm = new short[frame];
            byte[] packet = new byte[1275]; // Opus's largest packet of one frame
            float[] decoded = new float[frames * frame];
            for (int f = 0; f < frames; f++) {
                for (int i = 0; i < frame; i++) {
                    int k = f * frame + i;
                    in[i] = k < x.length ? (short) Math.round(Math.max(-1f, Math.min(1f, x[k])) * 32767f) : 0;
                }
                int bytes = encoder.encode(in, 0, frame, packet, 0, packet.length);
                int n = decoder.decode(packet, 0, bytes, pcm, 0, frame, false);
                for (int i = 0; i < n; i++) {
                    decoded[f * frame + i] = pcm[i] / 32768f;
                }
            }
            return AudioClip.of(java.util.Arrays.copyOfRange(decoded, delay, delay + x.length), OPUS_RATE_HZ);
        } catch (OpusException e) {
            // not reachable with the settings above; a Concentus failure is a bug, not bad input
            throw new IllegalStateException("Opus round trip at " + kbps + " kbit/s failed: " + e.getMessage(), e);
        }
    }

    /** Rounds float samples in [-1, 1] to 16 bits (scale 32767), codes and decodes each with ser-core's G.711. */
    static float[] g711RoundTrip(float[] x, boolean aLaw) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            short pcm = (short) Math.round(Math.max(-1, Math.min(1, x[i])) * 32767.0);
            short back = aLaw ? G711.aLawToLinear(G711.linearToALaw(pcm)) : G711.muLawToLinear(G711.linearToMuLaw(pcm));
            out[i] = back / 32768f;
        }
        return out;
    }

    /** One RBJ-cookbook biquad, high- or low-pass, in place (direct form I). */
    private static void biquad(double[] x, float rate, double f0, double q, boolean highPass) {
        double w0 = 2 * Math.PI * f0 / rate;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        double b0 = highPass ? (1 + cos) / 2 : (1 - cos) / 2;
        double b1 = highPass ? -(1 + cos) : 1 - cos;
        double b2 = b0;
        double a0 = 1 + alpha;
        double a1 = -2 * cos;
        double a2 = 1 - alpha;
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double in = x[i];
            double out = (b0 * in + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = out;
            x[i] = out;
        }
    }

    private static float[] reverb(float[] x, float rate, double rt60, Random rnd) {
        int len = Math.max(2, (int) Math.round(rt60 * rate));
        double[] h = new double[len];
        h[0] = 1;
        double sd = 0.05 * Math.sqrt(16_000.0 / rate);
        int start = Math.max(1, (int) Math.round(0.001 * rate));
        for (int i = start; i < len; i++) {
            double t = i / (double) rate;
            h[i] = sd * rnd.nextGaussian() * Math.exp(-6.907755 * t / rt60);
        }
        double[] y = Fft.convolve(x, h);
        double peakIn = 0;
        double peakOut = 0;
        for (int i = 0; i < x.length; i++) {
            peakIn = Math.max(peakIn, Math.abs(x[i]));
            peakOut = Math.max(peakOut, Math.abs(y[i]));
        }
        float[] out = new float[x.length];
        double g = peakOut > 0 ? peakIn / peakOut : 0;
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (y[i] * g);
        }
        return out;
    }

    @Override
    public String toString() {
        return name();
    }
}
