package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files of a batch command line, in a deterministic order: each argument is a file (kept, even if
 * it is missing or not audio: its result is then an error line), a directory (every file below it,
 * recursively, whose extension is one {@link AudioClip#readableExtensions()} names, sorted by path) or
 * {@code @LIST} (a text file of arguments, one a line; blank lines and lines starting with {@code #}
 * are skipped; directories in it expand too, nested lists do not).
 *
 * <p>Thread-safety: stateless.
 */
final class BatchInputs {

    /** How many files one batch may name: the list is held in memory. */
    static final int MAX_FILES = 10_000_000;

    private BatchInputs() {
    }

    /**
     * Expands the arguments.
     *
     * @throws IOException if a directory or list cannot be read (the message names it)
     * @throws IllegalArgumentException if an argument is not a valid path or the batch is too large
     */
    static List<String> expand(List<String> args) throws IOException {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("@") && a.length() > 1) {
                Path list = path(a.substring(1));
                if (!Files.isRegularFile(list)) {
                    throw new IOException("list file " + list + " does not exist or is not a file");
                }
                try (Stream<String> lines = Files.lines(list, StandardCharsets.UTF_8)) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        String t = line.strip();
                        if (!t.isEmpty() && !t.startsWith("#")) {
                            add(out, t);
                        }
                    }
                }
            } else {
                add(out, a);
            }
        }
        return out;
    }

    private static void add(List<String> out, String arg) throws IOException {
        Path p;
        try {
            p = Path.of(arg);
        } catch (InvalidPathException e) {
            addOne(out, arg); // its result is an error line naming it
            return;
        }
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(f -> Files.isRegularFile(f) && readable(f)).map(Path::toString).sorted()
                        .forEach(f -> addOne(out, f));
            }
        } else {
            addOne(out, arg);
        }
    }

    private static void addOne(List<String> out, String file) {
        if (out.size() >= MAX_FILES) {
            throw new IllegalArgumentException("a batch may hold at most " + MAX_FILES + " files");
        }
        out.add(file);
    }

    /** Whether a file's extension is one ser4j decodes. */
    static boolean readable(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && AudioClip.readableExtensions().contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path: '" + s + "' (" + e.getReason() + ")");
        }
    }
}
