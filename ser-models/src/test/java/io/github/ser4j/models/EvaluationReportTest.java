package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.Emotion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    // truth:     a a a a b b b c c c ; predicted: a a b c b b a c c a
    static final List<Emotion> L = List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD);
    static final int[] TRUTH = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    static final int[] PRED = {0, 0, 1, 2, 1, 1, 0, 2, 2, 0};

    @Test
    void metricsMatchHandComputedValues() {
        EvaluationReport r = EvaluationReport.score("held-out", L, TRUTH, PRED, null, null, null);
        assertArrayEquals(new int[][] {{2, 1, 1}, {1, 2, 0}, {1, 0, 2}}, r.confusion());
        assertEquals(0.6, r.accuracy(), 1e-12);
        // a: P=2/4 R=2/4 F=.5; b: P=2/3 R=2/3 F=2/3; c: P=2/3 R=2/3 F=2/3
        assertEquals(0.5, r.perClass().get(0).f1(), 1e-12);
        assertEquals(2.0 / 3, r.perClass().get(1).precision(), 1e-12);
        assertEquals((0.5 + 2.0 / 3 + 2.0 / 3) / 3, r.macroF1(), 1e-12);
        assertEquals(4, r.perClass().get(0).support());
    }

    @Test
    void jsonRoundTripAndKeys() {
        EvaluationReport.GridPoint g = new EvaluationReport.GridPoint(new SvmParameters(SvmParameters.Kernel.RBF, 2, 0.01, 0), 0.6, 0.1, 0.55);
        EvaluationReport r = EvaluationReport.score("stratified 6-fold", L, TRUTH, PRED, g.parameters(), List.of(g), List.of("a note"));
        Map<?, ?> m = (Map<?, ?>) Json.parse(r.toJson());
        assertEquals(0.6, m.get("accuracy"));
        assertEquals(10.0, m.get("n"));
        assertEquals(List.of("neutral", "happy", "sad"), m.get("labels"));
        assertEquals(List.of(List.of(2.0, 1.0, 1.0), List.of(1.0, 2.0, 0.0), List.of(1.0, 0.0, 2.0)), m.get("confusion"));
        assertEquals(r, EvaluationReport.fromJsonMap(m));
        String text = r.toText();
        assertTrue(text.startsWith("stratified 6-fold: n=10 accuracy=0.6000 macroF1=0.6111"), text);
        assertTrue(text.matches("(?s).*rbf C=2 gamma=0.01 +0.6000 ± 0.1000  0.5500  <- chosen.*"), text);
    }
}
