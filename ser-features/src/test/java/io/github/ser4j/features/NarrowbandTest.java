package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import org.junit.jupiter.api.Test;

class NarrowbandTest {

    private static final float RATE = 16_000f;

    /** {@code 1 kHz at amplitude 1} plus {@code 6 kHz at amplitude a}, 2 s at 16 kHz. */
    private static AudioClip twoTones(double a) {
        float[] x = new float[(int) (2 * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / RATE) + 0.5 * a * Math.sin(2 * Math.PI * 6000 * i / RATE));
        }
        return AudioClip.of(x, RATE);
    }

    @Test
    void theHighBandRatioIsThePowerRatioPerHertzOfTheTwoBands() {
        // bins of 31.25 Hz: 300-3400 Hz holds 100 of them, 4300-7500 Hz 103; each tone's power falls in its band
        double widths = 10 * Math.log10(100.0 / 103.0);
        for (double a : new double[] {1, 0.1, 0.01, 0.001}) {
            assertEquals(20 * Math.log10(a) + widths, Narrowband.highBandRatioDb(twoTones(a)), 0.05, "a = " + a);
        }
        assertFalse(Narrowband.isNarrowband(twoTones(0.1)));
        assertTrue(Narrowband.isNarrowband(twoTones(0.001)));
    }

    @Test
    void speechIsWidebandAndTheSameSpeechThroughAnEightKilohertzChannelIsNot() throws Exception {
        AudioClip speech = MfccStatisticsTest.speech().resampledTo(RATE);
        assertTrue(Narrowband.highBandRatioDb(speech) > -30, "studio speech: " + Narrowband.highBandRatioDb(speech));
        assertFalse(Narrowband.isNarrowband(speech));
        AudioClip phone = speech.resampledTo(8000f);
        assertEquals(Double.NEGATIVE_INFINITY, Narrowband.highBandRatioDb(phone), "8 kHz audio has no high band");
        assertTrue(Narrowband.isNarrowband(phone));
        AudioClip stored = phone.resampledToPcm16(RATE);
        assertTrue(Narrowband.highBandRatioDb(stored) < -60, "a call stored at 16 kHz: " + Narrowband.highBandRatioDb(stored));
        assertTrue(Narrowband.isNarrowband(stored));
    }

    @Test
    void ratesUpToAboutNineKilohertzCannotCarryTheHighBand() {
        // 94% of the Nyquist frequency reaches 4.3 kHz at 4300 / 0.47 = 9,148.9 Hz
        assertTrue(Narrowband.isNarrowbandRate(8000));
        assertTrue(Narrowband.isNarrowbandRate(9148));
        assertFalse(Narrowband.isNarrowbandRate(9149));
        assertFalse(Narrowband.isNarrowbandRate(11025));
        assertFalse(Narrowband.isNarrowbandRate(16000));
    }

    @Test
    void digitalSilenceIsNotCalledNarrowband() {
        AudioClip silence = AudioClip.of(new float[(int) RATE], RATE);
        assertEquals(0, Narrowband.highBandRatioDb(silence));
        assertFalse(Narrowband.isNarrowband(silence));
    }

    @Test
    void theFrontEndHandsOnOnlyTheTelephoneBand() throws Exception {
        FeatureExtractor inner = FeatureExtractors.speechSpan();
        Narrowband band = Narrowband.of(inner);
        AudioClip speech = MfccStatisticsTest.speech().resampledTo(RATE);
        AudioClip heard = band.heard(speech);
        assertTrue(Narrowband.highBandRatioDb(heard) < -60, "what the inner extractor hears: "
                + Narrowband.highBandRatioDb(heard));
        // a 1 kHz tone passes at its level, a 6 kHz one of the same level is gone: RMS 0.5/sqrt(2) instead of 0.5
        AudioClip both = twoTones(1);
        float[] tones = band.hand(both, 0, both.length()).clip().samples();
        double sum = 0;
        int n = 0;
        for (int k = 1600; k < tones.length - 1600; k++) { // away from the resampler's edges
            sum += tones[k] * (double) tones[k];
            n++;
        }
        assertEquals(0.5 / Math.sqrt(2), Math.sqrt(sum / n), 0.002);
        assertEquals(band.id(), FeatureExtractors.byId(band.id()).id());
        assertEquals("band/1(lowpass=3600-4400Hz)[" + inner.id() + "]", band.id());
        assertEquals(band.id(), FeatureExtractors.byName("speech-span-narrowband").id());
        assertEquals(inner.dimension(), band.dimension());
    }

    /** |H(f)| of the filter's taps, from its definition (the DTFT), in dB. */
    private static double gainDb(float[] h, double f, double rate) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < h.length; k++) {
            re += h[k] * Math.cos(2 * Math.PI * f * k / rate);
            im -= h[k] * Math.sin(2 * Math.PI * f * k / rate);
        }
        return 10 * Math.log10(re * re + im * im);
    }

    @Test
    void theFilterMeetsItsBandEdges() {
        for (double rate : new double[] {16_000, 22_050, 48_000}) {
            float[] h = Narrowband.lowPass(rate);
            assertEquals(1, h.length % 2, "odd length, whole delay");
            for (double f = 0; f <= Narrowband.PASS_HZ; f += 50) {
                assertEquals(0, gainDb(h, f, rate), 0.01, f + " Hz at " + rate);
            }
            for (double f = Narrowband.STOP_HZ; f <= rate / 2; f += 50) {
                assertTrue(gainDb(h, f, rate) < -79, f + " Hz at " + rate + ": " + gainDb(h, f, rate) + " dB");
            }
        }
        // at 16 kHz the cut-off is a quarter of the rate: a half-band filter, every other tap zero but the centre
        float[] h = Narrowband.lowPass(16_000);
        for (int k = 0; k < h.length; k++) {
            if ((k - h.length / 2) % 2 == 0 && k != h.length / 2) {
                assertEquals(0f, h[k], "tap " + k);
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> Narrowband.highBandRatioDb(null));
        assertThrows(IllegalArgumentException.class, () -> Narrowband.of(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Narrowband.of(SeedFeatures.atRate(8000f)));
        assertTrue(e.getMessage().contains("8000"), e.getMessage());
    }
}
