package io.github.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * ser-features' module descriptor, and that the module runs as a named module with ser-core alone: no
 * TarsosDSP (the other tests run on the class path, where the descriptor is ignored; see the surefire note in
 * the pom).
 */
class ModuleDescriptorTest {

    private static final String NAME = "io.github.ser4j.features";
    private static final String CORE = "io.github.ser4j.core";

    private static Path location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void exportsItsOnePackageAndRequiresSerCoreOnly() throws Exception {
        ModuleDescriptor d = ModuleFinder.of(location(FeatureExtractors.class)).find(NAME).orElseThrow().descriptor();
        assertEquals(Set.of(NAME), d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(d.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified), d.exports().toString());
        assertEquals(Set.of(NAME), d.packages());
        assertTrue(d.opens().isEmpty() && !d.isOpen(), "nothing is opened for reflection");
        assertEquals(Set.of("java.base", CORE),
                d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        assertTrue(d.requires().stream().anyMatch(r -> r.name().equals(CORE)
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)),
                "the API takes and returns ser-core types");
    }

    @Test
    void extractsAsANamedModuleWithSerCoreAndSlf4jOnly() throws Exception {
        // the layer holds ser-features, ser-core and slf4j-api: no TarsosDSP
        ModuleFinder finder = ModuleFinder.of(location(FeatureExtractors.class), location(AudioClip.class),
                location(org.slf4j.Logger.class));
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolve(finder, ModuleFinder.of(), Set.of(NAME));
        assertEquals(Set.of(NAME, CORE, "org.slf4j"),
                cf.modules().stream().map(m -> m.name()).collect(Collectors.toSet()));
        ModuleLayer layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        ClassLoader loader = layer.findLoader(NAME);
        Class<?> presets = loader.loadClass(NAME + ".FeatureExtractors");
        assertTrue(presets.getModule().isNamed() && presets != FeatureExtractors.class, "the layer's copy");

        // the speech-span preset (prosody's pitch tracker included) on a harmonic tone with vibrato, in the layer
        // and on the class path: the same values
        float[] samples = new float[16_000 * 2];
        for (int i = 0; i < samples.length; i++) {
            double t = i / 16_000.0;
            double f0 = 180 + 20 * Math.sin(2 * Math.PI * 5 * t);
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * f0 * t) + 0.1 * Math.sin(4 * Math.PI * f0 * t));
        }
        Class<?> clipClass = loader.loadClass(CORE + ".AudioClip");
        Object clip = clipClass.getMethod("of", float[].class, float.class).invoke(null, samples, 16_000f);
        Object extractor = presets.getMethod("speechSpan").invoke(null);
        Method extract = loader.loadClass(CORE + ".FeatureExtractor").getMethod("extract", clipClass);
        double[] inLayer = (double[]) extract.invoke(extractor, clip);

        FeatureExtractor local = FeatureExtractors.speechSpan();
        double[] onClassPath = local.extract(AudioClip.of(samples, 16_000f));
        assertEquals(local.dimension(), inLayer.length);
        assertArrayEquals(onClassPath, inLayer, 0.0);
    }
}
