package io.github.ser4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ser4j add-training-hashes --model FILE --data DIR --out FILE}: adds the content hashes of the
 * training clips ({@link ClipHashes}) to the provenance of a model trained before they were kept, so
 * that {@code evaluate} can warn when it scores training clips. The data set must be the one the model
 * was trained on: its file list's SHA-256 and clip count must equal the provenance's, or nothing is
 * written. The model itself (standardiser, SVM, temperature) is copied unchanged.
 *
 * <p>Thread-safety: a command-line entry point.
 */
@picocli.CommandLine.Command(name = "add-training-hashes", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Record a model's training clips, so that evaluate can warn when it scores them.",
        description = {"Adds the content hashes of the training clips to a model's provenance. DIR must be the data "
                + "set the model was trained on (same file list and clip count as the provenance records); the model "
                + "is otherwise unchanged."})
final class TrainingHashesCommand extends CliCommand {

    @picocli.CommandLine.Option(names = "--model", required = true, paramLabel = "FILE", description = "the model")
    Path modelFile;

    @picocli.CommandLine.Option(names = "--data", required = true, paramLabel = "DIR",
            description = "the data set the model was trained on")
    Path dataDir;

    @picocli.CommandLine.Option(names = "--out", required = true, paramLabel = "FILE", description = "the model to write")
    Path outFile;

    @picocli.CommandLine.Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws IOException {
        Dataset data = Dataset.read(dataDir);
        SmoEmotionClassifier model = ModelFile.read(modelFile, resolver());
        SmoEmotionClassifier withHashes = withTrainingHashes(model, data, threads.count(this));
        withHashes.save(outFile);
        err().println("wrote " + outFile + " (" + Files.size(outFile) + " bytes, was " + Files.size(modelFile) + "): "
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
