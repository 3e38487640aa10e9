package dev.omrest.map;

import dev.omrest.openmetadata.ApiSchema;
import dev.omrest.openmetadata.SchemaField;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes equal schema-field subtrees one object: a large spec expands the same component schemas for thousands of
 * endpoints, and without sharing the desired state holds every copy (Microsoft Graph beta: 410 MB, 63 MB shared).
 * The JSON sent is the same; the records are immutable, so sharing them is safe. Subtrees are shared bottom-up, so a
 * node is compared by its own values and the identity of its (already shared) children: no deep hashing.
 */
final class SharedFields {
    private final Map<FieldKey, SchemaField> fields = new HashMap<>();
    private final Map<ListKey, List<SchemaField>> lists = new HashMap<>();

    ApiSchema share(ApiSchema schema) {
        return schema == null || schema.schemaFields() == null ? schema
                : new ApiSchema(share(schema.schemaFields()));
    }

    private List<SchemaField> share(List<SchemaField> list) {
        if (list == null) {
            return null;
        }
        List<SchemaField> shared = new ArrayList<>(list.size());
        for (SchemaField field : list) {
            shared.add(share(field));
        }
        return lists.computeIfAbsent(new ListKey(shared), key -> List.copyOf(key.elements()));
    }

    private SchemaField share(SchemaField field) {
        List<SchemaField> children = share(field.children());
        FieldKey key = new FieldKey(field.name(), field.dataType(), field.dataTypeDisplay(), field.description(), children);
        return fields.computeIfAbsent(key, k -> new SchemaField(k.name, k.dataType, k.display, k.description, k.children));
    }

    private static final class FieldKey {
        final String name;
        final String dataType;
        final String display;
        final String description;
        final List<SchemaField> children;
        private final int hash;

        FieldKey(String name, String dataType, String display, String description, List<SchemaField> children) {
            this.name = name;
            this.dataType = dataType;
            this.display = display;
            this.description = description;
            this.children = children;
            this.hash = Objects.hash(name, dataType, display, description) * 31 + System.identityHashCode(children);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FieldKey k && k.hash == hash && k.children == children && Objects.equals(k.name, name)
                    && Objects.equals(k.dataType, dataType) && Objects.equals(k.display, display)
                    && Objects.equals(k.description, description);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record ListKey(List<SchemaField> elements) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof ListKey k) || k.elements.size() != elements.size()) {
                return false;
            }
            for (int i = 0; i < elements.size(); i++) {
                if (k.elements.get(i) != elements.get(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int hash = 1;
            for (SchemaField element : elements) {
                hash = hash * 31 + System.identityHashCode(element);
            }
            return hash;
        }
    }
}
