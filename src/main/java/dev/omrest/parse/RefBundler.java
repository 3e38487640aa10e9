package dev.omrest.parse;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Brings the targets of external {@code $ref}s (other files, other URLs) into the document, so that the field
 * extraction sees one self-contained document:
 * <ul>
 *   <li>a reference in a schema position becomes a new entry of {@code components.schemas} ({@code definitions} in
 *       Swagger 2.0), named after the referenced schema (or file), and the reference points there; the same target
 *       is brought in once, so recursive schemas across files stay references;</li>
 *   <li>a reference to a parameter, request body, response, header or path item is replaced by a copy of its target;</li>
 *   <li>references inside a brought-in part are read relative to the file it came from.</li>
 * </ul>
 * Files are read through {@link ExternalDocuments}, with its limits; a reference that cannot be read stays as it is
 * and is reported by name.
 */
final class RefBundler {
    static final int MAX_INLINE_DEPTH = 32;
    static final int MAX_WARNINGS = 50;

    private final ObjectNode root;
    private final URI rootUri;
    private final boolean swagger2;
    private final ExternalDocuments documents;
    private final ObjectNode schemaSection;
    private final String schemaPrefix;
    private final Map<String, String> bundled = new HashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final Set<String> warned = new HashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private int suppressed;
    private boolean changed;

    private record Pending(JsonNode node, URI base) {
    }

    /**
     * A reference read relative to the document it is in: the document's absolute URI, its fragment as written and
     * the JSON pointer it names (null when the fragment is not one).
     */
    private record Target(URI document, String written, JsonPointer pointer, String text) {
        String key() {
            return document + "#" + fragment();
        }

        /** The fragment as a rewritten reference holds it: one form for every way of writing the same pointer. */
        String fragment() {
            return pointer == null ? written : RefPointers.fragment(pointer);
        }
    }

    RefBundler(ObjectNode root, URI rootUri, ExternalDocuments documents) {
        this.root = root;
        this.rootUri = rootUri == null ? null : withoutFragment(rootUri);
        this.swagger2 = root.hasNonNull("swagger");
        this.documents = documents;
        if (swagger2) {
            this.schemaSection = objectChild(root, "definitions");
            this.schemaPrefix = "#/definitions/";
        } else {
            this.schemaSection = objectChild(objectChild(root, "components"), "schemas");
            this.schemaPrefix = "#/components/schemas/";
        }
        schemaSection.fieldNames().forEachRemaining(usedNames::add);
    }

