package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ser4j.core.AudioClip;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StftTest {

    /** The frame-by-frame STFT the batched one replaced: one {@link RealFft#forwardWindowed} per frame. */
    private static float[] frameByFrame(float[] samples, int nFft, int hop) {
        int pad = nFft / 2;
        float[] padded = new float[samples.length + 2 * pad];
        System.arraycopy(samples, 0, padded, pad, samples.length);
        RealFft fft = new RealFft(nFft);
        double[] window = new double[nFft];
        for (int i = 0; i < nFft; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / nFft);
        }
        int frames = 1 + samples.length / hop;
        int bins = nFft / 2 + 1;
        float[] power = new float[frames * bins];
        double[] re = new double[bins];
        double[] im = new double[bins];
        for (int t = 0; t < frames; t++) {
            fft.forwardWindowed(padded, t * hop, window, re, im);
            for (int k = 0; k < bins; k++) {
                double r = (float) re[k];
                double m = (float) im[k];
                float mag = (float) Math.sqrt(r * r + m * m);
                power[t * bins + k] = mag * mag;
            }
        }
        return power;
    }

    @Test
    void batchedPowerIsBitIdenticalToFrameByFrame() {
        Random rnd = new Random(7);
        // frame counts below, at and above a multiple of the batch, two FFT sizes
        for (int[] setting : new int[][] {{512, 160}, {2048, 512}, {16, 5}}) {
            for (int samples : new int[] {4000, 160 * (2 * Stft.BATCH - 1), 160 * 3 * Stft.BATCH + 17}) {
                float[] x = new float[samples];
                for (int i = 0; i < samples; i++) {
                    x[i] = (float) (0.3 * rnd.nextGaussian() + 0.2 * Math.sin(i * 0.05));
                }
                Stft stft = new Stft(setting[0], setting[1]);
                PowerSpectrogram s = stft.power(AudioClip.of(x, 16_000f));
                float[] expected = frameByFrame(x, setting[0], setting[1]);
                assertEquals(stft.frameCount(samples), s.frames());
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(s.data()[i]),
                            "n_fft=" + setting[0] + " samples=" + samples + " frame " + i / s.bins()
                                    + " bin " + i % s.bins() + ": " + expected[i] + " vs " + s.data()[i]);
                }
            }
        }
    }

    @Test
    void powerIsBitIdenticalAtEveryScaleIncludingFloatUnderflowAndOverflow() {
        Random rnd = new Random(11);
        int samples = 160 * (Stft.BATCH + 3) + 7;
        // tiny scales make float subnormals and zeros (the conversions' own path), huge ones overflow to infinity
        for (double scale : new double[] {Float.MIN_VALUE, 1e-44, 1e-38, 1e-30, 1e-22, 1e-18, 1e-12, 1e-3, 1, 1e15,
            1e18, 1e19, 1e20, 1e35, 3e38}) {
            float[] x = new float[samples];
            for (int i = 0; i < samples; i++) {
                // a stretch of digital silence and a stretch of a single impulse among the noise
                boolean silent = i > samples / 3 && i < samples / 2;
                double v = silent ? 0 : i == 2 * samples / 3 ? 1 : 0.3 * rnd.nextGaussian() + 0.2 * Math.sin(i * 0.05);
                x[i] = (float) Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, v * scale));
            }
            for (int[] setting : new int[][] {{512, 160}, {2048, 512}}) {
                Stft stft = new Stft(setting[0], setting[1]);
                PowerSpectrogram s = stft.power(AudioClip.of(x, 16_000f));
                float[] expected = frameByFrame(x, setting[0], setting[1]);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(s.data()[i]),
                            "scale " + scale + ", n_fft=" + setting[0] + " frame " + i / s.bins() + " bin "
                                    + i % s.bins() + ": " + expected[i] + " vs " + s.data()[i]);
                }
            }
        }
    }

    @Test
    void toFloatIsTheCastOnNormalFloatsAndTies() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int i = 0; i < 2_000_000; i++) {
            double x;
            if ((i & 1) == 0) {
                // any double whose float rounding is normal or infinite (up to 2^140; spectra stay below 2^994)
                x = (1 + rnd.nextDouble()) * Math.scalb(1.0, rnd.nextInt(-126, 140)) * (rnd.nextBoolean() ? 1 : -1);
                if (Float.isInfinite((float) x)) {
                    // the cast overflows exactly where the splitting reaches 2^128, and powerFrames casts at the end
                    assertEquals(true, Math.abs(Stft.toFloat(x)) >= 0x1p128, "x=" + x);
                    continue;
                }
            } else {
                // exact ties (24 significant bits and a half) and their neighbours, where rounding to even matters
                long m = ((1L << 52) | (rnd.nextLong() & ((1L << 52) - 1))) & ~((1L << 29) - 1) | (1L << 28);
                m += rnd.nextInt(3) - 1;
                x = Math.scalb((double) m, rnd.nextInt(-125, 127) - 52) * (rnd.nextBoolean() ? 1 : -1);
            }
            assertEquals(Double.doubleToRawLongBits((float) x), Double.doubleToRawLongBits(Stft.toFloat(x)), "x=" + x);
        }
        for (double x : new double[] {0.0, -0.0, Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MAX_VALUE,
            Math.nextUp((double) Float.MAX_VALUE), 0x1.fffffe8p127, 0x1.fffffefp127}) {
            assertEquals(Double.doubleToRawLongBits((float) x), Double.doubleToRawLongBits(Stft.toFloat(x)), "x=" + x);
        }
        for (double x : new double[] {0x1.ffffffp127, 0x1p128, 1e290}) {
            assertEquals(true, Float.isInfinite((float) x) && Math.abs(Stft.toFloat(x)) >= 0x1p128, "x=" + x);
        }
    }
}
