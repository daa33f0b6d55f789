package io.github.ser4j.models;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code ser4j add-training-hashes --model FILE --data DIR --out FILE}: adds the content hashes of the
 * training clips ({@link ClipHashes}) to the provenance of a model trained before they were kept, so
 * that {@code evaluate} can warn when it scores training clips. The data set must be the one the model
 * was trained on: its file list's SHA-256 and clip count must equal the provenance's, or nothing is
 * written. The model itself (standardiser, SVM, temperature) is copied unchanged.
 *
 * <p>Thread-safety: a command-line entry point.
 */
final class TrainingHashesCommand {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: ser4j add-training-hashes --model FILE --data DIR --out FILE [--threads N]",
            "  Adds the content hashes of the training clips to a model's provenance, so that evaluate",
            "  can warn when it scores them. DIR must be the data set the model was trained on (same",
            "  file list and clip count as the provenance records); the model is otherwise unchanged.");

    private TrainingHashesCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, ExtractorResolver resolver)
            throws Main.UsageException, IOException {
        Main.Options o = Main.Options.parse(args, Set.of("--model", "--data", "--out", "--threads"), Set.of(), false);
        Path modelFile = Path.of(o.required("--model"));
        Path outFile = Path.of(o.required("--out"));
        Dataset data = Dataset.read(Path.of(o.required("--data")));
        int threads = o.integer("--threads", Runtime.getRuntime().availableProcessors(), 1);
        SmoEmotionClassifier model = ModelFile.read(modelFile, resolver);
        SmoEmotionClassifier withHashes = withTrainingHashes(model, data, threads);
        withHashes.save(outFile);
        err.println("wrote " + outFile + " (" + Files.size(outFile) + " bytes, was " + Files.size(modelFile) + "): "
                + withHashes.provenance().data().clipHashes().size() + " training-clip hashes added");
        return 0;
    }

    /**
     * The model with its training clips' hashes in the provenance.
     *
     * @throws IllegalArgumentException if {@code data} is not the model's training data set
     * @throws IOException if a clip cannot be read
     */
    static SmoEmotionClassifier withTrainingHashes(SmoEmotionClassifier model, Dataset data, int threads)
            throws IOException {
        TrainingDataSummary trained = model.provenance().data();
        TrainingDataSummary given = data.summary();
        if (!given.fileListSha256().equals(trained.fileListSha256()) || given.clips() != trained.clips()) {
            throw new IllegalArgumentException("data set " + data.root() + " (" + given.clips() + " clips, file list "
                    + "SHA-256 " + given.fileListSha256() + ") is not the training data of the model (" + trained.clips()
                    + " clips, file list SHA-256 " + trained.fileListSha256() + ")");
        }
        List<String> hashes = ClipHashes.of(data, model.featureExtractor(), threads, null);
        return model.withProvenance(model.provenance().withData(trained.withClipHashes(hashes)));
    }
}
