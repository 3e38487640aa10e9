package dev.omrest.map;

import dev.omrest.config.EntityNames;
import dev.omrest.openmetadata.SchemaField;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One schema to OpenMetadata fields, the extended way:
 * <ul>
 *   <li>objects (typed or not) give one field per property, {@code RECORD} with children; maps
 *       ({@code additionalProperties}) are {@code MAP} with the value's fields as children; arrays are {@code ARRAY}
 *       with the item's fields as children, or one {@code item} child for scalar items (none for objects without
 *       known properties: the display type says {@code array<object>});</li>
 *   <li>{@code allOf} parts are merged into one field list (later parts refine earlier ones); {@code oneOf} and
 *       {@code anyOf} variants are merged too, and a property that only some variants have says which in its
 *       display type ({@code string [oneOf: Cat]}); a field holding a union is {@code UNION} unless every variant
 *       has the same type, with {@code oneOf<Cat|Dog>} as its display type; the discriminator property is marked
 *       {@code [discriminator: cat=Cat, …]};</li>
 *   <li>scalar types are format-aware ({@link ExtendedTypes}); the display type is the OpenAPI type and format,
 *       with {@code |null} for nullable ones and the value of a {@code const};</li>
 *   <li>recursion is cut where a reference repeats one of its ancestors (the field stays, marked
 *       {@code (recursive: Name)}, without children); below {@value #MAX_DEPTH} levels, beyond
 *       {@value #MAX_FIELDS} fields, after {@value #MAX_VISITS} schema visits or {@value #MAX_REF_CHAIN} references
 *       nested in one another the tree is cut, and the caller is told so.</li>
 * </ul>
 */
final class FieldWalker {
    static final int MAX_DEPTH = 10;
    static final int MAX_FIELDS = 1000;
    static final int MAX_VISITS = 20_000;
    /** References followed inside one another (allOf chains do not add depth, so depth alone does not bound the stack). */
    static final int MAX_REF_CHAIN = 64;

    /** What cut a tree short; empty when nothing did. */
    record Result(List<SchemaField> fields, List<String> cuts) {
    }

    private final SchemaIndex index;
    private final Consumer<String> warn;
    private final Map<String, Integer> ancestors = new HashMap<>();
    private int chain;
    private final Set<String> warned = new HashSet<>();
    private int fieldCount;
    private int visits;
    private boolean depthCut;
    private boolean countCut;
    private boolean visitCut;
    private boolean chainCut;

    FieldWalker(SchemaIndex index, Consumer<String> warn) {
        this.index = index;
        this.warn = warn;
    }

    /** A field under construction: a name and a shape, with the variants it was seen in when unions are merged. */
    static final class Node {
        final String name;
        Shape shape;
        String note;
        Set<String> variants;

        Node(String name, Shape shape) {
            this.name = name;
            this.shape = shape;
        }
    }

    /** What a schema is: its type, display text, description and member fields (null for scalars). */
    static final class Shape {
        String dataType;
        String display;
        String description;
        LinkedHashMap<String, Node> members;
        boolean nullable;
        boolean never;
        boolean blank;

        Shape(String dataType, String display) {
            this.dataType = dataType;
            this.display = display;
        }

        static Shape any() {
            Shape shape = new Shape(ExtendedTypes.UNKNOWN, "any");
            shape.blank = true;
            return shape;
        }

        boolean hasMembers() {
            return members != null && !members.isEmpty();
        }
    }

    // ------------------------------------------------------------------ entry points

    /** The fields of a body schema: its members (an object's properties, an array's item fields); null when none. */
    Result fields(Schema<?> root) {
        fieldCount = 0;
        visits = 0;
        depthCut = countCut = visitCut = chainCut = false;
        Shape shape = describe(root, 1);
        return new Result(shape.hasMembers() ? toFields(shape.members) : null, cuts());
    }

    /** One named field for a schema (a parameter), with its children; depth 1. */
    Result field(String name, Schema<?> schema, String description, String displaySuffix) {
        fieldCount = 0;
        visits = 0;
        depthCut = countCut = visitCut = chainCut = false;
        Shape shape = schema == null ? new Shape(ExtendedTypes.UNKNOWN, "any") : describe(schema, 2);
        if (description != null) {
            shape.description = description;
        }
        Node node = new Node(name, shape);
        if (displaySuffix != null) {
            node.note = displaySuffix;
        }
        return new Result(List.of(toField(node)), cuts());
    }

    private List<String> cuts() {
        List<String> cuts = new ArrayList<>();
        if (depthCut) {
            cuts.add("cut below depth " + MAX_DEPTH);
        }
        if (countCut) {
            cuts.add("cut at " + MAX_FIELDS + " fields");
        }
        if (visitCut) {
            cuts.add("cut after " + MAX_VISITS + " schema visits");
        }
        if (chainCut) {
            cuts.add("cut after " + MAX_REF_CHAIN + " references nested in one another");
        }
        return cuts;
    }

    // ------------------------------------------------------------------ describing schemas

    /** @param depth the level the schema's members would be placed at (top-level fields are at 1) */
    Shape describe(Schema<?> s, int depth) {
        if (s == null) {
            return Shape.any();
        }
        if (++visits > MAX_VISITS) {
            visitCut = true;
            return shallow(s);
        }
        if (s.getBooleanSchemaValue() != null) {
            if (s.getBooleanSchemaValue()) {
                return Shape.any();
            }
            Shape never = new Shape(ExtendedTypes.UNKNOWN, "never");
            never.never = true;
            return never;
        }
        if (s.get$ref() != null) {
            return reference(s, depth);
        }
        boolean composed = notEmpty(s.getAllOf()) || notEmpty(s.getOneOf()) || notEmpty(s.getAnyOf());
        Shape shape = composed ? composed(s, depth) : plain(s, depth);
        if (s.getDiscriminator() != null) {
            markDiscriminator(shape, s.getDiscriminator());
        }
        if (s.getDescription() != null) {
            shape.description = s.getDescription();
        }
        return shape;
    }

    private Shape reference(Schema<?> s, int depth) {
        String ref = s.get$ref();
        if (!ref.startsWith("#")) {
            // an external reference the parse stage could not read (it said so, naming it)
            Shape shape = new Shape(ExtendedTypes.UNKNOWN, "external reference");
            shape.description = s.getDescription();
            return shape;
        }
        Schema<?> target = index.schema(ref);
        if (target == null) {
            if (warned.add(ref)) {
                warn.accept("Schema reference '" + ref + "' not found");
            }
            Shape shape = new Shape(ExtendedTypes.UNKNOWN, "unresolved reference");
            shape.description = s.getDescription();
            return shape;
        }
        Shape shape;
        if (ancestors.getOrDefault(ref, 0) > 0) {
            shape = shallow(target);
            shape.display = shape.display + " (recursive: " + SchemaIndex.name(ref) + ")";
            shape.description = target.getDescription();
        } else if (chain >= MAX_REF_CHAIN) {
            chainCut = true;
            shape = shallow(target);
            shape.description = target.getDescription();
        } else {
            ancestors.merge(ref, 1, Integer::sum);
            chain++;
            try {
                shape = describe(target, depth);
            } finally {
                chain--;
                ancestors.merge(ref, -1, Integer::sum);
            }
        }
        if (s.getDescription() != null) {
            shape.description = s.getDescription();
        }
        return shape;
    }

    /** The type of a schema without looking at its members. */
    private Shape shallow(Schema<?> s) {
        Schema<?> target = s;
        for (int i = 0; target != null && target.get$ref() != null && i < 8; i++) {
            target = index.schema(target.get$ref());
        }
        if (target == null || target.get$ref() != null) {
            return new Shape(ExtendedTypes.UNKNOWN, "object");
        }
        List<String> types = types(target);
        if (types.size() == 1) {
            String type = types.get(0);
            return new Shape(ExtendedTypes.dataType(type, target.getFormat()), type.equals("object") || type.equals("array")
                    ? type : ExtendedTypes.display(type, target.getFormat()));
        }
        if (types.size() > 1) {
            return new Shape(ExtendedTypes.UNION, String.join("|", types));
        }
        if (notEmpty(target.getAllOf()) || notEmpty(target.getOneOf()) || notEmpty(target.getAnyOf())) {
            return new Shape(ExtendedTypes.RECORD, "object");
        }
        return new Shape(ExtendedTypes.UNKNOWN, "any");
    }

    /** A schema without allOf/oneOf/anyOf. */
    private Shape plain(Schema<?> s, int depth) {
        List<String> types = types(s);
        Shape shape;
        if (types.isEmpty()) {
            shape = Shape.any();
        } else if (types.size() > 1) {
            shape = new Shape(ExtendedTypes.UNION, String.join("|", types));
            if (types.contains("object")) {
                Shape object = object(s, depth);
                shape.members = object.members;
            } else if (types.contains("array")) {
                shape.members = array(s, depth).members;
            }
        } else {
            String type = types.get(0);
            shape = switch (type) {
                case "object" -> object(s, depth);
                case "array" -> array(s, depth);
                default -> new Shape(ExtendedTypes.dataType(type, s.getFormat()), ExtendedTypes.display(type, s.getFormat()));
            };
        }
        if (s.getConst() != null) {
            shape.display = shape.display + " const " + literal(s.getConst());
            shape.blank = false;
        }
        if (Boolean.TRUE.equals(s.getNullable()) || declaresNull(s)) {
            shape.nullable = true;
            if (types.isEmpty()) {
                shape.dataType = ExtendedTypes.NULL;
                shape.display = "null";
                shape.blank = false;
            } else {
                shape.display = shape.display + "|null";
            }
        }
        return shape;
    }

    private Shape object(Schema<?> s, int depth) {
        if (notEmpty(s.getProperties())) {
            Shape shape = new Shape(ExtendedTypes.RECORD, "object");
            shape.members = properties(s.getProperties(), depth);
            return shape;
        }
        Schema<?> values = null;
        if (s.getAdditionalProperties() instanceof Schema<?> additional && additional.getBooleanSchemaValue() == null) {
            values = additional;
        } else if (notEmpty(s.getPatternProperties())) {
            values = s.getPatternProperties().values().iterator().next();
        }
        if (values != null) {
            Shape value = describe(values, depth);
            Shape shape = new Shape(ExtendedTypes.MAP, "map<string," + value.display + ">");
            shape.members = value.hasMembers() ? value.members : null;
            return shape;
        }
        return new Shape(ExtendedTypes.RECORD, "object");
    }

    private Shape array(Schema<?> s, int depth) {
        Schema<?> items = s.getItems();
        Shape item;
        if (items != null && !FieldExtractor.isEmpty(items)) {
            item = describe(items, depth);
        } else if (notEmpty(s.getPrefixItems())) {
            item = variants(s.getPrefixItems(), "prefixItems", depth);
        } else {
            return new Shape(ExtendedTypes.ARRAY, "array");
        }
        Shape shape = new Shape(ExtendedTypes.ARRAY, "array<" + item.display + ">");
        if (item.hasMembers()) {
            shape.members = item.members;
        } else if (!item.blank && !item.never && !ExtendedTypes.RECORD.equals(item.dataType)
                && !ExtendedTypes.MAP.equals(item.dataType)) {
            if (depth > MAX_DEPTH) {
                depthCut = true;
            } else if (fieldCount >= MAX_FIELDS) {
                countCut = true;
            } else {
                fieldCount++;
                Shape child = new Shape(item.dataType, item.display);
                child.description = item.description;
                shape.members = new LinkedHashMap<>();
                shape.members.put("item", new Node("item", child));
            }
        }
        return shape;
    }

    private LinkedHashMap<String, Node> properties(Map<String, Schema> properties, int depth) {
        if (depth > MAX_DEPTH) {
            depthCut = true;
            return null;
        }
        LinkedHashMap<String, Node> members = new LinkedHashMap<>();
        for (Map.Entry<String, Schema> property : properties.entrySet()) {
            if (fieldCount >= MAX_FIELDS) {
                countCut = true;
                break;
            }
            String name = property.getKey();
            Schema<?> definition = property.getValue();
            String problem = EntityNames.fieldNameProblem(name);
            if (problem != null) {
                if (warned.add("name:" + name)) {
                    warn.accept("Property skipped: " + problem);
                }
                continue;
            }
            fieldCount++;
            Shape shape = definition == null ? Shape.any() : describe(definition, depth + 1);
            if (shape.never) {
                fieldCount--;
                continue;
            }
            members.put(name, new Node(name, shape));
        }
        return members;
    }

    // ------------------------------------------------------------------ compositions

    private Shape composed(Schema<?> s, int depth) {
        Shape result = null;
        if (notEmpty(s.getAllOf())) {
            for (Schema<?> part : s.getAllOf()) {
                result = refine(result, describe(part, depth));
            }
        }
        if (hasOwnStructure(s)) {
            result = refine(result, plain(s, depth));
        }
        if (notEmpty(s.getOneOf())) {
            result = refine(result, variants(s.getOneOf(), "oneOf", depth));
        }
        if (notEmpty(s.getAnyOf())) {
            result = refine(result, variants(s.getAnyOf(), "anyOf", depth));
        }
        if (result == null) {
            result = Shape.any();
        }
        if ((Boolean.TRUE.equals(s.getNullable()) || declaresNull(s)) && !result.display.endsWith("|null")) {
            result.nullable = true;
            result.display = result.display + "|null";
        }
        return result;
    }

    /** allOf: {@code later} refines {@code base}: its type wins unless unknown, its members are added or merged. */
    private Shape refine(Shape base, Shape later) {
        if (base == null) {
            return later;
        }
        if (later.never) {
            return base;
        }
        if (base.blank || ExtendedTypes.UNKNOWN.equals(base.dataType)) {
            base.dataType = later.dataType;
            base.display = later.display;
            base.blank = later.blank;
        } else if (!later.blank && !ExtendedTypes.UNKNOWN.equals(later.dataType) && !sameKind(base, later)) {
            base.dataType = later.dataType;
            base.display = later.display;
        } else if (ExtendedTypes.MAP.equals(base.dataType) && ExtendedTypes.RECORD.equals(later.dataType) && later.hasMembers()) {
            base.dataType = ExtendedTypes.RECORD;
            base.display = "object";
        }
        if (later.description != null) {
            base.description = later.description;
        }
        base.nullable |= later.nullable;
        addMembers(base, later, this::refine);
        return base;
    }

    /** Adds {@code from}'s members to {@code into}'s; a member both have is combined. */
    private void addMembers(Shape into, Shape from, BinaryOperator<Shape> combine) {
        if (!from.hasMembers()) {
            return;
        }
        if (into.members == null) {
            into.members = new LinkedHashMap<>();
        }
        for (Node node : from.members.values()) {
            Node existing = into.members.get(node.name);
            if (existing == null) {
                into.members.put(node.name, node);
            } else {
                existing.shape = combine.apply(existing.shape, node.shape);
            }
        }
    }

    private static boolean sameKind(Shape a, Shape b) {
        boolean aObject = ExtendedTypes.RECORD.equals(a.dataType) || ExtendedTypes.MAP.equals(a.dataType);
        boolean bObject = ExtendedTypes.RECORD.equals(b.dataType) || ExtendedTypes.MAP.equals(b.dataType);
        return aObject == bObject && (aObject || a.dataType.equals(b.dataType) && a.display.equals(b.display));
    }

    /** oneOf/anyOf (and tuple items): the variants merged; members only some variants have name them. */
    private Shape variants(List<Schema> schemas, String keyword, int depth) {
        List<String> labels = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        boolean nullable = false;
        for (int i = 0; i < schemas.size(); i++) {
            Schema<?> variant = schemas.get(i);
            Shape shape = describe(variant, depth);
            if (shape.never) {
                continue;
            }
            if (ExtendedTypes.NULL.equals(shape.dataType) && !shape.hasMembers()) {
                nullable = true;
                continue;
            }
            if (shape.blank && !shape.hasMembers()) {
                continue;
            }
            shapes.add(shape);
            labels.add(label(variant, shape, i));
        }
        if (shapes.isEmpty()) {
            Shape shape = nullable ? new Shape(ExtendedTypes.NULL, "null") : Shape.any();
            shape.nullable = nullable;
            return shape;
        }
        Set<String> types = shapes.stream().map(sh -> sh.dataType).collect(Collectors.toCollection(LinkedHashSet::new));
        String display = shapes.size() == 1 ? shapes.get(0).display
                : keyword + "<" + String.join("|", new LinkedHashSet<>(labels)) + ">";
        Shape union = new Shape(types.size() == 1 ? types.iterator().next() : ExtendedTypes.UNION,
                display + (nullable ? "|null" : ""));
        union.nullable = nullable;
        if (shapes.size() == 1) {
            union.description = shapes.get(0).description;
        }
        int withMembers = 0;
        LinkedHashMap<String, Node> members = new LinkedHashMap<>();
        for (int i = 0; i < shapes.size(); i++) {
            Shape shape = shapes.get(i);
            if (!shape.hasMembers()) {
                continue;
            }
            withMembers++;
            for (Node node : shape.members.values()) {
                Node existing = members.get(node.name);
                if (existing == null) {
                    node.variants = new LinkedHashSet<>();
                    node.variants.add(labels.get(i));
                    members.put(node.name, node);
                } else {
                    existing.variants.add(labels.get(i));
                    existing.shape = alternative(existing.shape, node.shape);
                }
            }
        }
        if (withMembers > 0) {
            for (Node node : members.values()) {
                if (withMembers > 1 && node.variants.size() < withMembers) {
                    String mark = "[" + keyword + ": " + String.join(", ", node.variants) + "]";
                    node.note = node.note == null ? mark : mark + " " + node.note;
                }
                node.variants = null;
            }
            union.members = members;
        }
        return union;
    }

    /** The same property in two variants: one field, UNION when the types differ, children merged. */
    private Shape alternative(Shape a, Shape b) {
        if (!a.dataType.equals(b.dataType)) {
            if (a.blank) {
                return b;
            }
            if (!b.blank) {
                a.dataType = ExtendedTypes.UNION;
                a.display = a.display + "|" + b.display;
            }
        } else if (!a.display.equals(b.display) && !a.display.contains(b.display)) {
            a.display = a.display + "|" + b.display;
        }
        if (a.description == null) {
            a.description = b.description;
        }
        addMembers(a, b, this::alternative);
        return a;
    }

    /** A variant's name: its schema name, else its title, else its position; a scalar variant is named by its type. */
    private static String label(Schema<?> variant, Shape shape, int index) {
        if (!shape.hasMembers() && !ExtendedTypes.RECORD.equals(shape.dataType)) {
            return shape.display;
        }
        if (variant.get$ref() != null) {
            return SchemaIndex.name(variant.get$ref());
        }
        if (variant.getTitle() != null && !variant.getTitle().isBlank()) {
            return variant.getTitle();
        }
        return shape.hasMembers() ? "#" + (index + 1) : shape.display;
    }

    private void markDiscriminator(Shape shape, Discriminator discriminator) {
        if (discriminator.getPropertyName() == null || shape.members == null) {
            return;
        }
        Node node = shape.members.get(discriminator.getPropertyName());
        if (node == null) {
            return;
        }
        String mark = index.discriminatorMarks.computeIfAbsent(discriminator, FieldWalker::discriminatorMark);
        if (node.note == null) {
            node.note = mark;
        } else if (!node.note.contains("[discriminator")) {
            node.note = node.note + " " + mark;
        }
    }

    // ------------------------------------------------------------------ helpers

    /** {@code [discriminator: value=Schema, …]}, the mapping shortened (some specs map thousands of values). */
    private static String discriminatorMark(Discriminator discriminator) {
        StringBuilder mark = new StringBuilder("[discriminator");
        if (discriminator.getMapping() != null && !discriminator.getMapping().isEmpty()) {
            String separator = ": ";
            for (Map.Entry<String, String> entry : discriminator.getMapping().entrySet()) {
                if (mark.length() > 160) {
                    mark.append(", …");
                    break;
                }
                mark.append(separator).append(entry.getKey()).append('=')
                        .append(entry.getValue() == null ? "" : SchemaIndex.name(entry.getValue()));
                separator = ", ";
            }
        }
        return mark.append(']').toString();
    }

    /** The declared non-null types, lower-case, in order; inferred from the schema's keywords when none is declared. */
    private static List<String> types(Schema<?> s) {
        List<String> types = new ArrayList<>();
        if (s.getTypes() != null && !s.getTypes().isEmpty()) {
            for (String t : s.getTypes()) {
                if (t != null && !t.equalsIgnoreCase("null") && !t.isEmpty()) {
                    types.add(t.toLowerCase(Locale.ROOT));
                }
            }
        } else if (s.getType() != null && !s.getType().isEmpty()) {
            if (!s.getType().equalsIgnoreCase("null")) {
                types.add(s.getType().toLowerCase(Locale.ROOT));
            }
        } else if (notEmpty(s.getProperties()) || s.getAdditionalProperties() != null
                || notEmpty(s.getPatternProperties())) {
            types.add("object");
        } else if (s.getItems() != null || notEmpty(s.getPrefixItems())) {
            types.add("array");
        } else if (s.getConst() != null && ExtendedTypes.jsonType(s.getConst()) != null) {
            types.add(ExtendedTypes.jsonType(s.getConst()));
        } else if (notEmpty(s.getEnum()) && ExtendedTypes.jsonType(s.getEnum().get(0)) != null) {
            types.add(ExtendedTypes.jsonType(s.getEnum().get(0)));
        } else if (s.getFormat() != null && STRING_FORMATS.contains(s.getFormat().toLowerCase(Locale.ROOT))) {
            types.add("string");
        }
        return types;
    }

    private static final Set<String> STRING_FORMATS = Set.of("date", "date-time", "time", "byte", "binary", "uuid",
            "email", "uri", "hostname", "ipv4", "ipv6", "password");

    private static boolean declaresNull(Schema<?> s) {
        if (s.getTypes() != null) {
            return s.getTypes().stream().anyMatch(t -> t != null && t.equalsIgnoreCase("null"));
        }
        return s.getType() != null && s.getType().equalsIgnoreCase("null");
    }

    private static boolean hasOwnStructure(Schema<?> s) {
        return s.getType() != null || (s.getTypes() != null && !s.getTypes().isEmpty()) || notEmpty(s.getProperties())
                || s.getItems() != null || s.getAdditionalProperties() instanceof Schema<?>;
    }

    private static String literal(Object value) {
        String text = value instanceof String string ? "\"" + string + "\"" : String.valueOf(value);
        return text.length() > 64 ? text.substring(0, 63) + "…" : text;
    }

    private static boolean notEmpty(java.util.Collection<?> c) {
        return c != null && !c.isEmpty();
    }

    private static boolean notEmpty(Map<?, ?> m) {
        return m != null && !m.isEmpty();
    }

    // ------------------------------------------------------------------ to OpenMetadata fields

    private static List<SchemaField> toFields(Map<String, Node> members) {
        List<SchemaField> fields = new ArrayList<>(members.size());
        for (Node node : members.values()) {
            fields.add(toField(node));
        }
        return fields;
    }

    private static SchemaField toField(Node node) {
        Shape shape = node.shape;
        String display = node.note == null ? shape.display : shape.display + " " + node.note;
        return new SchemaField(node.name, shape.dataType, ExtendedTypes.cut(display), shape.description,
                shape.hasMembers() ? toFields(shape.members) : null);
    }
}
