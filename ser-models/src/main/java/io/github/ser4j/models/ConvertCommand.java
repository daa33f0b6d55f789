package io.github.ser4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code ser4j convert OLD_FILE NEW_FILE}: turns a model file of the old formats 2 and 3 (a Java-serialized
 * Weka SMO) into the current format (plain arrays, {@link ModelFile}), keeping its provenance, standardiser and
 * speaker normalisation. Before writing, it checks that the converted model gives Weka's own probabilities on
 * every row the model was trained on (to {@link #TOLERANCE}). The old file is deserialised behind the
 * allow-list ({@link LegacyModelFile}): convert only files you trust.
 *
 * <p>Thread-safety: stateless; {@link #run} may be called from any thread.
 */
@picocli.CommandLine.Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Convert a model file of the old Java-serialized format into the current one.",
        description = {"Converts a model file of the old format (versions 2 and 3, a Java-serialized Weka model) into "
                + "the current format (plain numeric arrays, no Java serialization), keeping its provenance. Checks "
                + "that the new file predicts Weka's probabilities on the model's training rows (to 1e-9) before "
                + "writing it. Reading the old file deserialises Java objects behind an allow-list: convert only "
                + "files you trust, such as your own models."})
final class ConvertCommand extends CliCommand {

    /** The largest difference of any class probability between Weka and the converted model that convert accepts. */
    static final double TOLERANCE = 1e-9;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "OLD_FILE", description = "the old model file")
    Path in;

    @picocli.CommandLine.Parameters(index = "1", paramLabel = "NEW_FILE", description = "the model file to write")
    Path outFile;

    @Override
    public Integer call() throws IOException {
        Report r = convert(in, outFile);
        out().println(String.format(Locale.ROOT, "%s: converted to format %d (%d support vectors, %d terms, "
                + "%d bytes); largest difference from Weka on %d training rows: %.3g", outFile, ModelFile.VERSION,
                r.vectors(), r.terms(), r.bytes(), r.rows(), r.maxDifference()));
        return 0;
    }

    /** What a conversion did. */
    record Report(int vectors, int terms, int bytes, int rows, double maxDifference) {
    }

    /**
     * Converts one file.
     *
     * @throws IOException if the old file cannot be read or converted, or the new one differs from Weka
     */
    static Report convert(Path in, Path outFile) throws IOException {
        String what = "model file " + in;
        byte[] old = ModelFile.readBytes(in, LegacyModelFile.MAX_LEGACY_BYTES);
        LegacyModelFile.Legacy legacy = LegacyModelFile.read(old, what);
        weka.classifiers.functions.SMO smo = legacy.smo();
        ModelFile.Parts parts = legacy.toParts(what);
        byte[] encoded = ModelFile.encode(parts.provenance(), parts.standardizer(), parts.svm());
        SupportVectorMachine back = ModelFile.parse(encoded, "converted " + what).svm();
        double[] check = WekaSvm.largestDifference(smo, back, parts.provenance().labels());
        double worst = check[1];
        if (!(worst <= TOLERANCE)) {
            throw new IOException(what + ": the converted model differs from Weka by " + worst
                    + " on a training row (more than " + TOLERANCE + "); not written");
        }
        ModelFile.write(outFile, encoded);
        return new Report(back.vectorCount(), back.termCount(), encoded.length, (int) check[0], worst);
    }
}
