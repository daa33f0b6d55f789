package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.ClassifierProvider;
import io.github.ser4j.core.EmotionClassifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProviderTest {

    @Test
    void serviceLoaderFindsTheProvider() {
        ClassifierProvider p = ServiceLoader.load(ClassifierProvider.class).findFirst().orElseThrow();
        assertInstanceOf(Ser4jClassifierProvider.class, p);
    }

    @Test
    void absentResourceIsAClearIOException() {
        IOException e = assertThrows(IOException.class,
                () -> Ser4jClassifierProvider.loadResource("/io/github/ser4j/models/absent.ser4j", new TestResolver()));
        assertEquals("the pretrained model resource /io/github/ser4j/models/absent.ser4j is not on the class path "
                + "(this ser-models build ships no trained model)", e.getMessage());
    }

    @Test
    void coreLoadOfAMissingFileGoesThroughTheProvider() {
        IOException e = assertThrows(IOException.class, () -> EmotionClassifier.load(Path.of("/nonexistent/m.ser4j")));
        assertTrue(e.getMessage().contains("/nonexistent/m.ser4j does not exist"), e.getMessage());
    }
}
