package io.github.ser4j.models;

import io.github.ser4j.core.FeatureExtractor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The model file format. Big-endian:
 * <pre>
 *   8 bytes  magic "SER4JMDL"
 *   int      format version: 2, or 3 for a speaker-adapted model (its JSON holds the speaker
 *            normalisation, which a reader of version 2 would ignore and so predict wrongly)
 *   int      n, then n bytes of UTF-8 JSON: provenance and the standardiser
 *   int      m, then m bytes: the Java-serialized Weka SMO, deflated (zlib); inflated with a size cap
 *            and read only through {@link ModelObjectFilter}
 *   long     CRC32 of every byte before it
 * </pre>
 * The JSON is parsed by ser4j's own reader; no code from the file runs.
 *
 * <p>The provenance's {@code temperature} (absent before temperature scaling, read as 1) needs no new
 * format version: a reader that ignores it predicts exactly the same labels and the same probabilities
 * it always did (Weka's uncalibrated ones), whereas ignoring the speaker normalisation changed labels.
 * Refusing would break existing applications for no change of any prediction.
 */
final class ModelFile {

    static final byte[] MAGIC = "SER4JMDL".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 2;
    static final int ADAPTED_VERSION = 3;
    static final int MAX_JSON_BYTES = 16 << 20;
    static final int MAX_MODEL_BYTES = 512 << 20;

    private ModelFile() {
    }

    static byte[] encode(ModelProvenance provenance, Standardizer standardizer, byte[] rawWekaBytes) {
        byte[] wekaBytes = deflate(rawWekaBytes);
        Map<String, Object> json = provenance.toJson();
        json.put("standardizer", standardizer.squash() > 0 // absent means plain z-scores, as in older files
                ? Map.of("means", standardizer.means(), "scales", standardizer.scales(), "squash", standardizer.squash())
                : Map.of("means", standardizer.means(), "scales", standardizer.scales()));
        byte[] text = Json.write(json).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length + wekaBytes.length + 40);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(provenance.speakerNormalization() == null ? VERSION : ADAPTED_VERSION);
            out.writeInt(text.length);
            out.write(text);
            out.writeInt(wekaBytes.length);
            out.write(wekaBytes);
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

    static SmoEmotionClassifier read(Path file, ExtractorResolver resolver) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("model file " + file + " does not exist or is not a file");
        }
        long size = Files.size(file);
        if (size > MAX_MODEL_BYTES + MAX_JSON_BYTES) {
            throw new IOException("model file " + file + " is " + size + " bytes, more than a ser4j model may be");
        }
        return decode(Files.readAllBytes(file), "model file " + file, resolver);
    }

    static SmoEmotionClassifier read(InputStream in, String what, ExtractorResolver resolver) throws IOException {
        byte[] all = in.readNBytes(MAX_MODEL_BYTES + MAX_JSON_BYTES + 1);
        if (all.length > MAX_MODEL_BYTES + MAX_JSON_BYTES) {
            throw new IOException(what + " is larger than a ser4j model may be");
        }
        return decode(all, what, resolver);
    }

    static SmoEmotionClassifier decode(byte[] all, String what, ExtractorResolver resolver) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(all);
        byte[] magic = new byte[MAGIC.length];
        if (all.length < MAGIC.length || !java.util.Arrays.equals(MAGIC, 0, MAGIC.length, all, 0, MAGIC.length)) {
            throw new IOException(what + " is not a ser4j model file (wrong magic bytes)");
        }
        byte[] text;
        byte[] weka;
        int version;
        try {
            buf.get(magic);
            version = buf.getInt();
            if (version != VERSION && version != ADAPTED_VERSION) {
                throw new IOException(what + " has model format version " + version + "; this ser4j reads versions "
                        + VERSION + " and " + ADAPTED_VERSION);
            }
            text = new byte[length(buf, MAX_JSON_BYTES, "provenance", what)];
            buf.get(text);
            byte[] deflated = new byte[length(buf, MAX_MODEL_BYTES, "Weka model", what)];
            buf.get(deflated);
            weka = deflated;
            int end = buf.position();
            long stored = buf.getLong();
            CRC32 crc = new CRC32();
            crc.update(all, 0, end);
            if (crc.getValue() != stored) {
                throw new IOException(what + " is corrupt (checksum mismatch)");
            }
            if (buf.hasRemaining()) {
                throw new IOException(what + " has " + buf.remaining() + " unexpected bytes after the model");
            }
        } catch (BufferUnderflowException e) {
            throw new IOException(what + " is truncated (" + all.length + " bytes)", e);
        }
        weka = inflate(weka, what);
        ModelProvenance provenance;
        Standardizer standardizer;
        try {
            Map<?, ?> json = (Map<?, ?>) Json.parse(new String(text, StandardCharsets.UTF_8));
            provenance = ModelProvenance.fromJson(json);
            Map<?, ?> st = (Map<?, ?>) json.get("standardizer");
            standardizer = new Standardizer(Json.doubleArray(st.get("means")), Json.doubleArray(st.get("scales")),
                    st.get("squash") == null ? 0 : ((Number) st.get("squash")).doubleValue());
        } catch (RuntimeException e) {
            throw new IOException(what + " has malformed provenance: " + e.getMessage(), e);
        }
        if ((version == ADAPTED_VERSION) != (provenance.speakerNormalization() != null)) {
            throw new IOException(what + " has model format version " + version + " but "
                    + (version == ADAPTED_VERSION ? "no" : "a") + " speaker normalisation");
        }
        FeatureExtractor extractor;
        try {
            extractor = resolver.byId(provenance.extractorId());
        } catch (RuntimeException e) {
            throw new IOException(what + " was trained with feature extractor '" + provenance.extractorId()
                    + "', which this installation cannot build: " + e.getMessage(), e);
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
        return new SmoEmotionClassifier(extractor, standardizer, weka, provenance, what);
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] chunk = new byte[1 << 16];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Inflates the Weka part, refusing to grow past {@link #MAX_MODEL_BYTES} (no zip bombs). */
    private static byte[] inflate(byte[] deflated, String what) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 2 + 64);
            byte[] chunk = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException(what + " is corrupt: its Weka part ends before its compressed stream does");
                }
                out.write(chunk, 0, n);
                if (out.size() > MAX_MODEL_BYTES) {
                    throw new IOException(what + " inflates to more than " + MAX_MODEL_BYTES + " bytes; refused");
                }
            }
            if (inflater.getRemaining() > 0) {
                throw new IOException(what + " is corrupt: " + inflater.getRemaining()
                        + " bytes follow the compressed Weka part");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException(what + " is corrupt: its Weka part is not valid deflate data (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
    }

    private static int length(ByteBuffer buf, int max, String part, String what) throws IOException {
        int n = buf.getInt();
        if (n < 0 || n > max) {
            throw new IOException(what + " declares a " + part + " part of " + n + " bytes (allowed 0.." + max + ")");
        }
        if (n > buf.remaining()) {
            throw new IOException(what + " is truncated: the " + part + " part needs " + n + " bytes, "
                    + buf.remaining() + " remain");
        }
        return n;
    }
}
