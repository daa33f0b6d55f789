package io.github.ser4j.models;

import io.github.ser4j.core.Prediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ser4j predict}: the emotion of each audio file.
 *
 * <p>Thread-safety: one instance per run.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        header = "The emotion of each audio file.",
        description = "Prints one line per file: path, emotion, confidence and every label's probability (with --json "
                + "one JSON object per line). Without --model the pretrained model is used.")
final class PredictCommand extends CliCommand {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "audio files")
    List<String> inputs;

    @Option(names = "--json", description = "one JSON object per line")
    boolean json;

    @Mixin
    ModelOption model;

    @Override
    public Integer call() throws IOException {
        SmoEmotionClassifier m = model.load(resolver());
        int failures = 0;
        boolean headerDone = false;
        for (String f : inputs) {
            Prediction p;
            try {
                p = m.predict(Path.of(f));
            } catch (IOException | IllegalArgumentException e) {
                err().println("ser4j predict: " + Main.oneLine(e.getMessage()));
                failures++;
                continue;
            }
            Map<String, Object> record = ResultRecords.prediction(f, p);
            if (json) {
                out().println(Json.write(record));
            } else {
                if (!headerDone) {
                    out().println(String.join("\t", ResultRecords.predictColumns(m.labels())));
                    headerDone = true;
                }
                out().println(String.join("\t", ResultRecords.flat(record, ResultRecords.predictColumns(m.labels()), true)));
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
