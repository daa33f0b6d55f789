package io.github.ser4j.models;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Builds model files for tests: old-format ones, and current ones with a changed part. */
final class ModelFiles {

    private ModelFiles() {
    }

    /** The file with its trailing CRC32 recomputed, so a test reaches the check it aims at. */
    static byte[] withCrc(byte[] file) {
        byte[] b = file.clone();
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 8);
        ByteBuffer.wrap(b).putLong(b.length - 8, crc.getValue());
        return b;
    }

    /** The provenance JSON of a current-format file. */
    static Map<String, Object> json(byte[] file) {
        ByteBuffer buf = ByteBuffer.wrap(file);
        int n = buf.getInt(ModelFile.MAGIC.length + 4);
        Map<String, Object> json = new LinkedHashMap<>();
        ((Map<?, ?>) Json.parse(new String(file, ModelFile.MAGIC.length + 8, n, StandardCharsets.UTF_8)))
                .forEach((k, v) -> json.put((String) k, v));
        return json;
    }

    /** A current-format file with the given change to its top-level JSON. */
    static byte[] withJson(byte[] file, Consumer<Map<String, Object>> change) {
        Map<String, Object> json = json(file);
        change.accept(json);
        return withJsonText(file, Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    /** A current-format file with its JSON replaced by {@code text}. */
    static byte[] withJsonText(byte[] file, byte[] text) {
        int n = ByteBuffer.wrap(file).getInt(ModelFile.MAGIC.length + 4);
        int after = ModelFile.MAGIC.length + 8 + n;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(file, 0, ModelFile.MAGIC.length + 4);
            out.writeInt(text.length);
            out.write(text);
            out.write(file, after, file.length - after);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return withCrc(bytes.toByteArray());
    }

    /** Where the machine part (after the JSON) starts. */
    static int machineOffset(byte[] file) {
        return ModelFile.MAGIC.length + 8 + ByteBuffer.wrap(file).getInt(ModelFile.MAGIC.length + 4);
    }

    /** An old-format (version 2 or 3) file around the given Java-serialized bytes, as ser4j 0.1 wrote it. */
    static byte[] legacy(ModelProvenance provenance, Standardizer standardizer, byte[] rawWekaBytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(rawWekaBytes);
        deflater.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        while (!deflater.finished()) {
            z.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        return legacyFrame(provenance.speakerNormalization() == null ? LegacyModelFile.VERSION
                : LegacyModelFile.ADAPTED_VERSION, provenanceText(provenance, standardizer), z.toByteArray());
    }

    static byte[] provenanceText(ModelProvenance provenance, Standardizer standardizer) {
        Map<String, Object> json = provenance.toJson();
        json.put("standardizer", Map.of("means", standardizer.means(), "scales", standardizer.scales()));
        return Json.write(json).getBytes(StandardCharsets.UTF_8);
    }

    /** An old-format frame around any JSON and (deflated) Weka bytes, with a valid checksum. */
    static byte[] legacyFrame(int version, byte[] text, byte[] deflatedWeka) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(ModelFile.MAGIC);
            out.writeInt(version);
            out.writeInt(text.length);
            out.write(text);
            out.writeInt(deflatedWeka.length);
            out.write(deflatedWeka);
            out.writeLong(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return withCrc(bytes.toByteArray());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
