package io.github.ser4j.bench;

import io.github.ser4j.core.AudioClip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The recording conditions and non-speech signals of the no-speech and out-of-domain measurements, all
 * generated in memory from a seed (no external tools). Kept in this one class so that it can be folded
 * into the robustness harness's own condition generators.
 *
 * <ul>
 *   <li>Additive noise at an SNR measured on the speech: speech power is the mean square over the
 *   clip's 20 ms frames within 40 dB of its loudest frame (pauses and leading silence excluded), noise
 *   power the mean square of the whole noise signal; the noise is scaled to
 *   {@code 10 log10(Ps / Pn) = SNR} and added over the whole clip. White: Gaussian; pink: Paul Kellet's
 *   refined 1/f filter over white; brown: leaky integration of white (pole 0.995), mean removed;
 *   babble: the sum of four other speakers' clips, each scaled to equal power, looped.</li>
 *   <li>Level: the clip scaled to a peak of the given dBFS.</li>
 *   <li>Telephone band: band-pass 300-3400 Hz (4th-order Butterworth sections, applied forward), then
 *   resampled to 8 kHz and back to 16 kHz.</li>
 * </ul>
 *
 * <p>Thread-safety: stateless; each call uses its own {@link Random}.
 */
final class NoSpeechConditions {

    static final float RATE = 16_000f;

    private NoSpeechConditions() {
    }

    /** Noise colours. */
    enum Noise { WHITE, PINK, BROWN }

