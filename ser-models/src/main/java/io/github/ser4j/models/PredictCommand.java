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
                    + "--model the pretrained model is used. A file without speech (silence, steady noise, a tone, "
                    + "music) prints no-speech with the voiced seconds found and the reason (JSON: \"emotion\": null "
                    + "and a no_speech object); speech far outside the training data prints out-of-domain and no "
                    + "confidence (JSON: \"emotion\": null), the model's probabilities (not an answer) and why in "
                    + "out_of_domain. --per-channel predicts each channel on its own (columns channel, 0 = left, "
                    + "and channels).",
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

    @picocli.CommandLine.Option(names = "--labels", paramLabel = "LIST",
            description = "restrict the model to these labels, e.g. angry,happy,neutral,sad (probabilities "
                    + "renormalised over them)")
    String labels;

    @Mixin
    PerChannelOption channels;

    @Override
    public Integer call() throws IOException {
        java.util.Set<io.github.ser4j.core.Emotion> subset = LabelSubset.option(this, labels);
        SmoEmotionClassifier loaded = model.load(resolver());
        io.github.ser4j.core.EmotionClassifier m = subset == null ? loaded : loaded.restrictedTo(subset);
        boolean perChannel = channels.perChannel;
        List<String> columns = perChannel ? ResultRecords.perChannelColumns(m.labels()) : ResultRecords.predictColumns(m.labels());
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
        if (!perChannel) {
            return batch.run(this, columns, r -> true,
                    (path, emit) -> emit.accept(ResultRecords.prediction(path, m.predict(Path.of(path)))), printer);
        }
        return batch.run(this, columns, ResultRecords::closesFile, (path, emit) -> ResultRecords.channelPredictions(path,
                io.github.ser4j.core.AudioClip.readChannels(Path.of(path)), m).forEach(emit), printer);
    }
}
