package io.github.ser4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The batch options of {@code predict} and {@code timeline} (a picocli mixin) and the run they share:
 * expand the inputs ({@link BatchInputs}), skip what {@code --out} already holds ({@link ResultFile}),
 * score on {@code --threads} threads in input order ({@link BatchRunner}), print or append each file's
 * records, show progress ({@link BatchProgress}), and count failures.
 *
 * <p>Thread-safety: set once by the parser; {@link #run} is called once.
 */
final class BatchOptions {

    @Parameters(paramLabel = "FILE|DIR|@LIST", arity = "1..*",
            description = "audio files, folders (every readable file below, recursively, sorted) or @LIST "
                    + "(a file of paths, one a line)")
    List<String> inputs;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--out", paramLabel = "FILE.jsonl|FILE.csv", description = "write the results to this file "
            + "instead of stdout; if it exists, skip the files it already holds and append (resume)")
    Path out;

    @Option(names = "--progress", description = "progress line on stderr (default: when stderr is a terminal "
            + "and the results do not go to the same terminal)")
    boolean progress;

    @Option(names = "--json", description = "JSON lines on stdout")
    boolean json;

    /** How one command prints a file's records on stdout. */
    interface Printer {
        /** Called once before the first file, for a TSV header. */
        void header();

        void print(Map<String, Object> record);
    }

    /**
     * Runs the batch.
     *
     * @param fileColumns the CSV columns of {@code --out}
     * @param closesFile which record ends a file's records
     * @param task scores one file
     * @param printer prints records on stdout when there is no {@code --out}
     * @return the exit status: 0 if every file was scored, 1 if any failed
     */
    int run(CliCommand command, List<String> fileColumns, Predicate<Map<String, ?>> closesFile, BatchRunner.Task task,
            Printer printer) throws IOException {
        int n = threads.count(command);
        if (out != null && ResultFile.Format.of(out) == null) {
            throw command.usage("--out must end in .jsonl, .ndjson, .json or .csv, got " + out);
        }
        List<String> files = BatchInputs.expand(inputs);
        String name = "ser4j " + command.spec.name() + ": ";
        if (files.isEmpty()) {
            command.err().println(name + "no audio files in " + String.join(" ", inputs)
                    + " (readable extensions: " + String.join(", ", new java.util.TreeSet<>(
                            io.github.ser4j.core.AudioClip.readableExtensions())) + ")");
            return 1;
        }
        ResultFile file = out == null ? null : ResultFile.open(out, fileColumns, closesFile);
        try {
            List<String> todo = files;
            int heldFailures = 0;
            if (file != null) {
                todo = new ArrayList<>();
                for (String f : files) {
                    if (!file.holds(f)) {
                        todo.add(f);
                    } else if (file.failed(f)) {
                        heldFailures++;
                    }
                }
                if (todo.size() < files.size() || file.droppedBytes() > 0) {
                    command.err().println(name + "resuming " + out + ": " + (files.size() - todo.size()) + " of "
                            + files.size() + " files already there" + (file.droppedBytes() > 0
                            ? ", " + file.droppedBytes() + " bytes of an unfinished record removed" : ""));
                }
            } else {
                printer.header();
            }
            // automatic on a terminal, unless the results scroll on that same terminal
            boolean show = progress || (BatchProgress.stderrIsTerminal() && (file != null || !BatchProgress.stdoutIsTerminal()));
            BatchProgress bar = show ? new BatchProgress(command.err(), todo.size(),
                    BatchProgress.stderrIsTerminal(), System::nanoTime) : null;
            int failed = BatchRunner.run(todo, n, task, new BatchRunner.Consumer() {
                @Override
                public void record(String path, Map<String, Object> record) throws IOException {
                    if (record.get(ResultRecords.ERROR) instanceof String message) {
                        command.err().println(name + (message.contains(path) ? "" : path + ": ") + message);
                    }
                    if (file != null) {
                        file.append(List.of(record));
                    } else {
                        printer.print(record);
                    }
                }

                @Override
                public void done(String path) {
                    command.out().flush();
                    if (bar != null) {
                        bar.step();
                    }
                }
            });
            if (bar != null) {
                bar.finish();
            }
            if (file != null || show) {
                command.err().println(name + files.size() + " files: " + (todo.size() - failed) + " scored now, "
                        + (files.size() - todo.size()) + " already in " + (out == null ? "the output" : out) + ", "
                        + (failed + heldFailures) + " failed");
            }
            return failed + heldFailures == 0 ? 0 : 1;
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }
}
