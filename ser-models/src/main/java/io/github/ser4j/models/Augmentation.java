package io.github.ser4j.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Multi-condition training: how many augmented copies of each training clip the trainer adds, and the
 * recording conditions they are drawn from. Each copy draws one family uniformly, then its parameter
 * uniformly from the family's range, and is made by {@link Condition#apply} with a seed derived from the
 * trainer's seed, the clip's path and the copy number, so equal specs and seeds give equal copies.
 *
 * <p>Copies belong to their clip: in cross-validation a fold trains on the copies of its own training
 * clips only and tests on original clips only, and babble for a copy is made from clips of other
 * speakers in the same fold, so no audio of a test speaker reaches a training row.
 *
 * <p>The spec is a comma-separated list: {@code copies=N} (1 to 8), then families, each
 * {@code NAME=LOW:HIGH} or {@code NAME=VALUE} or just {@code NAME} for the telephone channels:
 * {@code white}, {@code pink}, {@code brown}, {@code babble} (SNR in dB, measured as {@link Condition}
 * documents), {@code telephone} (mu-law or A-law, half each), {@code telephone-mulaw},
 * {@code telephone-alaw}, {@code reverb} (RT60 in seconds), {@code level} (peak dBFS), {@code speed}
 * (factor), {@code opus} (bit rate in kbit/s), {@code excerpt} (seconds of the speech). {@code default} stands for {@value #DEFAULT_SPEC}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param spec the spec as given (after expanding {@code default})
 * @param copies augmented copies per training clip
 * @param families what each copy draws from
 */
public record Augmentation(String spec, int copies, List<Family> families) {

    /** The spec {@code default} expands to. */
    public static final String DEFAULT_SPEC = "copies=2,white=0:30,pink=0:30,brown=0:30,babble=0:30,telephone,"
            + "reverb=0.2:1.2,level=-35:0,speed=0.9:1.1";

    /** Most copies per clip. */
    public static final int MAX_COPIES = 8;

    /**
     * One family of conditions a copy can draw.
     *
     * <p>Thread-safety: immutable.
     *
     * @param word the family's name in the spec
     * @param low the lowest parameter
     * @param high the highest parameter
     */
    public record Family(String word, double low, double high) {

        /**
         * Validates the family by making its extreme conditions.
         *
         * @throws IllegalArgumentException for an unknown name or an out-of-range or reversed range
         * @param word the record component of the same name
         * @param low the record component of the same name
         * @param high the record component of the same name
         */
        public Family {
            if (!(low <= high)) {
                throw new IllegalArgumentException("augmentation family " + word + " has the range " + low + ":" + high);
            }
            condition(word, low, new Random(0));
            condition(word, high, new Random(0));
        }

        Condition draw(Random rnd) {
            return condition(word, low + (high - low) * rnd.nextDouble(), rnd);
        }

        private static Condition condition(String word, double v, Random rnd) {
            if (word.equals("telephone")) {
                return new Condition(rnd.nextBoolean() ? Condition.Kind.TELEPHONE_ALAW : Condition.Kind.TELEPHONE_MULAW, 0);
            }
            Condition.Kind k = Condition.Kind.parse(word);
            if (k == Condition.Kind.CLEAN) {
                throw new IllegalArgumentException("clean is not an augmentation family: the originals are always kept");
            }
            return new Condition(k, k.hasValue() ? v : 0);
        }
    }

    /**
     * Validates and freezes the augmentation.
     *
     * @throws IllegalArgumentException if copies is out of 1..{@value #MAX_COPIES} or there is no family
     * @param spec the record component of the same name
     * @param copies the record component of the same name
     * @param families the record component of the same name
     */
    public Augmentation {
        if (copies < 1 || copies > MAX_COPIES) {
            throw new IllegalArgumentException("augmentation copies must be 1 to " + MAX_COPIES + ", got " + copies);
        }
        if (families == null || families.isEmpty()) {
            throw new IllegalArgumentException("augmentation spec '" + spec + "' names no condition family");
        }
        families = List.copyOf(families);
    }

    /**
     * Parses a spec (see the class comment).
     *
     * @param spec the spec, or {@code default}
     * @return the augmentation
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static Augmentation parse(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("default")) {
            s = DEFAULT_SPEC;
        }
        int copies = 1;
        List<Family> families = new ArrayList<>();
        for (String part : s.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq).trim();
            String value = eq < 0 ? null : p.substring(eq + 1).trim();
            try {
                if (name.equals("copies")) {
                    copies = Integer.parseInt(value == null ? "" : value);
                    continue;
                }
                double lo = 0;
                double hi = 0;
                if (value != null) {
                    int colon = value.indexOf(':', value.startsWith("-") ? 1 : 0);
                    lo = Double.parseDouble(colon < 0 ? value : value.substring(0, colon));
                    hi = colon < 0 ? lo : Double.parseDouble(value.substring(colon + 1));
                } else if (!name.startsWith("telephone")) {
                    throw new IllegalArgumentException("augmentation family " + name + " needs a range, e.g. "
                            + name + "=LOW:HIGH");
                }
                families.add(new Family(name, lo, hi));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("augmentation spec part '" + p + "' has a bad number", e);
            }
        }
        return new Augmentation(s, copies, families);
    }

    /**
     * The condition of copy {@code copy} of a clip, and the seed that makes it.
     *
     * @param seed the trainer's seed
     * @param clipKey the clip's relative path
     * @param copy the copy number, from 1
     * @return the condition and its seed
     */
    Drawn draw(long seed, String clipKey, int copy) {
        Random rnd = new Random(mix(seed, clipKey.hashCode(), copy));
        Family f = families.get(rnd.nextInt(families.size()));
        return new Drawn(f.draw(rnd), rnd.nextLong());
    }

    /** A drawn condition with the seed of its random choices. */
    record Drawn(Condition condition, long seed) {
    }

    static long mix(long a, long b, long c) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + c;
        return h ^ (h >>> 29);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spec", spec);
        m.put("copies", copies);
        return m;
    }

    static Augmentation fromJson(Map<?, ?> m) {
        return parse((String) m.get("spec"));
    }
}
