package io.github.ser4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadableExtensionsTest {

    @TempDir
    Path tmp;

    @Test
    void everyFileTypeJavaSoundWritesCarriesAnExtensionTheListNamesAndReads() throws Exception {
        int n = 8000;
        byte[] pcm = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            short v = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
            pcm[2 * i] = (byte) (v >> 8);
            pcm[2 * i + 1] = (byte) v;
        }
        AudioFormat f = new AudioFormat(16000f, 16, 1, true, true);
        for (AudioFileFormat.Type type : List.of(AudioFileFormat.Type.WAVE, AudioFileFormat.Type.AIFF,
                AudioFileFormat.Type.AU)) {
            assertTrue(AudioClip.readableExtensions().contains(type.getExtension()), type.getExtension());
            Path file = tmp.resolve("tone." + type.getExtension());
            try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), f, n)) {
                AudioSystem.write(in, type, file.toFile());
            }
            assertEquals(n, AudioClip.read(file).length(), type.toString());
        }
        for (String e : AudioClip.readableExtensions()) {
            assertEquals(e.toLowerCase(java.util.Locale.ROOT), e);
            assertTrue(!e.startsWith("."), e);
        }
        assertThrows(UnsupportedOperationException.class, () -> AudioClip.readableExtensions().add("mp3"));
    }
}
