package io.github.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the library on the module path (after {@code package}, by failsafe): ser-core and ser-features as the
 * named modules {@code io.github.ser4j.core} and {@code io.github.ser4j.features} (their {@code module-info}),
 * ser-models as the automatic module its manifest names, every dependency jar as a module. {@code predict} must then find the classifier and
 * every decoder plug-in through the services ser-models provides and answer exactly as the shaded jar does.
 */
class ModulePathIT {

    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    private static String modulePath() {
        String runtime = System.getProperty("ser4j.runtimePath");
        String jar = System.getProperty("ser4j.libraryJar");
        assertTrue(runtime != null && jar != null, "failsafe passes ser4j.runtimePath and ser4j.libraryJar (see the pom)");
        assertTrue(Files.isRegularFile(Path.of(jar)), jar + " is built by the package phase");
        for (String entry : runtime.split(File.pathSeparator)) {
            // a directory without module-info.class is no module: the reactor must hand over jars
            assertTrue(entry.endsWith(".jar"), "not a jar on the module path: " + entry);
        }
        return jar + File.pathSeparator + runtime;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished: " + cmd);
        return new Run(p.exitValue(), out, err.join());
    }

    private static String describe(String mp, String module) throws IOException, InterruptedException {
        Run r = run(List.of(JAVA, "--module-path", mp, "--describe-module", module));
        assertEquals(0, r.exit(), r.out() + r.err());
        return r.out();
    }

    @Test
    void eachArtifactIsTheModuleItsDescriptorOrManifestNames() throws Exception {
        String mp = modulePath();
        String core = describe(mp, "io.github.ser4j.core");
        assertFalse(core.contains("automatic"), core);
        assertTrue(core.contains("exports io.github.ser4j.core"), core);
        assertTrue(core.contains("uses io.github.ser4j.core.ClassifierProvider"), core);
        assertTrue(core.contains("uses io.github.ser4j.core.AudioDecoderProvider"), core);
        String features = describe(mp, "io.github.ser4j.features");
        assertFalse(features.contains("automatic"), features);
        assertTrue(features.contains("exports io.github.ser4j.features"), features);
        assertTrue(features.contains("requires io.github.ser4j.core transitive"), features);
        assertFalse(features.contains("TarsosDSP"), features);
        String models = describe(mp, "io.github.ser4j.models");
        assertTrue(models.contains("automatic"), models);
        assertTrue(models.contains("provides io.github.ser4j.core.ClassifierProvider with io.github.ser4j.models.Ser4jClassifierProvider"),
                models);
        assertTrue(models.contains("provides io.github.ser4j.core.AudioDecoderProvider with"), models);
    }

    @Test
    void theShadedJarCarriesNoModuleDescriptor() throws IOException {
        // merged classes of many modules are no one module: ser-core's descriptor would name the whole jar
        // io.github.ser4j.core and hide every other package; the shade filter drops every module-info.class
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(Path.of("target", "ser4j.jar").toFile())) {
            assertEquals(List.of(), jar.stream().map(java.util.jar.JarEntry::getName)
                    .filter(n -> n.endsWith("module-info.class")).toList());
            assertTrue(jar.getEntry("io/github/ser4j/core/EmotionClassifier.class") != null);
        }
    }

    @Test
    void predictOnTheModulePathAnswersAsTheShadedJar() throws Exception {
        String mp = modulePath();
        List<String> files = new ArrayList<>();
        for (String f : new String[] {"speech-stereo.flac", "speech-stereo.mp3", "speech-stereo.ogg", "speech-mono.opus"}) {
            files.add(AudioDecodersTest.fixture(f).toString());
        }
        // An automatic module requires no explicit module: ser-core and picocli join as an application's own
        // `requires` would add them. Not ALL-MODULE-PATH: Jetty's WebSocket module requires the webapp module that
        // ser-models' pom excludes, so `serve` (and Javalin) do not resolve on the module path.
        // ser-features is a named module, which the automatic ser-models cannot require: it is added too.
        List<String> modular = new ArrayList<>(List.of(JAVA, "--module-path", mp, "--add-modules",
                "io.github.ser4j.core,io.github.ser4j.features,info.picocli", "-m",
                "io.github.ser4j.models/io.github.ser4j.models.Main", "predict"));
        modular.addAll(files);
        List<String> shaded = new ArrayList<>(List.of(JAVA, "-jar", Path.of("target", "ser4j.jar").toString(), "predict"));
        shaded.addAll(files);
        Run m = run(modular);
        Run s = run(shaded);
        assertEquals(0, m.exit(), m.out() + m.err());
        assertEquals(0, s.exit(), s.out() + s.err());
        assertEquals(files.size() + 1, s.out().lines().count(), "a header and a row per file:\n" + s.out());
        assertEquals(s.out(), m.out());
    }

    @Test
    void withoutSerFeaturesInTheModuleGraphLoadingAModelSaysWhatToAdd() throws Exception {
        Run r = run(List.of(JAVA, "--module-path", modulePath(), "--add-modules", "io.github.ser4j.core,info.picocli",
                "-m", "io.github.ser4j.models/io.github.ser4j.models.Main", "predict",
                AudioDecodersTest.fixture("speech-stereo.flac").toString()));
        assertTrue(r.exit() != 0, r.out() + r.err());
        assertTrue(r.err().contains("module io.github.ser4j.features is not in the module graph")
                && r.err().contains("--add-modules io.github.ser4j.features"), r.err());
        assertFalse(r.err().contains("NoClassDefFoundError"), r.err());
    }
}
