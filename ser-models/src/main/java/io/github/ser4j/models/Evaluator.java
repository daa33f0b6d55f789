package io.github.ser4j.models;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.EmotionClassifier;
import io.github.ser4j.core.Prediction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Scores a trained classifier on a labelled data set. Labels in the data that the model cannot
 * predict count as errors, and labels the model knows but the data lacks are listed; the report's
 * notes say both.
 *
 * <p>Thread-safety: stateless; its static method may be called concurrently.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Predicts every clip (in parallel) and scores the predictions.
     *
     * @param classifier the classifier
     * @param data the labelled clips
     * @param threads worker threads, at least 1
     * @param progress receives progress lines; may be null
     * @return the report over the union of the model's and the data's labels, with protocol {@code held-out}
     * @throws IOException if a clip cannot be read (the message names it)
     * @throws IllegalArgumentException if an argument is null or threads &lt; 1
     */
    public static EvaluationReport evaluate(EmotionClassifier classifier, Dataset data, int threads,
            Consumer<String> progress) throws IOException {
        return evaluate(classifier, null, data, threads, progress);
    }

    /**
     * As {@link #evaluate(EmotionClassifier, Dataset, int, Consumer)}, with the classifier restricted to
     * a subset of its labels ({@link EmotionClassifier#restrictedTo}); data labels outside the subset
     * count as errors (the notes say so).
     *
     * @param classifier the classifier
     * @param labels the subset, or null for all the classifier's labels
     * @param data the labelled clips
     * @param threads worker threads, at least 1
     * @param progress receives progress lines; may be null
     * @return the report, protocol {@code held-out} (with the subset named)
     * @throws IOException if a clip cannot be read (the message names it)
     * @throws IllegalArgumentException if an argument is null, threads &lt; 1, or the subset holds a label
     *     the classifier does not predict
     */
    public static EvaluationReport evaluate(EmotionClassifier classifier, java.util.Set<Emotion> labels, Dataset data,
            int threads, Consumer<String> progress) throws IOException {
        if (classifier == null || data == null || threads < 1) {
            throw new IllegalArgumentException("classifier and data must not be null, threads must be at least 1");
        }
        double t = classifier instanceof SmoEmotionClassifier smo ? smo.provenance().temperature() : 1;
        TrainingDataSummary trained = classifier instanceof SmoEmotionClassifier smo ? smo.provenance().data() : null;
        String protocol = labels == null ? "" : ", restricted to " + words(labels);
        return evaluate(labels == null ? classifier : classifier.restrictedTo(labels), data, threads, progress, t,
                protocol, trained);
    }

    private static String words(java.util.Set<Emotion> labels) {
        return String.join(",", new TreeSet<>(labels).stream().map(Emotion::word).toList());
    }

    private static EvaluationReport evaluate(EmotionClassifier classifier, Dataset data, int threads,
            Consumer<String> progress, double t, String protocolSuffix, TrainingDataSummary trained) throws IOException {
        boolean hash = trained != null && !trained.clipHashes().isEmpty();
        TreeSet<Emotion> union = new TreeSet<>(classifier.labels());
        union.addAll(data.labels());
        List<Emotion> labels = List.copyOf(union);
        List<Parallel.Task<Scored>> tasks = new ArrayList<>();
        for (LabelledClip c : data.clips()) {
            tasks.add(() -> {
                try {
                    return scored(classifier, AudioClip.read(c.file()), hash);
                } catch (IOException e) {
                    throw new IOException(c.relativePath() + ": " + e.getMessage(), e);
                }
            });
        }
        List<Scored> scored;
        try {
            scored = Parallel.run(tasks, threads, "predictions", progress);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("evaluation failed: " + e, e);
        }
        List<Prediction> predicted = scored.stream().map(Scored::prediction).toList();
        int[] truth = new int[predicted.size()];
        int[] pred = new int[predicted.size()];
        double[][] dist = new double[predicted.size()][];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = labels.indexOf(data.clips().get(i).emotion());
            pred[i] = SmoTrainer.answer(predicted.get(i), labels);
            dist[i] = SmoTrainer.toArray(predicted.get(i), labels);
        }
        List<String> notes = new ArrayList<>();
        java.util.Optional<String> overlap = TrainingOverlap.warning(trained, data,
                hash ? scored.stream().map(Scored::hash).toList() : null);
        overlap.ifPresent(w -> notes.add("WARNING: " + w));
        String protocol = (overlap.isPresent() ? "NOT held-out (overlaps the training data)" : "held-out") + protocolSuffix;
        int noSpeech = 0;
        for (Scored s : scored) {
            noSpeech += s.noSpeech() ? 1 : 0;
        }
        if (noSpeech > 0) {
            notes.add(noSpeech + " of " + scored.size() + " clips were called no-speech by the speech detector "
                    + "(predict gives them no emotion); they are scored here with the model's distribution");
        }
        long outOfDomain = predicted.stream().filter(Prediction::outOfDomain).count();
        if (outOfDomain > 0) {
            notes.add(outOfDomain + " of " + scored.size() + " clips were out of the model's domain (predict gives "
                    + "them no emotion); they are scored here with the model's distribution");
        }
        for (Emotion e : data.labels()) {
            if (!classifier.labels().contains(e)) {
                long n = data.clips().stream().filter(c -> c.emotion() == e).count();
                notes.add("data label " + e.word() + " is unknown to the model: its " + n + " clips count as errors");
            }
        }
        for (Emotion e : classifier.labels()) {
            if (!data.labels().contains(e)) {
                notes.add("model label " + e.word() + " has no clips in the data");
            }
        }
        return EvaluationReport.score(protocol, labels, truth, pred, null, null, notes)
                .withCalibration(heldOut(dist, truth, t));
    }

    /** One clip's prediction as scored, whether {@code predict} called it no-speech, and its content hash (or null). */
    private record Scored(Prediction prediction, boolean noSpeech, String hash) {
    }

    /**
     * The classifier's prediction of a clip; a clip the speech detector calls no-speech is scored with
     * the model's distribution over its features all the same (and marked), so that accuracy measures
     * the classifier and the no-speech rate is reported beside it.
     */
    private static Scored scored(EmotionClassifier classifier, AudioClip clip, boolean hash) {
        String h = hash ? ClipHashes.of(clip, classifier.featureExtractor()) : null;
        Prediction p = classifier.predict(clip);
        if (p.hasSpeech()) {
            return new Scored(p, false, h);
        }
        return new Scored(classifier.predictFeatures(
                SmoEmotionClassifier.features(clip, classifier.featureExtractor())), true, h);
    }

    /**
     * The scores of a model's own distributions (at its temperature {@code t}) and of the same distributions
     * before temperature scaling (recovered exactly: scaling by 1/t undoes scaling by t).
     */
    static EvaluationReport.Calibration heldOut(double[][] dist, int[] truth, double t) {
        if (dist.length == 0) {
            return null;
        }
        double[][] raw = new double[dist.length][];
        for (int i = 0; i < dist.length; i++) {
            raw[i] = TemperatureScaling.scale(dist[i], 1 / t);
        }
        return new EvaluationReport.Calibration(t, EvaluationReport.ProbabilityScores.of(raw, truth),
                EvaluationReport.ProbabilityScores.of(dist, truth), null);
    }

    /**
     * Scores a speaker-adapted model on held-out data with one fresh speaker session per speaker:
     * transductive (the session observes all the speaker's clips, then predicts each) or online (the
     * speaker's clips in a random order seeded by {@code seed} and the speaker, each predicted with the
     * statistics of the clips before it, then observed).
     *
     * @param model a speaker-adapted model
     * @param data the labelled clips, with a speaker for every clip
     * @param online online rather than transductive
     * @param seed the seed of the online order
     * @param threads worker threads for feature extraction, at least 1
     * @param progress receives progress lines; may be null
     * @return the report, over the model's labels
     * @throws IOException if a clip cannot be read (the message names it)
     * @throws IllegalArgumentException if an argument is null, the model is not speaker-adapted, the
     *     data does not name every clip's speaker, or holds a label the model does not know
     */
    public static EvaluationReport evaluateAdapted(SmoEmotionClassifier model, Dataset data, boolean online, long seed,
            int threads, Consumer<String> progress) throws IOException {
        return evaluateAdapted(model, null, data, online, seed, threads, progress);
    }

    /**
     * As {@link #evaluateAdapted(SmoEmotionClassifier, Dataset, boolean, long, int, Consumer)}, with every
     * session restricted to a subset of the model's labels ({@link EmotionClassifier#restrictedTo}).
     *
     * @param model a speaker-adapted model
     * @param subset the labels to keep, or null for all
     * @param data the labelled clips, with a speaker for every clip
     * @param online online rather than transductive
     * @param seed the seed of the online order
     * @param threads worker threads for feature extraction, at least 1
     * @param progress receives progress lines; may be null
     * @return the report, over the subset
     * @throws IOException if a clip cannot be read (the message names it)
     * @throws IllegalArgumentException as the method without a subset, or if the data holds a label
     *     outside the subset
     */
    public static EvaluationReport evaluateAdapted(SmoEmotionClassifier model, java.util.Set<Emotion> subset,
            Dataset data, boolean online, long seed, int threads, Consumer<String> progress) throws IOException {
        if (model == null || data == null || threads < 1) {
            throw new IllegalArgumentException("model and data must not be null, threads must be at least 1");
        }
        if (!model.isSpeakerAdapted()) {
            throw new IllegalArgumentException(model + " is not speaker-adapted; train one with train --per-speaker");
        }
        if (!data.hasSpeakers()) {
            throw new IllegalArgumentException("speaker adaptation needs a speaker for every clip, but data set "
                    + data.root() + " (" + data.layout() + " layout) does not name them all; give manifest.csv a "
                    + "speaker (or actor) column, or use RAVDESS file names");
        }
        EmotionClassifier scoring = subset == null ? model : model.restrictedTo(subset);
        List<Emotion> labels = scoring.labels();
        for (Emotion e : data.labels()) {
            if (!labels.contains(e)) {
                throw new IllegalArgumentException("data label " + e.word() + " is unknown to the model"
                        + (subset == null ? "" : " restricted to " + words(subset)));
            }
        }
        double[][] x = FeatureTable.extract(data, model.featureExtractor(), threads, progress);
        int[] truth = new int[x.length];
        java.util.Map<String, List<Integer>> bySpeaker = new java.util.LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            truth[i] = labels.indexOf(data.clips().get(i).emotion());
            bySpeaker.computeIfAbsent(data.clips().get(i).speaker(), k -> new ArrayList<>()).add(i);
        }
        int[] pred = new int[x.length];
        double[][] dist = new double[x.length][];
        int outOfDomain = 0;
        for (java.util.Map.Entry<String, List<Integer>> e : bySpeaker.entrySet()) {
            int[] rows = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            double[][] d = new double[rows.length][];
            boolean[] flagged = new boolean[rows.length];
            int[] p = SmoTrainer.predictSpeaker(scoring.newSpeakerSession(), x, rows, online,
                    new java.util.Random(java.util.Objects.hash(seed, e.getKey())), labels, d, flagged);
            for (int j = 0; j < rows.length; j++) {
                pred[rows[j]] = p[j];
                dist[rows[j]] = d[j];
                outOfDomain += flagged[j] ? 1 : 0;
            }
        }
        TrainingDataSummary trained = model.provenance().data();
        java.util.Optional<String> overlap = TrainingOverlap.warning(trained, data, trained.clipHashes().isEmpty() ? null
                : ClipHashes.of(data, model.featureExtractor(), threads, null));
        List<String> notes = new ArrayList<>();
        overlap.ifPresent(w -> notes.add("WARNING: " + w));
        if (outOfDomain > 0) {
            notes.add(outOfDomain + " of " + x.length + " clips were out of the model's domain when their session "
                    + "predicted them (predict gives them no emotion); they are scored here with the model's distribution");
        }
        return EvaluationReport.score((overlap.isPresent() ? "NOT held-out (overlaps the training data)" : "held-out")
                + ", " + (online ? "online" : "transductive") + " speaker adaptation"
                + (subset == null ? "" : ", restricted to " + words(subset)), labels, truth, pred, null, null, notes)
                .withCalibration(heldOut(dist, truth, model.provenance().temperature()));
    }
}
