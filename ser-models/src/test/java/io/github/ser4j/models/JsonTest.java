package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void roundTripKeepsValuesExactly() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote \" backslash \\ newline \n tab \t ctl \u0001 é");
        m.put("d", List.of(0.1, 1e-300, -2.5e17, 3.0, 1.0 / 3));
        m.put("b", true);
        m.put("n", null);
        m.put("nested", Map.of("k", List.of()));
        String text = Json.write(m);
        Object back = Json.parse(text);
        assertEquals(m, back);
        assertEquals(text, Json.write(back));
    }

    @Test
    void writesKnownText() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", new double[] {1, 2.5, Double.NaN});
        m.put("b", "x\"y");
        m.put("c", new int[] {3});
        assertEquals("{\"a\":[1,2.5,null],\"b\":\"x\\\"y\",\"c\":[3]}", Json.write(m));
    }

    @Test
    void malformedInputNamesTheOffset() {
        assertEquals("malformed JSON at offset 5: expected ':'",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}")).getMessage());
        assertEquals("malformed JSON at offset 3: trailing characters",
                assertThrows(IllegalArgumentException.class, () -> Json.parse("[] x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(1000)));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"abc"));
    }
}
