package io.github.ser4j.features;

import io.github.ser4j.core.AudioClip;
import io.github.ser4j.core.FeatureExtractor;
import io.github.ser4j.core.FeatureStream;
import io.github.ser4j.core.StreamArguments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several extractors side by side: the vector is the parts' vectors concatenated in order.
 *
 * <p>Names are {@code <prefix>.<part's name>}, the prefix being the part id's name (the text before
 * its first {@code '/'}, e.g. {@code prosody.f0_semitone_mean}); a prefix that occurs more than once
 * gets {@code #2}, {@code #3}, ... from its second occurrence on, so names are unique and stable. The id
 * is {@code composite/1[<id 1> + <id 2> + ...]}, which {@link FeatureExtractors#byId} parses back.
 *
 * <p>The clip is resampled once, and parts that read the same spectrogram framing (the package's
 * MFCC and spectral-shape extractors) share one STFT per clip instead of computing one each.
 *
 * <p>Thread-safety: immutable if its parts are (every {@link FeatureExtractor} must be); {@link #extract}
 * may be called from any number of threads at once.
 */
public final class CompositeExtractor implements FeatureExtractor {

    private final List<FeatureExtractor> parts;
    private final int[] offsets;
    private final List<String> names;
    private final String id;
    private final float sampleRateHz;

    private CompositeExtractor(List<FeatureExtractor> parts) {
        this.parts = List.copyOf(parts);
        this.sampleRateHz = parts.get(0).sampleRateHz();
        this.offsets = new int[parts.size() + 1];
        List<String> n = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            FeatureExtractor part = parts.get(i);
            String partId = part.id();
            ids.add(partId);
            String base = partId.contains("/") ? partId.substring(0, partId.indexOf('/')) : partId;
            int count = seen.merge(base, 1, Integer::sum);
            String prefix = count == 1 ? base : base + "#" + count;
            List<String> partNames = part.featureNames();
            for (String name : partNames) {
                n.add(prefix + "." + name);
            }
            offsets[i + 1] = offsets[i] + partNames.size();
        }
        Set<String> unique = new HashSet<>(n);
        if (unique.size() != n.size()) {
            throw new IllegalArgumentException("parts produce duplicate feature names: " + ids);
        }
        this.names = List.copyOf(n);
        this.id = "composite/1[" + String.join(" + ", ids) + "]";
    }

    /**
     * A composite of the given parts, in order.
     *
     * @param parts at least one extractor, all at the same sample rate
     * @return the composite
     * @throws IllegalArgumentException if {@code parts} is null or empty, holds null, or the parts work
     *     at different sample rates
     */
    public static CompositeExtractor of(FeatureExtractor... parts) {
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("a composite needs at least one part");
        }
        List<FeatureExtractor> list = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                throw new IllegalArgumentException("part " + i + " is null");
            }
            if (parts[i].sampleRateHz() != parts[0].sampleRateHz()) {
                throw new IllegalArgumentException("parts work at different sample rates: " + parts[0].id()
                        + " at " + parts[0].sampleRateHz() + " Hz, " + parts[i].id() + " at "
                        + parts[i].sampleRateHz() + " Hz");
            }
            list.add(parts[i]);
        }
        return new CompositeExtractor(list);
    }

    /**
     * The parts, in output order.
     *
     * @return an unmodifiable list
     */
    public List<FeatureExtractor> parts() {
        return parts;
    }

    /** {@inheritDoc} */
    @Override
    public String id() {
        return id;
    }

    /** {@inheritDoc} */
    @Override
    public List<String> featureNames() {
        return names;
    }

    /**
     * {@inheritDoc}
     *
     * @return the rate shared by all parts
     */
    @Override
    public float sampleRateHz() {
        return sampleRateHz;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also when a part rejects the clip (the part's message says why)
     */
    @Override
    public double[] extract(AudioClip clip) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        return extract(clip, 0);
    }

    /**
     * {@link #extract(AudioClip)} reading each spectrogram {@code chunkFrames} frames at a time, or with
     * {@code 0} at {@link SpectrogramChunks#framesPerChunk} (tests use small chunks).
     */
    double[] extract(AudioClip clip, int chunkFrames) {
        try {
            return extractAll(clip.resampledTo(sampleRateHz), chunkFrames);
        } finally {
            Workspace.current().releaseLarge();
        }
    }

    private double[] extractAll(AudioClip at, int chunkFrames) {
        double[] out = new double[names.size()];
        boolean[] done = new boolean[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            if (done[i]) {
                continue;
            }
            FeatureExtractor part = parts.get(i);
            Stft stft = SharedSpectrogram.stftOf(part);
            if (stft != null) {
                // every later part with the same framing reads the same frames
                List<FeatureExtractor> group = new ArrayList<>();
                List<Integer> at0 = new ArrayList<>();
                for (int j = i; j < parts.size(); j++) {
                    Stft other = SharedSpectrogram.stftOf(parts.get(j));
                    if (!done[j] && other != null && SharedSpectrogram.sameFraming(stft, other)) {
                        group.add(parts.get(j));
                        at0.add(offsets[j]);
                        done[j] = true;
                    }
                }
                int[] groupOffsets = at0.stream().mapToInt(Integer::intValue).toArray();
                SharedSpectrogram.extract(group, groupOffsets, at, out,
                        chunkFrames > 0 ? chunkFrames : SpectrogramChunks.framesPerChunk(stft));
            } else {
                double[] v = part.extract(at);
                System.arraycopy(v, 0, out, offsets[i], v.length);
                done[i] = true;
            }
            // Nothing of this part is used any more: let a long clip's buffers go before the next.
            Workspace.current().releaseLarge();
        }
        return out;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Incremental: parts that read the same spectrogram framing share one set of kept spectra (as
     * {@link #extract} shares one spectrogram), see {@link FeatureStream#alignmentSamples()}; the
     * other parts (prosody) run their own streams. {@link FeatureStream#extractLast} equals
     * {@link #extract} of the span exactly.
     */
    @Override
    public FeatureStream openStream(int capacitySamples) {
        StreamArguments.checkCapacity(capacitySamples, sampleRateHz);
        return new IncrementalFeatureStream(parts, capacitySamples);
    }

    @Override
    public String toString() {
        return "CompositeExtractor[" + id + "]";
    }
}
