package io.github.ser4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ser4j train}: grid-searches and cross-validates a recipe, prints the report, then trains on all
 * the data with the best parameters and writes the model file.
 *
 * <p>Thread-safety: one instance per run.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Grid-search, cross-validate and write a model.",
        description = {
            "Grid-searches with k-fold cross-validation (stratified, or speaker-grouped with --grouped), prints the "
                    + "report, then trains on all the data with the best parameters and writes the model file.",
            "--per-speaker z-normalises every clip's features with its speaker's statistics (shrunk towards "
                    + "population priors) before the global standardiser, for speaker sessions; the cross-validation "
                    + "then scores test speakers transductively, or online with --online.",
            "The report also scores the probabilities (mean confidence, ECE, NLL, Brier) before and after temperature "
                    + "scaling; T is fitted on the cross-validated distributions and stored in the model. "
                    + "Progress goes to stderr."})
final class TrainCommand extends CliCommand {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "labelled clips: manifest.csv, RAVDESS names, or one folder per emotion")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the model file to write")
    Path out;

    @Option(names = "--grouped", description = "speaker-grouped folds (no speaker on both sides)")
    boolean grouped;

    @Option(names = "--per-speaker", description = "per-speaker normalisation (a model for speaker sessions)")
    boolean perSpeaker;

    @Option(names = "--online", description = "with --per-speaker: score test speakers online")
    boolean online;

    @Mixin
    RecipeOptions recipe;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!perSpeaker && (online || recipe.perSpeakerGiven())) {
            throw usage("--online, --shrinkage and --noisy-copies need --per-speaker");
        }
        RecipeOptions.Recipe rc = recipe.build(this, grouped, perSpeaker, online, threads.count(this));
        Dataset d = Dataset.read(data);
        Main.quietWekaInit();
        TrainingResult result = SmoTrainer.train(d, rc.extractor(), rc.options(), err()::println);
        result.classifier().save(out);
        out().print(json ? result.crossValidation().toJson() + System.lineSeparator() : result.crossValidation().toText());
        err().println("wrote " + out + " (" + Files.size(out) + " bytes, " + result.classifier() + ")");
        return 0;
    }
}
