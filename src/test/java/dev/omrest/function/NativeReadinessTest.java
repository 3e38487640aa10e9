package dev.omrest.function;

import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What can be proven about the native image without building one (no GraalVM/Mandrel here): every type Jackson
 * binds is registered in {@link NativeReflection}, and spec parsing does not depend on {@code ServiceLoader}
 * (Quarkus builds native images with {@code -H:-UseServiceLoaderFeature}). The native binary itself is exercised
 * by .github/workflows/native.yml.
 */
class NativeReadinessTest {
    private static final RegisterForReflection REGISTRATION = NativeReflection.class.getAnnotation(RegisterForReflection.class);
    private static final Set<String> REGISTERED = registered();

    private static Set<String> registered() {
        Set<String> names = new TreeSet<>();
        Arrays.stream(REGISTRATION.targets()).map(Class::getName).forEach(names::add);
        names.addAll(List.of(REGISTRATION.classNames()));
        return names;
    }

    @Test
    void everyRecordWeSerialiseOrDeserialiseIsRegistered() throws Exception {
        Set<Class<?>> bound = new LinkedHashSet<>();
        for (String pkg : List.of("dev.omrest.report", "dev.omrest.openmetadata")) {
            for (Class<?> type : classesIn(NativeReflection.class, pkg)) {
                if (type.isRecord() || type.isEnum() || hasJacksonAnnotation(type)) {
                    bound.add(type);
                }
            }
        }
        for (Class<?> type : classesIn(NativeReflection.class, "dev.omrest.function")) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Funq.class)) {
                    collectOurs(method.getGenericReturnType(), bound);
                    Arrays.stream(method.getGenericParameterTypes()).forEach(t -> collectOurs(t, bound));
                }
            }
        }
        // the records' own components (IngestReport -> EntityCounts, Notice; CreateApiEndpoint -> ApiSchema -> SchemaField ...)
        Deque<Class<?>> queue = new ArrayDeque<>(bound);
        while (!queue.isEmpty()) {
            Class<?> type = queue.poll();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    Set<Class<?>> found = new LinkedHashSet<>();
                    collectOurs(component.getGenericType(), found);
                    found.stream().filter(bound::add).forEach(queue::add);
                }
            }
        }
        assertTrue(bound.stream().anyMatch(c -> c.getSimpleName().equals("IngestReport")), "the walk found nothing: " + bound);
        List<String> missing = bound.stream().map(Class::getName).filter(n -> !REGISTERED.contains(n)).sorted().toList();
        assertEquals(List.of(), missing, "add these to NativeReflection's targets");
    }

    @Test
    void everySwaggerModelClassIsRegistered() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : concat(
                classesIn(io.swagger.v3.oas.models.OpenAPI.class, "io.swagger.v3.oas.models"),
                classesIn(io.swagger.models.Swagger.class, "io.swagger.models"),
                classesIn(io.swagger.v3.core.util.Json.class, "io.swagger.v3.core.jackson.mixin"),
                classesIn(io.swagger.util.Json.class, "io.swagger.jackson.mixin"))) {
            if (!REGISTERED.contains(type.getName())) {
                missing.add(type.getName());
            }
        }
        assertEquals(List.of(), missing, "add these to NativeReflection (a swagger-parser upgrade adds model classes)");
    }

    @Test
    void everySwaggerTypeReachableFromTheDocumentRootsIsRegistered() {
        Set<Class<?>> reachable = new LinkedHashSet<>();
        Deque<Class<?>> queue = new ArrayDeque<>(List.of(io.swagger.v3.oas.models.OpenAPI.class, io.swagger.models.Swagger.class));
        while (!queue.isEmpty()) {
            Class<?> type = queue.poll();
            if (!type.getName().startsWith("io.swagger.") || !reachable.add(type)) {
                continue;
            }
            Set<Class<?>> next = new LinkedHashSet<>();
            if (type.getSuperclass() != null) {
                next.add(type.getSuperclass());
            }
            for (Method method : type.getMethods()) {
                boolean getter = method.getParameterCount() == 0 && (method.getName().startsWith("get") || method.getName().startsWith("is"));
                boolean setter = method.getParameterCount() == 1 && method.getName().startsWith("set");
                if (getter) {
                    collect(method.getGenericReturnType(), next);
                } else if (setter) {
                    collect(method.getGenericParameterTypes()[0], next);
                }
            }
            for (Field field : type.getFields()) {
                collect(field.getGenericType(), next);
            }
            queue.addAll(next);
        }
        assertTrue(reachable.size() > 50, "the walk found too little: " + reachable);
        List<String> missing = reachable.stream().map(Class::getName).filter(n -> !REGISTERED.contains(n)).sorted().toList();
        assertEquals(List.of(), missing, "reachable from OpenAPI/Swagger but not registered");
    }

    @Test
    void registrationsByNameStillNameClasses() {
        for (String name : REGISTRATION.classNames()) {
            try {
                Class.forName(name, false, NativeReflection.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(name + " is registered by name but no longer exists", e);
            }
        }
        assertTrue(REGISTRATION.methods() && REGISTRATION.fields(), "Jackson needs both constructors/accessors and fields");
    }

    @Test
    void specParsingNeedsNoServiceLoader() throws IOException {
        // OpenAPIParser finds the Swagger 2.0 converter through ServiceLoader (OpenAPIV3Parser.getExtensions()),
        // which a native image built by Quarkus does not have: a Swagger 2.0 spec would silently not convert.
        Pattern forbidden = Pattern.compile("\\bServiceLoader\\b|\\bOpenAPIParser\\b|\\bgetExtensions\\s*\\(|\\bClassGraph\\b|\\bReflections\\b");
        List<String> hits = new ArrayList<>();
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).replaceAll("//.*$", "");
                    if (!code.trim().startsWith("*") && forbidden.matcher(code).find()) {
                        hits.add(sources.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), hits, "src/main must not rely on ServiceLoader or classpath scanning");
        String parser = Files.readString(sources.resolve("dev/omrest/parse/SpecParser.java"));
        assertTrue(parser.contains("new SwaggerConverter()"), "SpecParser must call the Swagger 2.0 converter itself");
        assertFalse(parser.contains("readLocation("), "SpecParser must parse the tree it was given");
    }

    // ---------------------------------------------------------------- helpers

    @SafeVarargs
    private static List<Class<?>> concat(List<Class<?>>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }

    private static boolean hasJacksonAnnotation(Class<?> type) {
        Stream<Annotation> all = Stream.concat(Arrays.stream(type.getAnnotations()),
                type.isRecord() ? Arrays.stream(type.getRecordComponents()).flatMap(c -> Arrays.stream(c.getAnnotations())) : Stream.empty());
        return all.anyMatch(a -> a.annotationType().getName().startsWith("com.fasterxml.jackson."));
    }

    /** dev.omrest classes named by a type, including generic arguments (List&lt;Notice&gt; -> Notice). */
    private static void collectOurs(Type type, Set<Class<?>> into) {
        Set<Class<?>> all = new LinkedHashSet<>();
        collect(type, all);
        all.stream().filter(c -> c.getName().startsWith("dev.omrest.")).forEach(into::add);
    }

    private static void collect(Type type, Set<Class<?>> into) {
        if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (!element.isPrimitive()) {
                into.add(element);
            }
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), into);
            Arrays.stream(p.getActualTypeArguments()).forEach(t -> collect(t, into));
        } else if (type instanceof GenericArrayType g) {
            collect(g.getGenericComponentType(), into);
        } else if (type instanceof WildcardType w) {
            Arrays.stream(w.getUpperBounds()).forEach(t -> collect(t, into));
        }
    }

    /** Public, named classes of a package and its subpackages, from the directory or jar that holds {@code anchor}. */
    private static List<Class<?>> classesIn(Class<?> anchor, String pkg) throws IOException {
        Path location;
        try {
            location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String prefix = pkg.replace('.', '/') + "/";
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(location)) {
            Path root = location.resolve(prefix);
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.map(f -> location.relativize(f).toString().replace('\\', '/')).forEach(entries::add);
                }
            }
        } else {
            try (ZipFile zip = new ZipFile(location.toFile())) {
                zip.stream().map(e -> e.getName()).filter(n -> n.startsWith(prefix)).forEach(entries::add);
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.endsWith(".class") || entry.endsWith("package-info.class") || entry.endsWith("module-info.class")) {
                continue;
            }
            String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
            Class<?> type;
            try {
                type = Class.forName(name, false, anchor.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new AssertionError("cannot load " + name, e);
            }
            if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic() || type.isAnnotation()) {
                continue;
            }
            classes.add(type);
        }
        return classes;
    }
}
