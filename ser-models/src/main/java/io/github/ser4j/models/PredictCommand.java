package io.github.ser4j.models;

import io.github.ser4j.core.Prediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        for (String f : inputs) {
            Prediction p;
            try {
                p = m.predict(Path.of(f));
            } catch (IOException | IllegalArgumentException e) {
                err().println("ser4j predict: " + Main.oneLine(e.getMessage()));
                failures++;
                continue;
            }
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("path", f);
                o.put("emotion", p.emotion().word());
                o.put("confidence", p.probability());
                Map<String, Object> probs = new LinkedHashMap<>();
                p.probabilities().forEach((e, v) -> probs.put(e.word(), v));
                o.put("probabilities", probs);
                out().println(Json.write(o));
            } else {
                StringBuilder sb = new StringBuilder();
                sb.append(f).append('\t').append(p.emotion().word()).append('\t')
                        .append(String.format(Locale.ROOT, "%.4f", p.probability()));
                p.probabilities().forEach((e, v) -> sb.append('\t').append(e.word()).append('=')
                        .append(String.format(Locale.ROOT, "%.4f", v)));
                out().println(sb);
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
