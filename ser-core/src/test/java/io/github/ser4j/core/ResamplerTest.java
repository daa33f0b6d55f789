package io.github.ser4j.core;

import static io.github.ser4j.core.TestAudio.amplitudeAt;
import static io.github.ser4j.core.TestAudio.rms;
import static io.github.ser4j.core.TestAudio.sine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The resampler keeps tones in the pass band (frequency and amplitude) and removes those above the
 * new Nyquist frequency instead of folding them back. Measurements use the middle of the clip, a
 * whole number of periods long, away from the edges where the kernel runs off the signal.
 */
class ResamplerTest {

    private static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /**
     * Resamples a tone and checks the middle half: the amplitude at {@code hz} is within 0.1 dB of the
     * input, and what is left after subtracting the fitted tone is at least 60 dB down, which it could
     * not be if the frequency had moved.
     */
    @ParameterizedTest(name = "{1} Hz at {0} -> {2}")
    @CsvSource({"44100, 1000, 16000", "16000, 1000, 44100", "16000, 6000, 44100", "48000, 5000, 16000",
        "8000, 3000, 16000", "22050, 2000, 16000", "96000, 6500, 16000", "11025, 440, 48000",
        "44100.5, 1000, 16000", "16000, 5000, 44099.5", "384000, 400, 1000"})
    void passBandTonesKeepFrequencyAndAmplitude(float from, double hz, float to) {
        double amplitude = 0.5;
        AudioClip out = AudioClip.of(sine(hz, from, 1.0, amplitude), from).resampledTo(to);
        assertEquals(to, out.sampleRateHz());
        assertEquals(Math.ceil(from * 1.0 * to / from), out.length(), 1.0);

        float[] y = out.samples();
        int from0 = y.length / 4;
        int len = (int) (Math.floor((y.length / 2.0) * hz / to) * to / hz); // whole periods
        double fitted = amplitudeAt(y, to, hz, from0, from0 + len);
        assertEquals(0, db(fitted / amplitude), 0.1, "gain in dB at " + hz + " Hz");

        double residual = 0;
        float[] clean = sine(hz, to, 1.0, fitted);
        // Align the phase: the fitted tone and the resampled one start together at t = 0.
        for (int i = from0; i < from0 + len; i++) {
            double d = y[i] - clean[i];
            residual += d * d;
        }
        residual = Math.sqrt(residual / len);
        assertTrue(db(residual / (amplitude / Math.sqrt(2))) < -60,
                "residual after removing the " + hz + " Hz tone is " + db(residual / (amplitude / Math.sqrt(2))) + " dB");
    }

    @Test
    void toneAboveTheNewNyquistIsRemovedNotAliased() {
        // 7 kHz at 44.1 kHz, taken to 8 kHz: it would fold to 1 kHz.
        double amplitude = 0.5;
        float[] y = AudioClip.of(sine(7000, 44100, 1.0, amplitude), 44100).resampledTo(8000).samples();
        int from0 = 2000;
        int len = 4000; // 0.5 s: whole periods of 1 kHz and of 7 kHz
        double inputRms = amplitude / Math.sqrt(2);
        double totalDb = db(rms(y, from0, from0 + len) / inputRms);
        double aliasDb = db(amplitudeAt(y, 8000, 1000, from0, from0 + len) / amplitude);
        assertTrue(totalDb <= -40, "output energy is " + totalDb + " dB");
        assertTrue(aliasDb <= -40, "the 1 kHz alias is at " + aliasDb + " dB");
    }

    @ParameterizedTest(name = "{0} Hz at {1} -> {2}")
    @CsvSource({"4400, 44100, 8000", "8600, 44100.5, 16000"})
    void toneJustAboveTheNewNyquistIsRemoved(double hz, float from, float to) {
        // Just past the transition band, where a short or badly windowed kernel leaks most.
        float[] y = AudioClip.of(sine(hz, from, 1.0, 0.5), from).resampledTo(to).samples();
        int from0 = y.length / 4;
        double level = db(rms(y, from0, from0 + y.length / 2) / (0.5 / Math.sqrt(2)));
        assertTrue(level <= -60, hz + " Hz leaks through at " + level + " dB");
    }

    @Test
    void constantSignalKeepsItsLevel() {
        float[] dc = new float[22050];
        java.util.Arrays.fill(dc, 0.25f);
        float[] y = AudioClip.of(dc, 44100).resampledTo(16000).samples();
        for (int i = 1000; i < y.length - 1000; i++) {
            assertEquals(0.25, y[i], 1e-4, "sample " + i);
        }
    }

    @Test
    void exactMinimumDurationSurvivesResampling() {
        AudioClip quarter = AudioClip.of(new float[11025], 44100);
        assertEquals(4000, quarter.resampledTo(16000).length());
        assertEquals(0.25, quarter.resampledTo(16000).durationSeconds(), 1e-9);
    }

    @Test
    void sameRateReturnsTheSameClip() {
        AudioClip clip = AudioClip.of(new float[8000], 16000);
        assertSame(clip, clip.resampledTo(16000));
    }

    @Test
    void tenMinutesAt96kHzResamplesWithinMemory() {
        // 57.6 M samples (230 MB); the resampler allocates only its 9.6 M-sample output.
        float[] x = new float[96000 * 600];
        for (int i = 0; i < x.length; i += 96) {
            x[i] = 0.5f; // 1 kHz impulse train: non-trivial content everywhere
        }
        AudioClip out = AudioClip.of(x, 96000).resampledTo(16000);
        assertEquals(16000 * 600, out.length());
        assertEquals(600.0, out.durationSeconds(), 1e-9);
        // The impulse train's mean (0.5 / 96) is its DC component, which resampling keeps.
        double mean = 0;
        for (int i = 16000; i < out.length() - 16000; i++) {
            mean += out.sample(i);
        }
        mean /= out.length() - 32000;
        assertEquals(0.5 / 96, mean, 1e-5);
    }
}
