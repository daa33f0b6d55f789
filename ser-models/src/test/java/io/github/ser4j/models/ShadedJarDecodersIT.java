package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.github.ser4j.core.Emotion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the shaded {@code target/ser4j.jar} (after {@code package}, by failsafe): its merged
 * {@code META-INF/services} must list every decoder plug-in, so {@code predict} reads each format.
 */
class ShadedJarDecodersIT {

    @Test
    void theShadedJarDecodesEveryPluggedInFormat() throws IOException, InterruptedException {
        Path jar = Path.of("target", "ser4j.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built by the package phase");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", jar.toString(), "predict"));
        String[] files = {"speech-stereo.flac", "speech-stereo.mp3", "speech-stereo.ogg", "speech-mono.opus"};
        for (String f : files) {
            cmd.add(AudioDecodersTest.fixture(f).toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "predict finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        for (String f : files) {
            // a row of the predict table: the file, then an emotion word (not an error, not no-speech)
            assertTrue(out.lines().map(l -> l.split("\t")).anyMatch(c -> c[0].endsWith(f) && c.length > 2
                    && Arrays.stream(Emotion.values()).anyMatch(e -> e.word().equals(c[1]))),
                    f + " in:\n" + out);
        }
    }
}