    /** A quick look: does the tree hold any {@code $ref} that is not a local {@code #…} one? */
    static boolean hasExternalRefs(JsonNode tree) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(tree);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.isObject()) {
                JsonNode ref = node.get("$ref");
                if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                    return true;
                }
            }
            if (node.isContainerNode()) {
                node.elements().forEachRemaining(child -> {
                    if (child.isContainerNode()) {
                        todo.push(child);
                    }
                });
            }
        }
        return false;
    }

    /** Rewrites the tree in place; true when anything was brought in or rewritten. */
    boolean run() {
        // components first, so that a component that is only a reference to another file takes that file's content
        JsonNode components = root.get("components");
        if (components != null && components.isObject()) {
            walk(components, OasTree.Kind.COMPONENTS, rootUri, 0, true);
        }
        if (swagger2) {
            walkSwagger2Definitions();
        }
        OasTree.forEachChild(root, OasTree.Kind.DOCUMENT, swagger2, (suffix, child, kind) -> {
            if (kind != OasTree.Kind.COMPONENTS && !(swagger2 && suffix.startsWith("/definitions/"))) {
                walk(child, kind, rootUri, 0, false);
            }
        });
        drain();
        if (schemaSection.isEmpty()) {
            removeEmptySection();
        }
        if (suppressed > 0) {
            warnings.add(suppressed + " more external references could not be read");
        }
        return changed;
    }

    List<String> warnings() {
        return warnings;
    }

    private void walkSwagger2Definitions() {
        walkComponentSchemas(schemaSection, rootUri);
    }

    /** The root's own component schemas (a snapshot: bringing schemas in adds entries to the same object). */
    private void walkComponentSchemas(JsonNode schemas, URI base) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        schemas.fields().forEachRemaining(entries::add);
        for (Map.Entry<String, JsonNode> entry : entries) {
            if (entry.getValue().isObject()) {
                componentSchema(entry.getKey(), (ObjectNode) entry.getValue(), base);
            }
        }
    }

    private void drain() {
        while (!pending.isEmpty()) {
            Pending next = pending.pop();
            walk(next.node(), OasTree.Kind.SCHEMA, next.base(), 0, false);
        }
    }

    private void walk(JsonNode node, OasTree.Kind kind, URI base, int depth, boolean rootComponents) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        JsonNode ref = object.get("$ref");
        if (ref != null && ref.isTextual()) {
            reference(object, ref.asText(), kind, base, depth);
            return;
        }
        if (rootComponents && kind == OasTree.Kind.COMPONENTS) {
            JsonNode schemas = object.get("schemas");
            if (schemas != null && schemas.isObject()) {
                walkComponentSchemas(schemas, base);
            }
            OasTree.forEachChild(object, kind, swagger2, (suffix, child, childKind) -> {
                if (!suffix.startsWith("/schemas/")) {
                    walk(child, childKind, base, depth, false);
                }
            });
            return;
        }
        OasTree.forEachChild(object, kind, swagger2, (suffix, child, childKind) -> walk(child, childKind, base, depth, false));
    }

    /** A root component schema that is only a reference to another file takes that file's content, under its own name. */
    private void componentSchema(String name, ObjectNode schema, URI base) {
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual() && !ref.asText().startsWith("#") && schema.size() == 1) {
            Target target = target(ref.asText(), base);
            if (target != null && !isRoot(target.document()) && !bundled.containsKey(target.key())) {
                JsonNode content = read(target);
                if (content != null && content.isObject()) {
                    bundled.put(target.key(), schemaPrefix + name);
                    schema.removeAll();
                    schema.setAll((ObjectNode) content.deepCopy());
                    changed = true;
                    pending.push(new Pending(schema, target.document()));
                    return;
                }
                if (content == null) {
                    return;
                }
            }
        }
        walk(schema, OasTree.Kind.SCHEMA, base, 0, false);
    }

    private void reference(ObjectNode holder, String ref, OasTree.Kind kind, URI base, int depth) {
        boolean inRoot = base == rootUri;
        if (ref.startsWith("#") && inRoot) {
            return;
        }
        Target target = target(ref, base);
        if (target == null) {
            return;
        }
        if (isRoot(target.document())) {
            holder.put("$ref", "#" + target.fragment());
            changed = true;
            return;
        }
        if (kind == OasTree.Kind.SCHEMA) {
            String local = bundleSchema(target);
            if (local != null) {
                holder.put("$ref", local);
                changed = true;
            } else if (!inRoot) {
                holder.put("$ref", target.key());
                changed = true;
            }
            return;
        }
        if (depth >= MAX_INLINE_DEPTH) {
            warn(target.text(), "External reference '" + target.text() + "' not followed: references nested deeper than "
                    + MAX_INLINE_DEPTH);
            return;
        }
        JsonNode content = read(target);
        if (content == null) {
            return;
        }
        if (!content.isObject()) {
            warn(target.text(), "External reference '" + target.text() + "' does not point at an object");
            return;
        }
        ObjectNode copy = content.deepCopy();
        walk(copy, kind, target.document(), depth + 1, false);
        holder.removeAll();
        holder.setAll(copy);
        changed = true;
    }

    private String bundleSchema(Target target) {
        String existing = bundled.get(target.key());
        if (existing != null) {
            return existing;
        }
        JsonNode content = read(target);
        if (content == null) {
            return null;
        }
        JsonNode copy;
        if (content.isObject()) {
            copy = content.deepCopy();
        } else if (content.isBoolean()) {
            copy = content;
        } else {
            warn(target.text(), "External reference '" + target.text() + "' does not point at a schema");
            return null;
        }
        String name = uniqueName(suggestedName(target));
        String local = schemaPrefix + name;
        bundled.put(target.key(), local);
        schemaSection.set(name, copy);
        if (copy.isObject()) {
            pending.push(new Pending(copy, target.document()));
        }
        return local;
    }

    /** The referenced node, or null (with a warning naming the reference) when it cannot be read. */
    private JsonNode read(Target target) {
        ExternalDocuments.Loaded loaded = documents.load(target.document(), rootUri);
        if (loaded.failure() != null) {
            warn(target.text(), "External reference '" + target.text() + "' could not be read: " + loaded.failure());
            return null;
        }
        if (target.pointer() == null) {
            warn(target.text(), "External reference '" + target.text() + "' has a fragment that is not a JSON pointer");
            return null;
        }
        JsonNode node = RefPointers.at(loaded.tree(), target.pointer());
        if (node == null) {
            warn(target.text(), "External reference '" + target.text() + "' could not be read: "
                    + target.pointer() + " is not in " + target.document());
        }
        return node;
    }

    private Target target(String ref, URI base) {
        int hash = ref.indexOf('#');
        String location = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : ref.substring(hash + 1);
        URI document;
        if (location.isEmpty()) {
            document = base;
        } else {
            try {
                URI uri = new URI(encodeIllegal(location));
                if (uri.isAbsolute()) {
                    document = uri;
                } else if (base == null) {
                    warn(ref, "External reference '" + ref + "' could not be read: the document's own location is unknown");
                    return null;
                } else {
                    document = base.resolve(uri);
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                warn(ref, "External reference '" + ref + "' could not be read: not a valid URI");
                return null;
            }
        }
        if (document == null) {
            warn(ref, "External reference '" + ref + "' could not be read: the document's own location is unknown");
            return null;
        }
        document = withoutFragment(document.normalize());
        Target target = new Target(document, fragment, RefPointers.of(fragment), ref);
        // a reference in another file is shown by the absolute form it is known by
        return base == rootUri ? target : new Target(document, fragment, target.pointer(), target.key());
    }

    private boolean isRoot(URI document) {
        return rootUri != null && rootUri.equals(document);
    }

    private String uniqueName(String suggested) {
        String name = suggested;
        for (int i = 2; usedNames.contains(name); i++) {
            name = suggested + "_" + i;
        }
        usedNames.add(name);
        return name;
    }

    private static String suggestedName(Target target) {
        String raw;
        if (target.pointer() != null && !target.pointer().matches()) {
            raw = target.pointer().last().getMatchingProperty();
        } else {
            String path = target.document().getPath() == null ? "" : target.document().getPath();
            raw = path.substring(path.lastIndexOf('/') + 1);
            int dot = raw.lastIndexOf('.');
            String extension = dot < 0 ? "" : raw.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (extension.equals("json") || extension.equals("yaml") || extension.equals("yml")) {
                raw = raw.substring(0, dot);
            }
        }
        String clean = raw.replaceAll("[^A-Za-z0-9._-]", "_");
        return clean.isEmpty() ? "External" : clean;
    }

    private void warn(String ref, String message) {
        if (!warned.add(ref)) {
            return;
        }
        if (warnings.size() < MAX_WARNINGS) {
            // a reference written with user info or a query may carry a credential: reports show it without
            warnings.add(message.replace(ref, dev.omrest.config.Redact.reference(ref)));
        } else {
            suppressed++;
        }
    }

    private void removeEmptySection() {
        if (swagger2) {
            if (root.get("definitions") == schemaSection) {
                root.remove("definitions");
            }
        } else {
            JsonNode components = root.get("components");
            if (components instanceof ObjectNode c && c.get("schemas") == schemaSection) {
                c.remove("schemas");
                if (c.isEmpty()) {
                    root.remove("components");
                }
            }
        }
    }

    private static ObjectNode objectChild(ObjectNode parent, String key) {
        JsonNode child = parent.get(key);
        if (child instanceof ObjectNode object) {
            return object;
        }
        if (child != null) {
            return JsonNodeFactory.instance.objectNode(); // malformed: leave it alone, bring nothing into it
        }
        return parent.putObject(key);
    }

    private static URI withoutFragment(URI uri) {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        String text = uri.toString();
        return URI.create(text.substring(0, text.indexOf('#')));
    }

    /** Spaces and other characters {@code java.net.URI} refuses, percent-encoded (refs are often written unencoded). */
    private static String encodeIllegal(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

}
