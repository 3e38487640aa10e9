package dev.omrest.map;

import dev.omrest.config.EntityNames;
import dev.omrest.openmetadata.SchemaField;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Schema to OpenMetadata fields by upstream's rules (its process_schema_fields): properties in document order, {@code $ref}s
 * expanded by name, recursion cut when a ref repeats one of its ancestors.
 */
final class FieldExtractor {
    /**
     * Upstream expands shared schemas again at every use, without limit; on a few real specs that exhausts any heap.
     * One request or response schema that would need more fields than this fails the way a schema error fails
     * upstream (a warning, no fields). No spec of the corpus that upstream can map comes near it (the largest needs
     * 779,000).
     */
    static final int MAX_FIELDS = 1_000_000;
    private final Map<String, Schema> schemas;
    private final Consumer<String> warn;
    private final Deque<String> ancestors = new ArrayDeque<>();
    private int built;
    private final int maxFields;

    /** @param maxFields how many fields one schema may expand to before the extraction gives up on it */
    FieldExtractor(Components components, Consumer<String> warn, int maxFields) {
        this.schemas = components == null || components.getSchemas() == null ? Map.of() : components.getSchemas();
        this.warn = warn;
        this.maxFields = maxFields;
    }

    /** Fields of the referenced schema; null when it is missing or cannot be converted (with a warning). */
    List<SchemaField> fieldsOfRef(String ref) {
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        Schema<?> schema = schemas.get(name);
        if (schema == null || isBlank(schema)) {
            // upstream tests the schema's dict for truth: an empty one ({}) is "not found" as well
            warn.accept("Schema '" + name + "' not found in components.schemas or definitions");
            return null;
        }
        ancestors.push(ref);
        try {
            if (DataTypes.ARRAY.equals(DataTypes.of(schema))) {
                List<SchemaField> items = itemFields(schema.getItems());
                return items == null ? List.of() : items;
            }
            return propertyFields(schema.getProperties());
        } catch (InvalidFieldException e) {
            warn.accept("Error while processing schema fields: " + e.getMessage());
            return null;
        } finally {
            ancestors.pop();
        }
    }

    /** One field per property, in document order (as upstream). */
    List<SchemaField> propertyFields(Map<String, Schema> properties) {
        List<SchemaField> fields = new ArrayList<>();
        if (properties == null) {
            return fields;
        }
        for (Map.Entry<String, Schema> property : properties.entrySet()) {
            fields.add(propertyField(property.getKey(), property.getValue()));
        }
        return fields;
    }

    private SchemaField propertyField(String name, Schema<?> definition) {
        if (++built > maxFields) {
            throw new TooManyFieldsException(maxFields);
        }
        String problem = EntityNames.fieldNameProblem(name);
        if (problem != null) {
            throw new InvalidFieldException(problem);
        }
        if (definition == null) {
            return new SchemaField(name, DataTypes.UNKNOWN, "OBJECT", null, null);
        }
        if (definition.getBooleanSchemaValue() != null) {
            // OAS 3.1's `true`/`false` schema: upstream's reader expects an object there and gives up on the whole schema
            throw new InvalidFieldException("property '" + name + "' is a boolean schema, not an object");
        }
        String description = definition.getDescription();
        if (DataTypes.declaredType(definition) != null) {
            String dataType = DataTypes.of(definition);
            List<SchemaField> children = DataTypes.ARRAY.equals(dataType) ? itemFields(definition.getItems()) : null;
            return new SchemaField(name, dataType, null, description, children);
        }
        List<SchemaField> children = null;
        if (definition.get$ref() != null) {
            children = ancestors.contains(definition.get$ref()) ? null : fieldsOfRef(definition.get$ref());
        } else if (definition.getProperties() != null && !definition.getProperties().isEmpty()) {
            children = propertyFields(definition.getProperties());
        }
        return new SchemaField(name, DataTypes.UNKNOWN, "OBJECT", description, children);
    }

    /** Children of an array: the referenced or inline object's fields, else one {@code item} field. */
    List<SchemaField> itemFields(Schema<?> items) {
        if (isEmpty(items)) {
            return null;
        }
        if (items.get$ref() != null) {
            return ancestors.contains(items.get$ref()) ? null : fieldsOfRef(items.get$ref());
        }
        if (items.getProperties() != null && !items.getProperties().isEmpty()) {
            return propertyFields(items.getProperties());
        }
        return List.of(SchemaField.of("item", DataTypes.of(items)));
    }

    /** Upstream tests a dict for emptiness; this is the same test over the parsed model. */
    /** A schema written as {@code {}}: not one member set. */
    private static boolean isBlank(Schema<?> s) {
        return s.equals(new Schema<>().specVersion(s.getSpecVersion()));
    }

    static boolean isEmpty(Schema<?> s) {
        return s == null || (s.get$ref() == null && DataTypes.declaredType(s) == null && s.getFormat() == null
                && s.getProperties() == null && s.getItems() == null && s.getAllOf() == null && s.getOneOf() == null
                && s.getAnyOf() == null && s.getEnum() == null && s.getDescription() == null
                && s.getAdditionalProperties() == null && s.getTitle() == null);
    }

    /** Not caught per reference: the whole request or response schema fails. */
    static final class TooManyFieldsException extends RuntimeException {
        TooManyFieldsException(int maxFields) {
            super("the schema expands to more than " + maxFields + " fields");
        }
    }

    static final class InvalidFieldException extends RuntimeException {
        InvalidFieldException(String message) {
            super(message);
        }
    }
}
