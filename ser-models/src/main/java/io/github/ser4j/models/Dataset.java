package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A labelled set of audio files, read from a folder in one of three layouts, tried in this order:
 * <ol>
 *   <li>a {@code manifest.csv} in the folder, with a header holding {@code path} and {@code emotion}
 *       (a word, case-insensitive) and optionally {@code speaker} or {@code actor}; paths are relative
 *       to the folder;</li>
 *   <li>RAVDESS file names {@code MM-VV-EE-II-SS-RR-AA.wav} anywhere below the folder (emotion from
 *       {@code EE}, speaker from the actor {@code AA});</li>
 *   <li>one sub-folder per emotion, {@code DIR/angry/*.wav}, without speakers.</li>
 * </ol>
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param name the corpus name, the folder's name
 * @param root the folder
 * @param layout {@code manifest}, {@code ravdess} or {@code folders}
 * @param clips the clips, sorted by relative path
 */
public record Dataset(String name, Path root, String layout, List<LabelledClip> clips) {

    private static final Pattern RAVDESS = Pattern.compile("(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)\\.wav",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_DEPTH = 16;

    /**
     * Freezes the data set.
     *
     * @throws IllegalArgumentException if it holds no clips
     * @param name the record component of the same name
     * @param root the record component of the same name
     * @param layout the record component of the same name
     * @param clips the record component of the same name
     */
    public Dataset {
        if (clips == null || clips.isEmpty()) {
            throw new IllegalArgumentException("data set " + root + " holds no clips");
        }
        clips = clips.stream().sorted(Comparator.comparing(LabelledClip::relativePath)).toList();
    }

    /**
     * Reads a data set folder, detecting its layout.
     *
     * @param dir the folder
     * @return the data set
     * @throws IOException if the folder is missing or unreadable, or the data is bad: an unknown label,
     *     a missing file, a malformed manifest row, an empty class folder; the message names the file or row
     * @throws IllegalArgumentException if {@code dir} is null
     */
    public static Dataset read(Path dir) throws IOException {
        if (dir == null) {
            throw new IllegalArgumentException("data folder must not be null");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("data folder " + dir + " does not exist or is not a folder");
        }
        String name = dir.toAbsolutePath().normalize().getFileName() == null ? dir.toString()
                : dir.toAbsolutePath().normalize().getFileName().toString();
        Path manifest = dir.resolve("manifest.csv");
        if (Files.isRegularFile(manifest)) {
            return new Dataset(name, dir, "manifest", readManifest(dir, manifest));
        }
        List<Path> audio = audioFiles(dir);
        if (!audio.isEmpty() && audio.stream().allMatch(p -> RAVDESS.matcher(p.getFileName().toString()).matches())) {
            List<LabelledClip> clips = new ArrayList<>();
            for (Path p : audio) {
                Matcher m = RAVDESS.matcher(p.getFileName().toString());
                m.matches();
                int code = Integer.parseInt(m.group(3));
                if (code < 1 || code > 8) {
                    throw new IOException("RAVDESS file " + dir.relativize(p) + " has emotion code " + m.group(3)
                            + "; expected 01 to 08");
                }
                clips.add(new LabelledClip(p, relative(dir, p), Emotion.fromRavdessCode(code), m.group(7)));
            }
            return new Dataset(name, dir, "ravdess", clips);
        }
        return new Dataset(name, dir, "folders", readFolders(dir));
    }

    private static List<Path> audioFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir, MAX_DEPTH)) {
            return s.filter(Files::isRegularFile).filter(Dataset::isAudio).sorted().collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static boolean isAudio(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".wav") || n.endsWith(".wave") || n.endsWith(".aif") || n.endsWith(".aiff")
                || n.endsWith(".aifc") || n.endsWith(".au");
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private static List<LabelledClip> readFolders(Path dir) throws IOException {
        List<LabelledClip> clips = new ArrayList<>();
        List<Path> subdirs;
        try (Stream<Path> s = Files.list(dir)) {
            subdirs = s.filter(Files::isDirectory).sorted().toList();
        }
        if (subdirs.isEmpty()) {
            throw new IOException("data folder " + dir + " has no manifest.csv, no RAVDESS-named files and no "
                    + "per-emotion sub-folders");
        }
        for (Path sub : subdirs) {
            Emotion e;
            try {
                e = Emotion.parse(sub.getFileName().toString());
            } catch (IllegalArgumentException ex) {
                throw new IOException("folder " + sub + " is not named after an emotion: " + ex.getMessage(), ex);
            }
            List<Path> audio = audioFiles(sub);
            if (audio.isEmpty()) {
                throw new IOException("emotion folder " + sub + " holds no audio files");
            }
            for (Path p : audio) {
                clips.add(new LabelledClip(p, relative(dir, p), e, null));
            }
        }
        return clips;
    }

    private static List<LabelledClip> readManifest(Path dir, Path manifest) throws IOException {
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(manifest + " is empty; expected a header with path and emotion");
        }
        List<String> header = Csv.split(stripBom(lines.get(0)));
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            col.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        Integer pathCol = col.get("path");
        Integer emotionCol = col.get("emotion");
        if (pathCol == null || emotionCol == null) {
            throw new IOException(manifest + ": the header must name the columns path and emotion, got " + header);
        }
        Integer speakerCol = col.containsKey("speaker") ? col.get("speaker") : col.get("actor");
        List<LabelledClip> clips = new ArrayList<>();
        for (int row = 1; row < lines.size(); row++) {
            String line = lines.get(row);
            if (line.isBlank()) {
                continue;
            }
            String where = manifest.getFileName() + " line " + (row + 1);
            List<String> f;
            try {
                f = Csv.split(line);
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
            int need = Math.max(pathCol, Math.max(emotionCol, speakerCol == null ? 0 : speakerCol));
            if (f.size() <= need) {
                throw new IOException(where + " has " + f.size() + " fields; the header has " + header.size());
            }
            String rel = f.get(pathCol).trim();
            Emotion e;
            try {
                e = Emotion.parse(f.get(emotionCol));
            } catch (IllegalArgumentException ex) {
                throw new IOException(where + " (" + rel + "): " + ex.getMessage(), ex);
            }
            Path file = dir.resolve(rel).normalize();
            if (rel.isEmpty() || !Files.isRegularFile(file)) {
                throw new IOException(where + ": file '" + rel + "' does not exist");
            }
            String speaker = speakerCol == null ? null : f.get(speakerCol).trim();
            clips.add(new LabelledClip(file, relative(dir, file), e, speaker));
        }
        if (clips.isEmpty()) {
            throw new IOException(manifest + " lists no files");
        }
        return clips;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /**
     * The labels present, in {@link Emotion} order.
     *
     * @return an unmodifiable list
     */
    public List<Emotion> labels() {
        return List.copyOf(new TreeSet<>(clips.stream().map(LabelledClip::emotion).toList()));
    }

    /**
     * Whether every clip names its speaker.
     *
     * @return true if speaker-grouped cross-validation is possible
     */
    public boolean hasSpeakers() {
        return clips.stream().allMatch(c -> c.speaker() != null);
    }

    /**
     * Summarises the data for a model's provenance.
     *
     * @return the summary, with a SHA-256 over the sorted relative file list
     */
    public TrainingDataSummary summary() {
        Map<Emotion, Integer> per = new EnumMap<>(Emotion.class);
        TreeSet<String> speakers = new TreeSet<>();
        StringBuilder list = new StringBuilder();
        for (LabelledClip c : clips) {
            per.merge(c.emotion(), 1, Integer::sum);
            if (c.speaker() != null) {
                speakers.add(c.speaker());
            }
            list.append(c.relativePath()).append('\n');
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(list.toString().getBytes(StandardCharsets.UTF_8));
            return new TrainingDataSummary(name, clips.size(), List.copyOf(speakers), per, HexFormat.of().formatHex(h));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
