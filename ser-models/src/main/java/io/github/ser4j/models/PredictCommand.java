package io.github.ser4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ser4j predict}: the emotion of each audio file of a batch.
 *
 * <p>Thread-safety: one instance per run; the files are scored in parallel with one shared model.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        header = "The emotion of each audio file.",
        description = {
            "Prints a header and one line per file: path, emotion, confidence and every label's probability "
                    + "(with --json one JSON object per line: path, emotion, confidence, probabilities). Without "
                    + "--model the pretrained model is used.",
            "Folders are searched recursively for every readable extension; output order is the input order "
                    + "whatever --threads is. A file that cannot be scored is one line on stderr (and, in JSON "
                    + "and --out files, a record with an \"error\" field) and the batch goes on; the exit status "
                    + "is 1 if any file failed.",
            "--out FILE.jsonl or FILE.csv writes the records to a file that a rerun resumes: files it already "
                    + "holds are skipped, each record is appended whole, and a torn last line is removed."})
final class PredictCommand extends CliCommand {

    @Mixin
    BatchOptions batch;

    @Mixin
    ModelOption model;

    @Override
    public Integer call() throws IOException {
        SmoEmotionClassifier m = model.load(resolver());
        List<String> columns = ResultRecords.predictColumns(m.labels());
        BatchOptions.Printer printer = new BatchOptions.Printer() {
            @Override
            public void header() {
                if (!batch.json) {
                    out().println(String.join("\t", columns));
                }
            }

            @Override
            public void print(Map<String, Object> record) {
                if (batch.json) {
                    out().println(Json.write(record));
                } else if (!record.containsKey(ResultRecords.ERROR)) {
                    out().println(String.join("\t", ResultRecords.flat(record, columns, true)));
                }
            }
        };
        return batch.run(this, columns, r -> true,
                (path, emit) -> emit.accept(ResultRecords.prediction(path, m.predict(Path.of(path)))), printer);
    }
}
