package io.github.ser4j.models;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ser4j evaluate}: scores a model on a labelled data set, or cross-validates the per-speaker
 * recipe under speaker sessions.
 *
 * <p>Thread-safety: one instance per run.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Score a model on a labelled data set.",
        description = {
            "Scores a model (default: the pretrained one) on a labelled data set: a folder with manifest.csv, "
                    + "RAVDESS-named files, or one sub-folder per emotion.",
            "--adapt-speaker needs the data set's speakers (manifest speaker/actor column or RAVDESS names) and scores "
                    + "with one speaker session per speaker: transductive (statistics of all the speaker's clips) or, "
                    + "with --online, each speaker's clips in a seeded random order, each predicted with the statistics "
                    + "of the clips before it only. Without --model it runs speaker-grouped k-fold cross-validation of "
                    + "the per-speaker recipe (train --per-speaker) with train's recipe options (default 5 folds); with "
                    + "--model it scores that speaker-adapted model on DIR as held-out data.",
            "Every report scores the probabilities too (mean confidence, ECE over 15 bins, NLL, Brier) without and "
                    + "with temperature scaling."})
final class EvaluateCommand extends CliCommand {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the labelled data set")
    Path data;

    @Mixin
    ModelOption model;

    @Option(names = "--adapt-speaker", description = "score with one speaker session per speaker")
    boolean adapt;

    @Option(names = "--online", description = "with --adapt-speaker: online protocol")
    boolean online;

    @Mixin
    RecipeOptions recipe;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--labels", paramLabel = "LIST",
            description = "score the model restricted to these labels (e.g. angry,happy,neutral,sad; probabilities "
                    + "renormalised over them), so that a data set lacking some labels is scored fairly")
    String labels;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (online && !adapt) {
            throw usage("--online needs --adapt-speaker");
        }
        if (recipe.anyGiven() && (!adapt || model.file != null)) {
            throw usage("recipe options (" + RecipeOptions.names() + ") go with --adapt-speaker and without --model");
        }
        java.util.Set<io.github.ser4j.core.Emotion> subset = LabelSubset.option(this, labels);
        if (subset != null && adapt && model.file == null) {
            throw usage("--labels with --adapt-speaker needs --model");
        }
        int n = threads.count(this);
        Dataset d = Dataset.read(data);
        EvaluationReport r;
        if (!adapt) {
            r = Evaluator.evaluate(model.load(resolver()), subset, d, n, err()::println);
        } else if (model.file != null) {
            SmoEmotionClassifier m = model.load(resolver());
            if (!m.isSpeakerAdapted()) {
                throw new IllegalArgumentException(model.file + " is not a speaker-adapted model; "
                        + "train one with train --per-speaker");
            }
            r = Evaluator.evaluateAdapted(m, subset, d, online, 1, n, err()::println);
        } else {
            RecipeOptions.Recipe rc = recipe.build(this, true, true, online, n);
            Main.quietWekaInit();
            r = SmoTrainer.crossValidate(d, rc.extractor(), rc.options(), err()::println);
        }
        for (String note : r.notes() == null ? java.util.List.<String>of() : r.notes()) {
            if (note.startsWith("WARNING: ")) {
                err().println("ser4j evaluate: " + note);
            }
        }
        out().print(json ? r.toJson() + System.lineSeparator() : r.toText());
        return 0;
    }
}
