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
}
