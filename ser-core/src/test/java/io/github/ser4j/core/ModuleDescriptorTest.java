package io.github.ser4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ser-core's module descriptor: what it exports and uses, and that the module runs as a named module (the
 * other tests run on the class path, where the descriptor is ignored; see the surefire note in the pom).
 */
class ModuleDescriptorTest {

    private static final String NAME = "io.github.ser4j.core";

    private static Path location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor() throws URISyntaxException {
        return ModuleFinder.of(location(EmotionClassifier.class)).find(NAME).orElseThrow().descriptor();
    }

    @Test
    void exportsTheApiPackageOnlyAndHasNoOther() throws Exception {
        ModuleDescriptor d = descriptor();
        assertEquals(Set.of(NAME), d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(d.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified), d.exports().toString());
        assertEquals(Set.of(NAME), d.packages(), "a package that is not exported would be hidden from ser-features and "
                + "ser-models on the module path");
        assertTrue(d.opens().isEmpty() && !d.isOpen(), "nothing is opened for reflection");
        Set<String> requires = d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertEquals(Set.of("java.base", "java.desktop", "org.slf4j"), requires);
        assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("java.desktop")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)),
                "AudioClip.from(AudioInputStream) puts a java.desktop type in the API");
    }

    @Test
    void usesEveryServiceTheSourcesLoad() throws Exception {
        // a ServiceLoader.load(X.class) without `uses X` fails with ServiceConfigurationError in a named module
        Pattern load = Pattern.compile("ServiceLoader\\.load\\((\\w+)\\.class");
        Set<String> loaded = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Matcher m = load.matcher(Files.readString(f));
                while (m.find()) {
                    loaded.add(NAME + "." + m.group(1));
                }
            }
        }
        assertEquals(Set.of(NAME + ".AudioDecoderProvider", NAME + ".ClassifierProvider"), loaded);
        assertEquals(loaded, new TreeSet<>(descriptor().uses()));
    }

    @Test
    void runsAsANamedModuleInALayer() throws Exception {
        ModuleFinder finder = ModuleFinder.of(location(EmotionClassifier.class), location(org.slf4j.Logger.class));
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolve(finder, ModuleFinder.of(), Set.of(NAME));
        ModuleLayer layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        ClassLoader loader = layer.findLoader(NAME);

        Class<?> classifier = loader.loadClass(NAME + ".EmotionClassifier");
        assertTrue(classifier.getModule().isNamed());
        assertEquals(NAME, classifier.getModule().getName());
        assertTrue(classifier != EmotionClassifier.class, "the layer's copy, not the class path's");

        // `uses ClassifierProvider`: no provider in the layer, so the library's own message, not a ServiceConfigurationError
        Method load = classifier.getMethod("load");
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> load.invoke(null));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getCause().getMessage().startsWith("no ser4j model provider on the class path"), e.getCause().getMessage());

        // `uses AudioDecoderProvider`: content no built-in reader knows goes to the (absent) plug-ins
        Method read = loader.loadClass(NAME + ".AudioClip").getMethod("read", InputStream.class);
        InvocationTargetException r = assertThrows(InvocationTargetException.class,
                () -> read.invoke(null, new ByteArrayInputStream("TESTgood and more bytes".getBytes(StandardCharsets.US_ASCII))));
        assertInstanceOf(IOException.class, r.getCause());
        assertEquals(NAME + ".UnsupportedAudioException", r.getCause().getClass().getName());
        assertTrue(r.getCause().getMessage().startsWith("stream: not audio: unrecognised content"), r.getCause().getMessage());
    }
}
