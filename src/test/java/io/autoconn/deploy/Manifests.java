package io.autoconn.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The Kubernetes manifests under {@code deploy/k8s}, parsed as a user's {@code kubectl} would read them. */
final class Manifests {
    static final Path DIR = Path.of("deploy", "k8s");

    /** One document of one file. */
    record Resource(String file, Map<String, Object> body) {
        String kind() {
            return (String) body.get("kind");
        }

        String name() {
            return Manifests.string(body, "metadata", "name");
        }
    }

    private final List<Resource> resources;

    private Manifests(List<Resource> resources) {
        this.resources = resources;
    }

    /** Every document of every {@code *.yaml} file, the kustomization included. */
    static Manifests load() {
        List<Resource> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    for (Object document : new Yaml().loadAll(reader)) {
                        all.add(new Resource(file.getFileName().toString(), map(document)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(all);
    }

    List<Resource> all() {
        return resources;
    }

    List<Resource> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.kind())).toList();
    }

    /** The only resource of this kind; the manifests describe one application. */
    Resource one(String kind) {
        List<Resource> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " in " + DIR + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The value at {@code path} (map keys) below {@code node}; an AssertionError names a missing step. */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            Object next = map(current).get(key);
            if (next == null) {
                throw new AssertionError("no '" + key + "' in " + current);
            }
            current = next;
        }
        return current;
    }

    static Map<String, Object> map(Object node, String... path) {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) (path.length == 0 ? node : at(node, path));
        return result;
    }

    static List<Map<String, Object>> list(Object node, String... path) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> result = (List<Map<String, Object>>) at(node, path);
        return result;
    }

    static List<String> strings(Object node, String... path) {
        return ((List<?>) at(node, path)).stream().map(String::valueOf).toList();
    }

    static String string(Object node, String... path) {
        return String.valueOf(at(node, path));
    }

    static int integer(Object node, String... path) {
        return ((Number) at(node, path)).intValue();
    }
}
