package io.github.ser4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The harness lives in {@code io.github.ser4j.bench} only: a class of it in a library package
 * ({@code io.github.ser4j.models}, {@code .features}, {@code .core}) would split that package between two
 * jars, which no module system allows, and would reach the library's package-private internals instead of
 * its research API ({@code io.github.ser4j.models.Research}, {@code io.github.ser4j.features.FeatureResearch}).
 */
class PackageBoundaryTest {

    @Test
    void everyHarnessClassIsInTheBenchPackage() throws Exception {
        Path classes = Path.of(Report.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "the harness's compiled classes: " + classes);
        Set<String> packages = new TreeSet<>();
        int count = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                Path dir = classes.relativize(f).getParent();
                packages.add(dir == null ? "(unnamed)" : dir.toString().replace(f.getFileSystem().getSeparator(), "."));
                count++;
            }
        }
        assertTrue(count > 20, count + " classes in " + classes);
        // JMH's generated benchmark classes go to the sub-package jmh_generated
        packages.removeIf(p -> p.equals("io.github.ser4j.bench") || p.equals("io.github.ser4j.bench.jmh_generated"));
        assertEquals(Set.of(), packages, "harness classes outside io.github.ser4j.bench");
    }
}
