package io.github.ser4j.models;

import io.github.ser4j.core.StreamSettings;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Query parameters of the server's endpoints: a check that no unknown (mistyped) parameter is given,
 * and the stream settings {@code window}, {@code hop}, {@code min_segment} and {@code smooth} (seconds,
 * the same defaults as {@code ser4j stream}).
 *
 * <p>Thread-safety: stateless.
 */
final class StreamQuery {

    /** The stream-setting parameters. */
    static final Set<String> SETTINGS = Set.of("window", "hop", "min_segment", "smooth");

    private StreamQuery() {
    }

    /** Refuses parameters outside {@code allowed} with 400, naming them and the allowed ones. */
    static void checkNames(Map<String, ?> params, Set<String> allowed) {
        Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new HttpProblem(HttpProblem.BAD_REQUEST, "unknown query parameter " + String.join(", ", unknown)
                    + (allowed.isEmpty() ? "; this endpoint takes none" : "; allowed: "
                    + String.join(", ", new TreeSet<>(allowed))));
        }
    }

    /** The settings from {@code window}, {@code hop}, {@code min_segment}, {@code smooth}; 400 when invalid. */
    static StreamSettings settings(java.util.function.Function<String, String> param) {
        StreamSettings d = StreamSettings.defaults();
        try {
            double window = seconds(param, "window", d.windowSeconds());
            return new StreamSettings(window, seconds(param, "hop", Math.min(d.hopSeconds(), window)),
                    seconds(param, "min_segment", Math.min(d.minSegmentSeconds(), window)), seconds(param, "smooth", 0),
                    d.vadMarginDb(), d.hangoverSeconds());
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(HttpProblem.BAD_REQUEST, e.getMessage());
        }
    }

    private static double seconds(java.util.function.Function<String, String> param, String name, double def) {
        String v = param.apply(name);
        if (v == null) {
            return def;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HttpProblem(HttpProblem.BAD_REQUEST, name + " must be a number of seconds, got '" + v + "'");
    }
}
