package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.FeatureExtractor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ser4j features}: exports one feature vector per clip of a labelled data set, with its path,
 * speaker and emotion, as CSV or ARFF.
 *
 * <p>Thread-safety: one instance per run.
 */
@Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Export feature vectors as CSV or ARFF.",
        description = "Exports one feature vector per clip with its path, speaker and emotion (CSV or ARFF by the "
                + "--out extension).")
final class FeaturesCommand extends CliCommand {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the labelled data set")
    Path data;

    @Option(names = "--extractor", required = true, paramLabel = "NAME|ID", description = "feature preset name or extractor id")
    String extractor;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv|FILE.arff", description = "the table to write")
    Path out;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws IOException {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean arff = name.endsWith(".arff");
        if (!arff && !name.endsWith(".csv")) {
            throw usage("--out must end in .csv or .arff, got " + out);
        }
        int n = threads.count(this);
        FeatureExtractor ex = resolver().byNameOrId(extractor);
        Dataset d = Dataset.read(data);
        double[][] x = FeatureTable.extract(d, ex, n, err()::println);
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            if (arff) {
                writeArff(w, d, ex, x);
            } else {
                writeCsv(w, d, ex, x);
            }
        }
        err().println("wrote " + x.length + " vectors of " + ex.dimension() + " features to " + out);
        return 0;
    }

    private static void writeCsv(BufferedWriter w, Dataset data, FeatureExtractor ex, double[][] x) throws IOException {
        List<String> head = new ArrayList<>(List.of("path", "speaker", "emotion"));
        head.addAll(ex.featureNames());
        w.write(String.join(",", head.stream().map(Csv::quote).toList()));
        w.newLine();
        for (int i = 0; i < x.length; i++) {
            LabelledClip c = data.clips().get(i);
            StringBuilder sb = new StringBuilder();
            sb.append(Csv.quote(c.relativePath())).append(',').append(c.speaker() == null ? "" : Csv.quote(c.speaker()))
                    .append(',').append(c.emotion().word());
            for (double v : x[i]) {
                sb.append(',').append(v);
            }
            w.write(sb.toString());
            w.newLine();
        }
    }

    private static void writeArff(BufferedWriter w, Dataset data, FeatureExtractor ex, double[][] x) throws IOException {
        w.write("% ser4j features, extractor " + ex.id());
        w.newLine();
        w.write("@relation " + arffQuote(data.name()));
        w.newLine();
        w.write("@attribute path string");
        w.newLine();
        w.write("@attribute speaker string");
        w.newLine();
        for (String f : ex.featureNames()) {
            w.write("@attribute " + arffQuote(f) + " numeric");
            w.newLine();
        }
        List<String> words = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            words.add(e.word());
        }
        w.write("@attribute emotion {" + String.join(",", words) + "}");
        w.newLine();
        w.write("@data");
        w.newLine();
        for (int i = 0; i < x.length; i++) {
            LabelledClip c = data.clips().get(i);
            StringBuilder sb = new StringBuilder();
            sb.append(arffQuote(c.relativePath())).append(',').append(c.speaker() == null ? "?" : arffQuote(c.speaker()));
            for (double v : x[i]) {
                sb.append(',').append(v);
            }
            sb.append(',').append(c.emotion().word());
            w.write(sb.toString());
            w.newLine();
        }
    }

    private static String arffQuote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
