package io.github.ser4j.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import weka.classifiers.functions.SMO;

/**
 * Reads model files of the old formats 2 and 3, only to convert them ({@code ser4j convert}); prediction never
 * comes here. Big-endian:
 * <pre>
 *   8 bytes  magic "SER4JMDL"
 *   int      format version: 2, or 3 for a speaker-adapted model
 *   int      n, then n bytes of UTF-8 JSON: provenance and the standardiser
 *   int      m, then m bytes: the Java-serialized Weka SMO, deflated (zlib)
 *   long     CRC32 of every byte before it
 * </pre>
 * The Weka part is inflated with a size cap and deserialised only through {@link ModelObjectFilter}'s
 * allow-list. That is not safe against a hostile file (the collections Weka's objects need can be made to
 * cost exponential time), so convert only files you trust, such as your own older models.
 */
final class LegacyModelFile {

    static final int VERSION = 2;
    static final int ADAPTED_VERSION = 3;
    /** The largest old file converted, and the largest its Weka part may inflate to. */
    static final int MAX_LEGACY_BYTES = 512 << 20;

    private LegacyModelFile() {
    }

    /** An old model file: its provenance and standardiser, and the Weka SMO. */
    record Legacy(ModelProvenance provenance, Standardizer standardizer, SMO smo) {

        /** The current format's parts: the SMO exported to arrays and checked as a reader checks them. */
        ModelFile.Parts toParts(String what) throws IOException {
            SupportVectorMachine svm;
            try {
                svm = WekaSvm.export(smo);
            } catch (IllegalArgumentException e) {
                throw new IOException(what + ": " + e.getMessage(), e);
            }
            if (svm.classes() != provenance.labels().size() || svm.dimension() != standardizer.dimension()) {
                throw new IOException(what + ": the Weka model has " + svm.classes() + " classes and " + svm.dimension()
                        + " features but the provenance lists " + provenance.labels().size() + " labels and "
                        + standardizer.dimension() + " standardised features");
            }
            ModelFile.check(svm, what);
            return new ModelFile.Parts(provenance, standardizer, svm);
        }
    }

    /**
     * Reads an old model file's bytes.
     *
     * @throws IOException if the bytes are not a valid old model file; the message says why
     */
    static Legacy read(byte[] all, String what) throws IOException {
        int version = ModelFile.version(all, what);
        if (version != VERSION && version != ADAPTED_VERSION) {
            throw new IOException(what + " has model format version " + version + ", not the old format "
                    + VERSION + " or " + ADAPTED_VERSION + " that convert reads");
        }
        ByteBuffer buf = ByteBuffer.wrap(all);
        byte[] text;
        byte[] deflated;
        try {
            buf.position(ModelFile.MAGIC.length + 4);
            text = new byte[length(buf, ModelFile.MAX_JSON_BYTES, "provenance", what)];
            buf.get(text);
            deflated = new byte[length(buf, MAX_LEGACY_BYTES, "Weka model", what)];
            buf.get(deflated);
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
        ModelFile.Parts json = ModelFile.provenance(text, what);
        if ((version == ADAPTED_VERSION) != (json.provenance().speakerNormalization() != null)) {
            throw new IOException(what + " has model format version " + version + " but "
                    + (version == ADAPTED_VERSION ? "no" : "a") + " speaker normalisation");
        }
        return new Legacy(json.provenance(), json.standardizer(), WekaSvm.fromBytes(inflate(deflated, what), what));
    }

    /** Inflates the Weka part, refusing to grow past {@link #MAX_LEGACY_BYTES} (no zip bombs). */
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
                if (out.size() > MAX_LEGACY_BYTES) {
                    throw new IOException(what + " inflates to more than " + MAX_LEGACY_BYTES + " bytes; refused");
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
