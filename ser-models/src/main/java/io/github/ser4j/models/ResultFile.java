package io.github.ser4j.models;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A batch's {@code --out} file, JSON Lines ({@code .jsonl}, {@code .ndjson}, {@code .json}) or CSV
 * ({@code .csv}, with a header row), that a rerun resumes. Each record is appended as one write of a whole
 * line, so a crash leaves at most one torn line at the end; opening an existing file
 * reads which paths it already holds (a path is held once its closing record is complete: every
 * {@code predict} record, a {@code timeline}'s {@code events} or {@code error} record) and truncates
 * whatever follows the last closing record (a torn line, an unfinished timeline), so the rerun appends
 * cleanly. Records are not fsynced one by one: a power cut may lose the last few, which the rerun then
 * scores again.
 *
 * <p>Thread-safety: {@link #append} is synchronized; the rest is confined to the opening thread.
 */
final class ResultFile implements Closeable {

    /** How the file is written. */
    enum Format {
        JSON_LINES, CSV;

        /** The format the file name's extension asks for, or null if it names neither. */
        static Format of(Path file) {
            String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
                return JSON_LINES;
            }
            return n.endsWith(".csv") ? CSV : null;
        }
    }

    private final Path file;
    private final Format format;
    private final List<String> columns;
    private final FileChannel channel;
    private final Set<String> held = new HashSet<>();
    private final Set<String> failed = new HashSet<>();
    private final long droppedBytes;

    /**
     * Opens (creating if needed) a result file.
     *
     * @param columns the CSV columns (ignored for JSON Lines); an {@code error} column is added
     * @param closesFile whether a record is the last of its file's records
     * @throws IOException if the file cannot be read or written, or holds other columns or lines that are
     *     not records before its end (the message names the file and line)
     * @throws IllegalArgumentException if the extension names no format
     */
    static ResultFile open(Path file, List<String> columns, Predicate<Map<String, ?>> closesFile) throws IOException {
        Format format = Format.of(file);
        if (format == null) {
            throw new IllegalArgumentException("--out must end in .jsonl, .ndjson, .json or .csv, got " + file);
        }
        return new ResultFile(file, format, columns, closesFile);
    }

    private ResultFile(Path file, Format format, List<String> columns, Predicate<Map<String, ?>> closesFile)
            throws IOException {
        this.file = file;
        this.format = format;
        List<String> cols = new ArrayList<>(columns);
        cols.add(ResultRecords.ERROR);
        this.columns = List.copyOf(cols);
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        long keep = Files.exists(file) ? scan(closesFile) : 0;
        long size = Files.exists(file) ? Files.size(file) : 0;
        this.droppedBytes = size - keep;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.truncate(keep);
        channel.position(keep);
        if (keep == 0 && format == Format.CSV) {
            write(String.join(",", this.columns.stream().map(Csv::quote).toList()) + "\n");
        }
    }

    /** Reads the existing records; returns the length to keep (the end of the last closing record). */
    private long scan(Predicate<Map<String, ?>> closesFile) throws IOException {
        long keep = 0;
        long offset = 0;
        int lineNo = 0;
        String pendingError = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while (true) {
                b = in.read();
                if (b < 0) {
                    break; // a last line without its newline is torn: dropped
                }
                offset++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                lineNo++;
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (pendingError != null) {
                    throw new IOException(pendingError); // a bad line with more after it: not a torn end
                }
                if (lineNo == 1 && format == Format.CSV) {
                    String expected = String.join(",", columns.stream().map(Csv::quote).toList());
                    if (!text.equals(expected)) {
                        throw new IOException(file + " has other columns than this run writes (" + text + " instead of "
                                + expected + "); write to another file");
                    }
                    keep = offset;
                    continue;
                }
                Map<String, ?> record = parse(text);
                if (record == null || !(record.get(ResultRecords.PATH) instanceof String path)) {
                    pendingError = "line " + lineNo + " of " + file + " is not a result record; fix or remove it";
                    continue;
                }
                if (closesFile.test(record)) {
                    held.add(path);
                    if (record.containsKey(ResultRecords.ERROR)) {
                        failed.add(path);
                    } else {
                        failed.remove(path);
                    }
                    keep = offset;
                }
            }
        }
        return keep;
    }

    private Map<String, ?> parse(String line) {
        try {
            if (format == Format.JSON_LINES) {
                return Json.parse(line) instanceof Map<?, ?> m ? castKeys(m) : null;
            }
            List<String> fields = Csv.split(line);
            if (fields.size() != columns.size()) {
                return null;
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                if (!fields.get(i).isEmpty()) {
                    m.put(columns.get(i), fields.get(i));
                }
            }
            return m;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, ?> castKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** Whether the file already holds this path's result. */
    boolean holds(String path) {
        return held.contains(path);
    }

    /** Whether the file holds an error record as this path's result. */
    boolean failed(String path) {
        return failed.contains(path);
    }

    /** Bytes of a torn or unfinished tail that opening removed. */
    long droppedBytes() {
        return droppedBytes;
    }

    /** The file's columns (CSV), ending with {@code error}. */
    List<String> columns() {
        return columns;
    }

    /** Appends one file's records as one write of whole lines. */
    synchronized void append(List<Map<String, Object>> records) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> r : records) {
            if (format == Format.JSON_LINES) {
                sb.append(Json.write(r));
            } else {
                sb.append(String.join(",", ResultRecords.flat(r, columns, false).stream().map(Csv::quote).toList()));
            }
            sb.append('\n');
        }
        write(sb.toString());
    }

    private void write(String text) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
