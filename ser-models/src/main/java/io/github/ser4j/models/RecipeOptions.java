package io.github.ser4j.models;

import io.github.ser4j.core.FeatureExtractor;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The training recipe's options, shared by {@code train} and {@code evaluate --adapt-speaker} (a picocli
 * mixin): extractor, kernel, grids, folds, seed, metric and the per-speaker settings.
 *
 * <p>Thread-safety: set once by the parser, then read only.
 */
final class RecipeOptions {

    /** The extractor {@code train} uses without {@code --extractor}. */
    static final String DEFAULT_EXTRACTOR = "full";

    @Option(names = "--extractor", paramLabel = "NAME|ID",
            description = "feature preset name or extractor id (default " + DEFAULT_EXTRACTOR + ")")
    String extractor;

    @Option(names = "--kernel", paramLabel = "rbf|poly", description = "SVM kernel (default rbf)")
    String kernel;

    @Option(names = "--C", split = ",", paramLabel = "LIST", converter = CliConverters.Positive.class,
            description = "SVM complexities to search, comma-separated (default 1,4,16,64)")
    List<Double> c;

    @Option(names = "--gamma", split = ",", paramLabel = "LIST", converter = CliConverters.Positive.class,
            description = "RBF widths to search (default 1/16,1/8,1/4,1/2,1 divided by the feature count)")
    List<Double> gamma;

    @Option(names = "--exponent", split = ",", paramLabel = "LIST", converter = CliConverters.Positive.class,
            description = "polynomial exponents to search (default 1,2)")
    List<Double> exponent;

    @Option(names = "--folds", paramLabel = "N", description = "cross-validation folds (default 6, 5 when speaker-grouped)")
    Integer folds;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the folds (default 1)")
    Long seed;

    @Option(names = "--metric", paramLabel = "accuracy|macro-f1", description = "grid-search criterion (default accuracy)")
    String metric;

    @Option(names = "--shrinkage", split = ",", paramLabel = "K|KMEAN,KVAR", converter = CliConverters.NonNegative.class,
            description = "per-speaker statistics shrunk towards the priors with weights of K clips (default 8,8, as "
                    + "SpeakerAdaptation.defaults())")
    List<Double> shrinkage;

    @Option(names = "--noisy-copies", paramLabel = "N",
            description = "per-speaker: N extra copies of each clip normalised with a random subset of its speaker's clips")
    Integer noisyCopies;

    @Option(names = "--augment", paramLabel = "SPEC",
            description = "seeded augmented copies of every training-fold clip (never of a test-fold clip), e.g. "
                    + "copies=2,white=0:30,pink=0:30,babble=0:30,telephone,reverb=0.2:1.2,level=-35:0,speed=0.9:1.1 "
                    + "(SNR dB, RT60 s, peak dBFS, speed factor; each copy draws one family), or 'default' for "
                    + Augmentation.DEFAULT_SPEC + "; stored in the model's provenance")
    String augment;

    @Option(names = "--squash", paramLabel = "K", converter = CliConverters.NonNegative.class,
            description = "soft-limit every standardised feature to K*tanh(z/K), stored in the model, so that no one "
                    + "feature far outside its training range dominates the kernel (default 0: none)")
    Double squash;

    /** Whether any recipe option was given. */
    boolean anyGiven() {
        return extractor != null || kernel != null || c != null || gamma != null || exponent != null || folds != null
                || seed != null || metric != null || shrinkage != null || noisyCopies != null || augment != null
                || squash != null;
    }

    /** Whether any per-speaker-only option was given. */
    boolean perSpeakerGiven() {
        return shrinkage != null || noisyCopies != null;
    }

    /** The options names, for a usage message. */
    static String names() {
        return "--augment --C --exponent --extractor --folds --gamma --kernel --metric --noisy-copies --seed --shrinkage --squash";
    }

    /** The trainer's settings and extractor. */
    record Recipe(TrainerOptions options, FeatureExtractor extractor) {
    }

    /** Builds the recipe; {@code command} reports bad combinations as usage errors. */
    Recipe build(CliCommand command, boolean grouped, boolean perSpeaker, boolean online, int threads) {
        TrainerOptions d = TrainerOptions.defaults();
        SpeakerAdaptation adaptation = null;
        if (perSpeaker) {
            SpeakerAdaptation d0 = SpeakerAdaptation.defaults();
            List<Double> k = shrinkage == null ? List.of(d0.meanShrinkage(), d0.varianceShrinkage()) : shrinkage;
            if (k.size() > 2) {
                throw command.usage("--shrinkage takes K or KMEAN,KVARIANCE, got " + k.size() + " values");
            }
            try {
                adaptation = new SpeakerAdaptation(k.get(0), k.get(k.size() - 1),
                        noisyCopies == null ? d0.noisyCopies() : command.atLeast("--noisy-copies", noisyCopies, 0), online);
            } catch (IllegalArgumentException e) {
                throw command.usage(e.getMessage());
            }
        }
        TrainerOptions options;
        try {
            SvmParameters.Kernel k = SvmParameters.Kernel.parse(kernel == null ? "rbf" : kernel);
            TrainerOptions.Metric m = TrainerOptions.Metric.parse(metric == null ? "accuracy" : metric);
            int f = folds == null ? (grouped ? 5 : 6) : command.atLeast("--folds", folds, 2);
            options = new TrainerOptions(k, c == null ? d.cGrid() : c, gamma == null ? d.gammaGrid() : gamma,
                    exponent == null ? d.exponentGrid() : exponent, f, seed == null ? 1 : seed, m, grouped, threads,
                    adaptation, augment == null ? null : Augmentation.parse(augment), squash == null ? 0 : squash);
        } catch (IllegalArgumentException e) {
            throw command.usage(e.getMessage());
        }
        FeatureExtractor fe = command.resolver().byNameOrId(extractor == null ? DEFAULT_EXTRACTOR : extractor);
        if (gamma == null) {
            options = options.withGrids(options.cGrid(), TrainerOptions.defaultsFor(fe.dimension()).gammaGrid(),
                    options.exponentGrid());
        }
        return new Recipe(options, fe);
    }
}
