package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.DomainCheck;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.Prediction;
import io.github.ser4j.core.SpeechEvidence;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's records (JSON and table rows) for a flagged, an unflagged and a no-speech prediction. */
class ResultRecordsNoSpeechTest {

    private static final Prediction SPEECH = Prediction.of(Map.of(Emotion.SAD, 0.25, Emotion.FEARFUL, 0.75))
            .withSpeech(SpeechEvidence.speech(1.25, 3));
    private static final List<String> COLUMNS = ResultRecords.predictColumns(List.of(Emotion.SAD, Emotion.FEARFUL));

    @Test
    void flaggedPredictionsSaySoInBothFormats() {
        assertEquals(List.of("path", "emotion", "confidence", "sad", "fearful", "voiced_s", "no_speech", "out_of_domain"),
                COLUMNS);
        Prediction p = SPEECH.withDomain(new DomainCheck(true, 11.4, 2, 494, 206.5, "seed-librosa.rms_min"));
        // no emotion and no confidence; the model's distribution is printed, not an answer
        assertEquals(List.of("a.wav", "out-of-domain", "", "0.2500", "0.7500", "1.25", "", "RMS z-score 11.4 over 494 "
                + "features (limit 2.00): largest 207 sd, seed-librosa.rms_min"),
                ResultRecords.flat(ResultRecords.prediction("a.wav", p), COLUMNS, true));
        Map<?, ?> json = (Map<?, ?>) Json.parse(Json.write(ResultRecords.prediction("a.wav", p)));
        assertTrue(json.containsKey("emotion") && json.get("emotion") == null, json.toString());
        assertEquals(false, json.containsKey("confidence"), json.toString());
        assertEquals(0.75, ((Number) ((Map<?, ?>) json.get("probabilities")).get("fearful")).doubleValue());
        Map<?, ?> d = (Map<?, ?>) json.get("out_of_domain");
        assertEquals(true, d.get("flagged"));
        assertEquals(11.4, ((Number) d.get("rms_z")).doubleValue());
        assertEquals("seed-librosa.rms_min", d.get("largest_feature"));
        assertEquals(1.25, ((Number) json.get("voiced_s")).doubleValue());
    }

    @Test
    void inDomainAndNoSpeechRecords() {
        Prediction ok = SPEECH.withDomain(new DomainCheck(false, 0.9, 2, 494, 3.1, "x"));
        assertEquals(List.of("a.wav", "fearful", "0.7500", "0.2500", "0.7500", "1.25", "", ""),
                ResultRecords.flat(ResultRecords.prediction("a.wav", ok), COLUMNS, true));
        assertEquals(false, ((Map<?, ?>) ResultRecords.prediction("a.wav", ok).get("out_of_domain")).get("flagged"));
        Prediction none = Prediction.noSpeech(SpeechEvidence.noSpeech(0, 2, "0.00 s of voiced sound"));
        assertEquals(List.of("a.wav", "no-speech", "", "", "", "0.00", "0.00 s of voiced sound", ""),
                ResultRecords.flat(ResultRecords.prediction("a.wav", none), COLUMNS, true));
        String json = Json.write(ResultRecords.prediction("a.wav", none));
        assertTrue(json.contains("\"emotion\":null"), json);
        assertTrue(json.contains("\"no_speech\":{\"reason\":\"0.00 s of voiced sound\""), json);
    }
}
