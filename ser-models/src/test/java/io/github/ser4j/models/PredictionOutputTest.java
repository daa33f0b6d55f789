package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.DomainCheck;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.SpeechEvidence;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's lines for a flagged, an unflagged and a no-speech prediction. */
class PredictionOutputTest {

    private static final Prediction SPEECH = Prediction.of(Map.of(Emotion.SAD, 0.25, Emotion.FEARFUL, 0.75))
            .withSpeech(SpeechEvidence.speech(1.25, 3));

    @Test
    void flaggedPredictionsSaySoInBothFormats() {
        Prediction p = SPEECH.withDomain(new DomainCheck(true, 11.4, 2, 494, 206.5, "seed-librosa.rms_min"));
        assertEquals("a.wav\tfearful\t0.7500\tsad=0.2500\tfearful=0.7500\tout-of-domain: RMS z-score 11.4 over 494 "
                + "features (limit 2.00): largest 207 sd, seed-librosa.rms_min", PredictionOutput.tsv("a.wav", p));
        Map<?, ?> json = (Map<?, ?>) Json.parse(Json.write(PredictionOutput.json("a.wav", p)));
        Map<?, ?> d = (Map<?, ?>) json.get("outOfDomain");
        assertEquals(true, d.get("flagged"));
        assertEquals(11.4, ((Number) d.get("rmsZ")).doubleValue());
        assertEquals("seed-librosa.rms_min", d.get("largestFeature"));
        assertEquals(1.25, ((Number) json.get("voicedSeconds")).doubleValue());
    }

    @Test
    void inDomainAndNoSpeechLines() {
        Prediction ok = SPEECH.withDomain(new DomainCheck(false, 0.9, 2, 494, 3.1, "x"));
        assertEquals("a.wav\tfearful\t0.7500\tsad=0.2500\tfearful=0.7500", PredictionOutput.tsv("a.wav", ok));
        assertEquals(false, ((Map<?, ?>) PredictionOutput.json("a.wav", ok).get("outOfDomain")).get("flagged"));
        Prediction none = Prediction.noSpeech(SpeechEvidence.noSpeech(0, 2, "0.00 s of voiced sound"));
        assertEquals("a.wav\tno-speech\tvoiced=0.00s\t0.00 s of voiced sound", PredictionOutput.tsv("a.wav", none));
        String json = Json.write(PredictionOutput.json("a.wav", none));
        assertTrue(json.contains("\"emotion\":null"), json);
        assertTrue(json.contains("\"noSpeech\":{\"reason\":\"0.00 s of voiced sound\""), json);
    }
}
