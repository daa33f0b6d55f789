package io.github.ser4j.models;

import java.io.ObjectInputFilter;
import java.util.Set;

/**
 * The allow-list that guards Java deserialization of the Weka model part of an old-format model file, which
 * only {@code ser4j convert} reads ({@link LegacyModelFile}): only the exact classes a calibrated SMO with an
 * RBF or polynomial kernel is made of, and bounds on depth, references, array length, hash table size and
 * bytes. A class outside the list is refused when its descriptor is read, before any instance of it exists,
 * so no code from the file runs. The depth and table bounds (a real model's graph is 10 deep, its largest
 * table 1,024 entries) keep the hash-collision attacks on the HashMaps and Hashtables Weka needs cheap, but no
 * filter makes deserialization safe: convert only files you trust.
 */
final class ModelObjectFilter implements ObjectInputFilter {

    static final long MAX_DEPTH = 16;
    /** The largest hash table capacity of a HashMap or Hashtable (a model of {@link ModelFile#MAX_DIMENSION} features needs 8,192). */
    static final long MAX_TABLE_CAPACITY = 16_384;
    static final long MAX_REFERENCES = 5_000_000;
    static final long MAX_ARRAY_LENGTH = 50_000_000;

    /**
     * Exactly the classes found in serialized calibrated SMOs with RBF and polynomial kernels on
     * Weka 3.8.6 (element classes of arrays are checked the same way; primitive arrays pass).
     * {@code java.util.Map$Entry} appears only as the table-size check HashMap and Hashtable make.
     */
    static final Set<String> ALLOWED = Set.of(
            "weka.classifiers.AbstractClassifier",
            "weka.classifiers.functions.Logistic",
            "weka.classifiers.functions.SMO",
            "weka.classifiers.functions.SMO$BinarySMO",
            "weka.classifiers.functions.supportVector.CachedKernel",
            "weka.classifiers.functions.supportVector.Kernel",
            "weka.classifiers.functions.supportVector.PolyKernel",
            "weka.classifiers.functions.supportVector.RBFKernel",
            "weka.classifiers.functions.supportVector.SMOset",
            "weka.core.AbstractInstance",
            "weka.core.Attribute",
            "weka.core.AttributeLocator",
            "weka.core.DenseInstance",
            "weka.core.Instances",
            "weka.core.NominalAttributeInfo",
            "weka.core.NumericAttributeInfo",
            "weka.core.Queue",
            "weka.core.Range",
            "weka.core.RelationalLocator",
            "weka.core.StringLocator",
            "weka.filters.Filter",
            "weka.filters.unsupervised.attribute.NominalToBinary",
            "weka.filters.unsupervised.attribute.PotentialClassIgnorer",
            "weka.filters.unsupervised.attribute.Remove",
            "weka.filters.unsupervised.attribute.RemoveUseless",
            "weka.filters.unsupervised.attribute.ReplaceMissingValues",
            "java.lang.Object",
            "java.lang.Number",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Double",
            "java.lang.Boolean",
            "java.lang.String",
            "java.util.ArrayList",
            "java.util.BitSet",
            "java.util.HashMap",
            "java.util.Hashtable",
            "java.util.Map$Entry");

    private final long maxBytes;
    private volatile String rejection;

    ModelObjectFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Why the last refusal happened, or null. */
    String rejection() {
        return rejection;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > MAX_DEPTH) {
            return reject("object graph deeper than " + MAX_DEPTH);
        }
        if (info.references() > MAX_REFERENCES) {
            return reject("more than " + MAX_REFERENCES + " object references");
        }
        // Arrays are allocated before their elements are read, and every element takes at least one
        // byte of the stream, so no honest array is longer than the stream: refuse before allocating.
        long arrayLimit = Math.min(MAX_ARRAY_LENGTH, maxBytes);
        if (info.arrayLength() > arrayLimit) {
            return reject("an array of " + info.arrayLength() + " elements (limit " + arrayLimit + ")");
        }
        if (info.streamBytes() > maxBytes) {
            return reject("more than " + maxBytes + " bytes");
        }
        Class<?> c = info.serialClass();
        if (c == null) {
            return Status.ALLOWED;
        }
        if (c == java.util.Map.Entry[].class && info.arrayLength() > MAX_TABLE_CAPACITY) {
            return reject("a hash table of capacity " + info.arrayLength() + " (limit " + MAX_TABLE_CAPACITY + ")");
        }
        Class<?> base = c;
        while (base.isArray()) {
            base = base.getComponentType();
        }
        if (base.isPrimitive() || ALLOWED.contains(base.getName())) {
            return Status.ALLOWED;
        }
        return reject("class " + c.getName() + " is not on the model allow-list");
    }

    private Status reject(String why) {
        if (rejection == null) {
            rejection = why;
        }
        return Status.REJECTED;
    }
}
