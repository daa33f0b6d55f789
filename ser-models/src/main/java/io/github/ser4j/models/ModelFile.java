package io.github.ser4j.models;

import io.github.ser4j.core.Emotion;
import io.github.ser4j.core.FeatureExtractor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The model file format, version 4: plain numbers whose shapes come first, no Java serialization, nothing
 * executable. Big-endian:
 * <pre>
 *   8 bytes  magic "SER4JMDL"
 *   int      format version: 4
 *   int      n, then n bytes of UTF-8 JSON: provenance, the standardiser, the speaker normalisation if any
 *   byte     kernel: 1 RBF, 2 polynomial
 *   byte     flags: bit 0 polynomial lower-order term (x·v + 1)^e, bit 1 support vectors stored as float32
 *            (written when every value is exactly a float, as the standardiser's rows are)
 *   double   γ (RBF) or the exponent e (polynomial)
 *   int      d, the feature dimension
 *   int      k, the number of classes (labels); the k(k-1)/2 pairs follow in order (0,1), (0,2) .. (k-2,k-1)
 *   int      m, the number of distinct support vectors
 *   int      t, the number of terms (support vectors of all pairs, counted per pair)
 *   int[P]   terms per pair (summing to t)
 *   double[P] bias b, double[P] training weight n, double[P] calibration intercept a, double[P] slope c
 *   m × d    support vectors, row by row (float32 or float64, see flags)
 *   int[t]   the vector of each term, double[t] its coefficient y·α
 *   long     CRC32 of every byte before it
 * </pre>
 * See {@link SupportVectorMachine} for what is computed with them. Reading is bounded: a file larger than
 * {@link #MAX_MODEL_BYTES} is refused before it is read; every shape is checked against its limit and the
 * byte count it implies against the bytes present (so truncation and trailing bytes are refused) before an
 * array is allocated; every number is checked (finite, in range) before the model is built. Every failure is
 * an {@link IOException} naming the file and the field or limit.
 *
 * <p>Files of versions 2 and 3 (a Java-serialized Weka SMO) are refused with a message that names the
 * {@code convert} command ({@link LegacyModelFile}), which turns them into this format once, so no
 * {@code ObjectInputStream} is on the prediction path. A ser4j older than format 4 refuses these files with
 * its "this ser4j reads versions 2 and 3" message.
 */
final class ModelFile {

    static final byte[] MAGIC = "SER4JMDL".getBytes(StandardCharsets.US_ASCII);
    /** The format this ser4j writes and reads. */
    static final int VERSION = 4;
    /** The largest model file read, in bytes (the shipped ones are under 3 MiB). */
    static final int MAX_MODEL_BYTES = 32 << 20;
    /** The largest provenance JSON, in bytes (the shipped ones are under 60 KB). */
    static final int MAX_JSON_BYTES = 1 << 20;
    /** The most JSON values (objects, arrays, strings, numbers) in the provenance (the shipped ones have under 3,000). */
    static final int MAX_JSON_NODES = 100_000;
    /** The largest feature dimension (the shipped extractor has 494). */
    static final int MAX_DIMENSION = 4096;
    /** The most distinct support vectors. */
    static final int MAX_VECTORS = 100_000;
    /** The most terms over all pairs. */
    static final int MAX_TERMS = 4_000_000;
    /** The largest polynomial exponent; it must be a whole number (a fractional power of a negative dot product is NaN). */
    static final int MAX_EXPONENT = 10;
    /**
     * The largest magnitude of any stored number. Real models are far inside it (standardised rows are at most
     * √n in magnitude, multipliers at most C), and with it no sum or power the evaluator forms can overflow.
     */
    static final double MAX_MAGNITUDE = 1e9;

    private static final int RBF = 1;
    private static final int POLYNOMIAL = 2;
    private static final int FLAG_LOWER_ORDER = 1;
    private static final int FLAG_FLOAT32 = 2;

    private ModelFile() {
    }

    static byte[] encode(ModelProvenance provenance, Standardizer standardizer, SupportVectorMachine svm) {
        try {
            check(svm, "the model");
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Map<String, Object> json = provenance.toJson();
        json.put("standardizer", standardizer.squash() > 0 // absent means plain z-scores, as in older files
                ? Map.of("means", standardizer.means(), "scales", standardizer.scales(), "squash", standardizer.squash())
                : Map.of("means", standardizer.means(), "scales", standardizer.scales()));
        byte[] text = Json.write(json).getBytes(StandardCharsets.UTF_8);
        double[] vectors = svm.vectors();
        boolean float32 = true;
        for (double v : vectors) {
            float32 &= (double) (float) v == v;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length + vectors.length * 8 + 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(text.length);
            out.write(text);
            out.writeByte(svm.kernel() == SupportVectorMachine.Kernel.RBF ? RBF : POLYNOMIAL);
            out.writeByte((svm.lowerOrder() ? FLAG_LOWER_ORDER : 0) | (float32 ? FLAG_FLOAT32 : 0));
            out.writeDouble(svm.kernel() == SupportVectorMachine.Kernel.RBF ? svm.gamma() : svm.exponent());
            out.writeInt(svm.dimension());
            out.writeInt(svm.classes());
            out.writeInt(svm.vectorCount());
            out.writeInt(svm.termCount());
            int[] start = svm.start();
            for (int p = 0; p + 1 < start.length; p++) {
                out.writeInt(start[p + 1] - start[p]);
            }
            for (double[] a : List.of(svm.bias(), svm.pairWeight(), svm.calibrationIntercept(), svm.calibrationSlope())) {
                for (double v : a) {
                    out.writeDouble(v);
                }
            }
            for (double v : vectors) {
                if (float32) {
                    out.writeFloat((float) v);
                } else {
                    out.writeDouble(v);
                }
            }
            for (int i : svm.vectorIndex()) {
                out.writeInt(i);
            }
            for (double v : svm.coefficient()) {
                out.writeDouble(v);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array stream does not fail
        }
        return bytes.toByteArray();
    }

    static void write(Path file, byte[] encoded) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, encoded);
            // createTempFile makes the file private (0600); a model file is meant to be shared like any other.
            if (Files.getFileAttributeView(tmp, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The bytes of a model file, refusing one larger than {@code limit} before reading it. */
    static byte[] readBytes(Path file, long limit) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("model file " + file + " does not exist or is not a file");
        }
        long size = Files.size(file);
        if (size > limit) {
            throw new IOException("model file " + file + " is " + size + " bytes, more than the limit of "
                    + limit + " a ser4j model may be");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readBytes(in, "model file " + file, limit); // the file may grow while it is read
        }
    }

    static byte[] readBytes(InputStream in, String what, long limit) throws IOException {
        byte[] all = in.readNBytes((int) limit + 1);
        if (all.length > limit) {
            throw new IOException(what + " is larger than the limit of " + limit + " bytes a ser4j model may be");
        }
        return all;
    }

    static SmoEmotionClassifier read(Path file, ExtractorResolver resolver) throws IOException {
        return decode(readBytes(file, MAX_MODEL_BYTES), "model file " + file, resolver);
    }

    static SmoEmotionClassifier read(InputStream in, String what, ExtractorResolver resolver) throws IOException {
        return decode(readBytes(in, what, MAX_MODEL_BYTES), what, resolver);
    }

    /** The parts of a model file, checked against each other but not yet against a feature extractor. */
    record Parts(ModelProvenance provenance, Standardizer standardizer, SupportVectorMachine svm) {
    }

    static SmoEmotionClassifier decode(byte[] all, String what, ExtractorResolver resolver) throws IOException {
        Parts parts = parse(all, what);
        return new SmoEmotionClassifier(resolve(parts.provenance(), parts.standardizer(), what, resolver),
                parts.standardizer(), parts.svm(), parts.provenance(), what);
    }

    /** The format version of a file that starts with the magic bytes (at least 12 bytes long). */
    static int version(byte[] all, String what) throws IOException {
        if (all.length < MAGIC.length || !java.util.Arrays.equals(MAGIC, 0, MAGIC.length, all, 0, MAGIC.length)) {
            throw new IOException(what + " is not a ser4j model file (wrong magic bytes)");
        }
        if (all.length < MAGIC.length + 4) {
            throw new IOException(what + " is truncated at field 'version' (" + all.length + " bytes)");
        }
        return ByteBuffer.wrap(all, MAGIC.length, 4).getInt();
    }

    static Parts parse(byte[] all, String what) throws IOException {
        int version = version(all, what);
        if (version == LegacyModelFile.VERSION || version == LegacyModelFile.ADAPTED_VERSION) {
            throw new IOException(what + " has the old model format version " + version
                    + " (a Java-serialized Weka model), which ser4j no longer loads: convert it once with "
                    + "'java -jar ser4j.jar convert OLD_FILE NEW_FILE' (run it only on files you trust)");
        }
        if (version != VERSION) {
            throw new IOException(what + " has model format version " + version + "; this ser4j reads version "
                    + VERSION + (version > VERSION ? " (the file was written by a newer ser4j)" : ""));
        }
        Fields in = new Fields(all, MAGIC.length + 4, what);
        int jsonLength = in.count("provenance length", MAX_JSON_BYTES);
        byte[] text = in.bytes("provenance", jsonLength);
        int kernel = in.u8("kernel");
        int flags = in.u8("flags");
        double parameter = in.f64("kernel parameter");
        int d = in.count("dimension", MAX_DIMENSION);
        int k = in.count("classes", Emotion.values().length);
        int m = in.count("vectors", MAX_VECTORS);
        int t = in.count("terms", MAX_TERMS);
        if (kernel != RBF && kernel != POLYNOMIAL) {
            throw new IOException(what + " has kernel " + kernel + " (1 is RBF, 2 polynomial)");
        }
        if ((flags & ~(FLAG_LOWER_ORDER | FLAG_FLOAT32)) != 0 || (kernel == RBF && (flags & FLAG_LOWER_ORDER) != 0)) {
            throw new IOException(what + " has unknown flags " + flags);
        }
        if (d < 1 || k < 2) {
            throw new IOException(what + " declares " + d + " features and " + k + " classes (needs 1 and 2 at least)");
        }
        int pairs = SupportVectorMachine.pairs(k);
        long vectorBytes = (long) m * d * ((flags & FLAG_FLOAT32) != 0 ? 4 : 8);
        long needed = pairs * 4L + pairs * 32L + vectorBytes + t * 12L + 8;
        if (needed != in.remaining()) {
            throw new IOException(what + (needed > in.remaining() ? " is truncated" : " has "
                    + (in.remaining() - needed) + " unexpected bytes after the model") + ": its shapes (" + d
                    + " features, " + k + " classes, " + m + " vectors, " + t + " terms) take " + needed
                    + " more bytes, " + in.remaining() + " remain");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(all, all.length - 8, 8).getLong()) {
            throw new IOException(what + " is corrupt (checksum mismatch)");
        }
        int[] start = new int[pairs + 1];
        for (int p = 0; p < pairs; p++) {
            int n = in.i32("terms of pair " + p);
            if (n < 0 || n > t - start[p]) {
                throw new IOException(what + " declares " + n + " terms for pair " + p + " but " + t + " in all");
            }
            start[p + 1] = start[p] + n;
        }
        if (start[pairs] != t) {
            throw new IOException(what + " declares " + t + " terms but its pairs have " + start[pairs]);
        }
        double[] bias = in.values("bias", pairs, false);
        double[] weight = in.values("training weight", pairs, false);
        double[] intercept = in.values("calibration intercept", pairs, false);
        double[] slope = in.values("calibration slope", pairs, false);
        double[] vectors = in.values("support vector value", m * d, (flags & FLAG_FLOAT32) != 0);
        int[] index = new int[t];
        for (int i = 0; i < t; i++) {
            index[i] = in.i32("vector index");
            if (index[i] < 0 || index[i] >= m) {
                throw new IOException(what + " has vector index " + index[i] + " at term " + i + " (allowed 0.." + (m - 1) + ")");
            }
        }
        double[] coefficient = in.values("coefficient", t, false);
        boolean rbf = kernel == RBF;
        SupportVectorMachine svm = new SupportVectorMachine(rbf ? SupportVectorMachine.Kernel.RBF
                : SupportVectorMachine.Kernel.POLYNOMIAL, rbf ? parameter : 0, rbf ? 0 : parameter,
                (flags & FLAG_LOWER_ORDER) != 0, d, k, vectors, start, index, coefficient, bias, weight, intercept, slope);
        check(svm, what);
        Parts parts = provenance(text, what);
        if (parts.provenance().labels().size() != k || parts.standardizer().dimension() != d
                || parts.provenance().featureNames().size() != d) {
            throw new IOException(what + " has a machine of " + k + " classes and " + d + " features but its provenance "
                    + parts.provenance().labels().size() + " labels, " + parts.provenance().featureNames().size()
                    + " feature names and a standardiser of " + parts.standardizer().dimension());
        }
        return new Parts(parts.provenance(), parts.standardizer(), svm);
    }

    /** Checks what the reader checks of each number, so the writer cannot write a file the reader refuses. */
    static void check(SupportVectorMachine svm, String what) throws IOException {
        if (svm.kernel() == SupportVectorMachine.Kernel.RBF) {
            if (!(svm.gamma() > 0) || svm.gamma() > MAX_MAGNITUDE) {
                throw new IOException(what + " has RBF gamma " + svm.gamma() + " (allowed above 0 up to " + MAX_MAGNITUDE + ")");
            }
        } else if (!(svm.exponent() >= 1 && svm.exponent() <= MAX_EXPONENT && svm.exponent() == Math.rint(svm.exponent()))) {
            throw new IOException(what + " has polynomial exponent " + svm.exponent() + " (allowed: whole numbers 1.."
                    + MAX_EXPONENT + ")");
        }
        if (svm.dimension() > MAX_DIMENSION || svm.vectorCount() > MAX_VECTORS || svm.termCount() > MAX_TERMS) {
            throw new IOException(what + " has " + svm.dimension() + " features, " + svm.vectorCount() + " vectors and "
                    + svm.termCount() + " terms (limits " + MAX_DIMENSION + ", " + MAX_VECTORS + ", " + MAX_TERMS + ")");
        }
        finite(what, "support vector value", svm.vectors());
        finite(what, "coefficient", svm.coefficient());
        finite(what, "bias", svm.bias());
        finite(what, "calibration intercept", svm.calibrationIntercept());
        finite(what, "calibration slope", svm.calibrationSlope());
        double[] weight = svm.pairWeight();
        finite(what, "training weight", weight);
        boolean[] weighted = new boolean[svm.classes()];
        for (int i = 0, p = 0; i < svm.classes(); i++) {
            for (int j = i + 1; j < svm.classes(); j++, p++) {
                if (weight[p] < 0) {
                    throw new IOException(what + " has training weight " + weight[p] + " for pair " + p + " (must not be negative)");
                }
                if (weight[p] > 0) {
                    weighted[i] = true;
                    weighted[j] = true;
                }
            }
        }
        for (int i = 0; i < weighted.length; i++) {
            if (!weighted[i]) {
                throw new IOException(what + " has no trained pair for class " + i + ", so it could never predict it");
            }
        }
    }

    private static void finite(String what, String field, double[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (!(Math.abs(values[i]) <= MAX_MAGNITUDE)) {
                throw new IOException(what + " has " + field + " " + values[i] + " at index " + i
                        + " (allowed: finite, magnitude at most " + MAX_MAGNITUDE + ")");
            }
        }
    }

    /** Parses and checks the provenance JSON: labels, feature names, the standardiser. */
    static Parts provenance(byte[] text, String what) throws IOException {
        Object parsed;
        try {
            parsed = Json.parse(new String(text, StandardCharsets.UTF_8), MAX_JSON_NODES);
        } catch (IllegalArgumentException e) {
            throw new IOException(what + " has malformed provenance: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> json)) {
            throw new IOException(what + " has a provenance that is not a JSON object");
        }
        Object labels = json.get("labels");
        if (!(labels instanceof List<?> words) || words.isEmpty()) {
            throw new IOException(what + " has no 'labels' list in its provenance");
        }
        Set<Emotion> seen = EnumSet.noneOf(Emotion.class);
        for (Object w : words) {
            Emotion e;
            try {
                e = Emotion.parse(w instanceof String s ? s : null);
            } catch (IllegalArgumentException ex) {
                throw new IOException(what + " has an unknown label " + (w instanceof String ? "'" + w + "'" : String.valueOf(w))
                        + " in 'labels'", ex);
            }
            if (!seen.add(e)) {
                throw new IOException(what + " lists the label '" + e.word() + "' twice in 'labels'");
            }
        }
        Object names = json.get("featureNames");
        if (!(names instanceof List<?> l) || l.stream().anyMatch(o -> !(o instanceof String))) {
            throw new IOException(what + " has no 'featureNames' list of strings in its provenance");
        }
        if (!(json.get("standardizer") instanceof Map<?, ?> st)) {
            throw new IOException(what + " has no 'standardizer' in its provenance");
        }
        Standardizer standardizer;
        try {
            Object squash = st.get("squash"); // train --squash K; absent: plain z-scores
            if (squash != null && !(squash instanceof Number)) {
                throw new IOException(what + " has a 'standardizer.squash' that is not a number");
            }
            standardizer = new Standardizer(numbers(st.get("means"), "standardizer.means", what),
                    numbers(st.get("scales"), "standardizer.scales", what),
                    squash == null ? 0 : ((Number) squash).doubleValue());
        } catch (IllegalArgumentException e) {
            throw new IOException(what + " has an invalid standardizer: " + e.getMessage(), e);
        }
        ModelProvenance provenance;
        try {
            provenance = ModelProvenance.fromJson(json);
        } catch (RuntimeException e) {
            throw new IOException(what + " has malformed provenance: " + e, e);
        }
        return new Parts(provenance, standardizer, null);
    }

    private static double[] numbers(Object o, String field, String what) throws IOException {
        if (!(o instanceof List<?> l) || l.stream().anyMatch(v -> !(v instanceof Number))) {
            throw new IOException(what + " has no number list '" + field + "' in its provenance");
        }
        return Json.doubleArray(l);
    }

    /** The feature extractor the provenance names, checked against the standardiser and the feature names. */
    static FeatureExtractor resolve(ModelProvenance provenance, Standardizer standardizer, String what,
            ExtractorResolver resolver) throws IOException {
        FeatureExtractor extractor;
        try {
            extractor = resolver.byId(provenance.extractorId());
        } catch (RuntimeException e) {
            String id = provenance.extractorId();
            // a file's id may be up to the JSON limit long: name its start, not all of it, twice
            throw new IOException(what + " was trained with feature extractor '"
                    + (id.length() > 200 ? id.substring(0, 200) + "...' (" + id.length() + " characters)" : id + "'")
                    + ", which this installation cannot build: " + e.getMessage(), e);
        }
        if (!provenance.extractorId().equals(extractor.id())) {
            throw new IOException(what + " was trained with feature extractor '" + provenance.extractorId()
                    + "' but the registry built '" + extractor.id() + "'");
        }
        if (!provenance.featureNames().equals(extractor.featureNames())
                || standardizer.dimension() != extractor.dimension()) {
            throw new IOException(what + ": feature extractor '" + extractor.id() + "' yields "
                    + extractor.dimension() + " features that differ from the " + provenance.featureNames().size()
                    + " the model was trained on");
        }
        return extractor;
    }

    /** Reads named big-endian fields, each checked against the bytes left before it is read. */
    private static final class Fields {
        private final ByteBuffer buf;
        private final String what;

        Fields(byte[] all, int offset, String what) {
            this.buf = ByteBuffer.wrap(all);
            buf.position(offset);
            this.what = what;
        }

        long remaining() {
            return buf.remaining();
        }

        private void need(String field, long n) throws IOException {
            if (buf.remaining() < n) {
                throw new IOException(what + " is truncated at field '" + field + "' (needs " + n + " bytes, "
                        + buf.remaining() + " remain)");
            }
        }

        int u8(String field) throws IOException {
            need(field, 1);
            return buf.get() & 0xff;
        }

        int i32(String field) throws IOException {
            need(field, 4);
            return buf.getInt();
        }

        double f64(String field) throws IOException {
            need(field, 8);
            return buf.getDouble();
        }

        int count(String field, int max) throws IOException {
            int n = i32(field);
            if (n < 0 || n > max) {
                throw new IOException(what + " declares " + field + " " + n + " (allowed 0.." + max + ")");
            }
            return n;
        }

        byte[] bytes(String field, int n) throws IOException {
            need(field, n);
            byte[] b = new byte[n];
            buf.get(b);
            return b;
        }

        double[] values(String field, int n, boolean float32) throws IOException {
            need(field, (long) n * (float32 ? 4 : 8));
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = float32 ? buf.getFloat() : buf.getDouble();
            }
            return v;
        }
    }

}
