package dev.omrest.map;

import dev.omrest.config.NameFilter;
import dev.omrest.config.SchemaFieldsMode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the mapper needs besides the document.
 *
 * @param fallbackUrl  entity URL when no docURL applies: the schema URL, or null for file sources
 * @param schemaFields how request and response fields are extracted; names, FQNs and URLs do not depend on it
 */
public record MappingContext(String serviceName, ObjectNode serviceConnection, String docUrl, String fallbackUrl,
                             NameFilter collectionFilter, NameFilter endpointFilter, SchemaFieldsMode schemaFields) {

    public MappingContext {
        schemaFields = schemaFields == null ? SchemaFieldsMode.EXTENDED : schemaFields;
    }

    /** A context with the default ({@code extended}) field extraction. */
    public MappingContext(String serviceName, ObjectNode serviceConnection, String docUrl, String fallbackUrl,
                          NameFilter collectionFilter, NameFilter endpointFilter) {
        this(serviceName, serviceConnection, docUrl, fallbackUrl, collectionFilter, endpointFilter, SchemaFieldsMode.EXTENDED);
    }

    public MappingContext withSchemaFields(SchemaFieldsMode mode) {
        return new MappingContext(serviceName, serviceConnection, docUrl, fallbackUrl, collectionFilter, endpointFilter, mode);
    }
}
