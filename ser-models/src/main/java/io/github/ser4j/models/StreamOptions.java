package io.github.ser4j.models;

import io.github.ser4j.core.StreamSettings;
import picocli.CommandLine.Option;

/**
 * The live stream's settings on the command line (a picocli mixin of {@code stream} and
 * {@code timeline}): window, hop, minimum segment and smoothing.
 *
 * <p>Thread-safety: set once by the parser, then read only.
 */
final class StreamOptions {

    @Option(names = "--window", paramLabel = "S", converter = CliConverters.Seconds.class,
            description = "seconds of audio per prediction (default " + StreamSettings.DEFAULT_WINDOW_SECONDS + ")")
    Double window;

    @Option(names = "--hop", paramLabel = "S", converter = CliConverters.Seconds.class,
            description = "seconds between predictions (default " + StreamSettings.DEFAULT_HOP_SECONDS + ")")
    Double hop;

    @Option(names = "--min-segment", paramLabel = "S", converter = CliConverters.Seconds.class,
            description = "speech before a segment's first prediction (default " + StreamSettings.DEFAULT_MIN_SEGMENT_SECONDS + ")")
    Double minSegment;

    @Option(names = "--smooth", paramLabel = "S", converter = CliConverters.Seconds.class,
            description = "time constant of probability smoothing (default 0, off)")
    Double smooth;

    /** The settings; {@code command} reports values the settings refuse as usage errors. */
    StreamSettings settings(CliCommand command) {
        try {
            StreamSettings d = StreamSettings.defaults();
            double w = window == null ? d.windowSeconds() : window;
            double m = minSegment == null ? Math.min(d.minSegmentSeconds(), w) : minSegment;
            double h = hop == null ? Math.min(d.hopSeconds(), w) : hop;
            return new StreamSettings(w, h, m, smooth == null ? 0 : smooth, d.vadMarginDb(), d.hangoverSeconds());
        } catch (IllegalArgumentException e) {
            throw command.usage(e.getMessage());
        }
    }
}