    /** {@code n} samples of unit-power noise of a colour. */
    static float[] noise(Noise colour, int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        double brown = 0;
        for (int i = 0; i < n; i++) {
            double w = r.nextGaussian();
            switch (colour) {
                case WHITE -> x[i] = w;
                case PINK -> {
                    b0 = 0.99886 * b0 + w * 0.0555179;
                    b1 = 0.99332 * b1 + w * 0.0750759;
                    b2 = 0.96900 * b2 + w * 0.1538520;
                    b3 = 0.86650 * b3 + w * 0.3104856;
                    b4 = 0.55000 * b4 + w * 0.5329522;
                    b5 = -0.7616 * b5 - w * 0.0168980;
                    x[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
                    b6 = w * 0.115926;
                }
                default -> {
                    brown = 0.995 * brown + w;
                    x[i] = brown;
                }
            }
        }
        return unitPower(x);
    }

    private static float[] unitPower(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ms = 0;
        for (double v : x) {
            ms += (v - mean) * (v - mean);
        }
        double g = ms > 0 ? 1 / Math.sqrt(ms / x.length) : 0;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) ((x[i] - mean) * g);
        }
        return out;
    }

    /** Babble of unit power: the given clips (other speakers), each at equal power, summed and looped to {@code n}. */
    static float[] babble(List<AudioClip> talkers, int n) {
        double[] sum = new double[n];
        for (AudioClip c : talkers) {
            float[] s = c.samples();
            double ms = 0;
            for (float v : s) {
                ms += v * v;
            }
            double g = 1 / Math.sqrt(Math.max(ms / s.length, 1e-12));
            for (int i = 0; i < n; i++) {
                sum[i] += g * s[i % s.length];
            }
        }
        return unitPower(sum);
    }

    /** Speech power: mean square over 20 ms frames within 40 dB of the loudest. */
    static double speechPower(float[] s) {
        int frame = 320;
        int frames = s.length / frame;
        double[] ms = new double[Math.max(1, frames)];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            double e = 0;
            for (int i = f * frame; i < (f + 1) * frame; i++) {
                e += s[i] * s[i];
            }
            ms[f] = e / frame;
            max = Math.max(max, ms[f]);
        }
        double sum = 0;
        int n = 0;
        for (int f = 0; f < frames; f++) {
            if (ms[f] > 0 && ms[f] >= max * 1e-4) {
                sum += ms[f];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Speech plus unit-power noise scaled to an SNR in dB on the speech; clipped to [-1, 1]. */
    static AudioClip withNoise(AudioClip speech, float[] unitNoise, double snrDb) {
        float[] s = speech.samples();
        double g = Math.sqrt(speechPower(s) / Math.pow(10, snrDb / 10));
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (float) Math.max(-1, Math.min(1, s[i] + g * unitNoise[i % unitNoise.length]));
        }
        return AudioClip.of(out, speech.sampleRateHz());
    }

    /** The clip scaled to a peak level in dBFS. */
    static AudioClip atPeak(AudioClip clip, double peakDbfs) {
        float[] s = clip.samples();
        double peak = 0;
        for (float v : s) {
            peak = Math.max(peak, Math.abs(v));
        }
        double g = peak > 0 ? Math.pow(10, peakDbfs / 20) / peak : 0;
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (s[i] * g);
        }
        return AudioClip.of(s, clip.sampleRateHz());
    }

    /** Telephone band: 300-3400 Hz band-pass, through 8 kHz and back. */
    static AudioClip telephone(AudioClip clip) {
        float[] s = clip.samples();
        double[] x = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            x[i] = s[i];
        }
        x = biquad(biquad(x, 300, false), 300, false);
        x = biquad(biquad(x, 3400, true), 3400, true);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) Math.max(-1, Math.min(1, x[i]));
        }
        return AudioClip.of(y, clip.sampleRateHz()).resampledTo(8_000f).resampledTo(clip.sampleRateHz());
    }

    /** One second-order Butterworth section (RBJ cookbook, Q = 1/sqrt 2), low- or high-pass. */
    private static double[] biquad(double[] x, double hz, boolean lowPass) {
        double w = 2 * Math.PI * hz / RATE;
        double alpha = Math.sin(w) / (2 / Math.sqrt(2));
        double cos = Math.cos(w);
        double b0 = lowPass ? (1 - cos) / 2 : (1 + cos) / 2;
        double b1 = lowPass ? 1 - cos : -(1 + cos);
        double b2 = b0;
        double a0 = 1 + alpha;
        double a1 = -2 * cos;
        double a2 = 1 - alpha;
        double[] y = new double[x.length];
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double v = (b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = v;
            y[i] = v;
        }
        return y;
    }

    /**
     * The non-speech signals, 2 s each unless named otherwise, by name: silence, a constant, pure tones
     * (50 Hz-4 kHz), noises of three colours at three levels, chords (sine and harmonic-rich), note
     * sequences (4 and 8 notes a second, sine and harmonic-rich, with attack/decay envelopes), clicks
     * (random and a periodic 2 Hz train) and a 100 Hz pulse train (a buzz).
     */
    static Map<String, AudioClip> nonSpeech(long seed) {
        Map<String, AudioClip> m = new LinkedHashMap<>();
        int n = (int) (2 * RATE);
        m.put("silence", AudioClip.of(new float[n], RATE));
        m.put("constant 0.5", AudioClip.of(filled(n, 0.5f), RATE));
        m.put("constant -0.01", AudioClip.of(filled(n, -0.01f), RATE));
        for (double hz : new double[] {50, 100, 150, 220, 330, 440, 600, 1000, 4000}) {
            m.put("tone " + (int) hz + " Hz -6 dBFS", tone(n, hz, 0.5));
        }
        m.put("tone 220 Hz -40 dBFS", tone(n, 220, 0.01));
        for (double snr : new double[] {30, 20, 10, 5, 0}) {
            for (double hz : new double[] {120, 220, 440}) {
                float[] x = tone(n, hz, 0.5).samples();
                float[] w = noise(Noise.WHITE, n, seed + (long) hz);
                double g = Math.sqrt(0.125 / Math.pow(10, snr / 10));
                for (int i = 0; i < n; i++) {
                    x[i] = (float) Math.max(-1, Math.min(1, x[i] + g * w[i]));
                }
                m.put("tone " + (int) hz + " Hz + white " + (int) snr + " dB SNR", AudioClip.of(x, RATE));
            }
        }
        for (Noise c : Noise.values()) {
            for (double db : new double[] {-60, -30, -10}) {
                float[] x = noise(c, n, seed + c.ordinal());
                float g = (float) Math.pow(10, db / 20);
                for (int i = 0; i < n; i++) {
                    x[i] = Math.max(-1, Math.min(1, x[i] * g));
                }
                m.put(c.name().toLowerCase(java.util.Locale.ROOT) + " noise " + (int) db + " dBFS rms", AudioClip.of(x, RATE));
            }
        }
        double[] cMajor = {261.63, 329.63, 392.00};
        double[] aMinor7 = {110.0, 220.0, 261.63, 329.63, 392.0};
        m.put("chord C major, sines", chord(n, cMajor, 1));
        m.put("chord C major, 8 harmonics", chord(n, cMajor, 8));
        m.put("chord A minor 7, 8 harmonics", chord(n, aMinor7, 8));
        Random r = new Random(seed);
        for (int perSecond : new int[] {4, 8}) {
            for (int harmonics : new int[] {1, 8}) {
                m.put("notes " + perSecond + "/s, " + (harmonics == 1 ? "sines" : harmonics + " harmonics"),
                        notes(n, perSecond, harmonics, r));
            }
        }
        m.put("notes 3/s, 8 harmonics, 4 s", notes(2 * n, 3, 8, r));
        m.put("clicks, random 20/s", clicks(n, r, 20));
        m.put("clicks, 2/s", pulses(n, 2));
        m.put("pulse train 100 Hz (buzz)", pulses(n, 100));
        // The last is a known limit of the detector (a moving pitch over a voice's range), reported as such:
        m.put("tone 220 Hz, 5 Hz vibrato +-0.5 st", glide(n, t -> 220 * Math.pow(2, 0.5 / 12 * Math.sin(2 * Math.PI * 5 * t))));
        m.put("limit: siren 300-600 Hz, 0.5 Hz", glide(n, t -> 450 + 150 * Math.sin(2 * Math.PI * 0.5 * t)));
        return m;
    }

    /** A harmonic-rich tone whose frequency follows {@code hz(t)}, phase-continuous. */
    private static AudioClip glide(int n, java.util.function.DoubleUnaryOperator hz) {
        double[] x = new double[n];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            phase += 2 * Math.PI * hz.applyAsDouble(i / RATE) / RATE;
            for (int h = 1; h <= 8; h++) {
                x[i] += Math.sin(h * phase) / h;
            }
        }
        return normalised(x, 0.5);
    }

    private static float[] filled(int n, float v) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, v);
        return x;
    }

    private static AudioClip tone(int n, double hz, double amp) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return AudioClip.of(x, RATE);
    }

    private static double voice(double hz, int harmonics, double t) {
        double v = 0;
        for (int h = 1; h <= harmonics && h * hz < RATE / 2; h++) {
            v += Math.sin(2 * Math.PI * h * hz * t) / h;
        }
        return v;
    }

    private static AudioClip chord(int n, double[] hz, int harmonics) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            for (double f : hz) {
                x[i] += voice(f, harmonics, i / RATE);
            }
        }
        return normalised(x, 0.5);
    }

    private static AudioClip notes(int n, int perSecond, int harmonics, Random r) {
        double[] scale = {261.63, 293.66, 329.63, 349.23, 392.0, 440.0, 493.88, 523.25};
        double[] x = new double[n];
        int len = (int) (RATE / perSecond);
        for (int start = 0; start < n; start += len) {
            double hz = scale[r.nextInt(scale.length)] / (r.nextBoolean() ? 2 : 1);
            for (int i = start; i < Math.min(n, start + len); i++) {
                double t = (i - start) / RATE;
                double env = Math.min(1, t / 0.01) * Math.exp(-t / 0.15); // 10 ms attack, decay
                x[i] = env * voice(hz, harmonics, t);
            }
        }
        return normalised(x, 0.5);
    }

    private static AudioClip clicks(int n, Random r, int perSecond) {
        float[] x = new float[n];
        for (int k = 0; k < 2 * perSecond; k++) {
            int at = r.nextInt(n - 20);
            for (int i = 0; i < 20; i++) {
                x[at + i] = (float) (0.8 * Math.exp(-i / 4.0) * (i % 2 == 0 ? 1 : -1));
            }
        }
        return AudioClip.of(x, RATE);
    }

    private static AudioClip pulses(int n, double perSecond) {
        float[] x = new float[n];
        double period = RATE / perSecond;
        for (double at = 0; at < n; at += period) {
            x[(int) at] = 0.8f;
        }
        return AudioClip.of(x, RATE);
    }

    private static AudioClip normalised(double[] x, double peak) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] * peak / max);
        }
        return AudioClip.of(out, RATE);
    }

    /** Every {@code step}-th RAVDESS speech file under {@code dir}, sorted by path. */
    static List<java.nio.file.Path> ravdess(java.nio.file.Path dir, int step) throws java.io.IOException {
        List<java.nio.file.Path> all;
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.walk(dir)) {
            all = s.filter(p -> p.getFileName().toString().matches("03-01-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d\\.wav"))
                    .sorted().toList();
        }
        List<java.nio.file.Path> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += step) {
            out.add(all.get(i));
        }
        return out;
    }

    /** The RAVDESS actor of a file name, for choosing babble talkers that are other speakers. */
    static String actor(java.nio.file.Path p) {
        String name = p.getFileName().toString();
        return name.substring(name.length() - 6, name.length() - 4);
    }
}
