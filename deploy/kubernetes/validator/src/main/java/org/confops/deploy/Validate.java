package org.confops.deploy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Validates one rendered overlay (a multi-document YAML file): every document against its schema, then the
 * deployment's policies. Prints each problem and a closing "N passed, N failed" line; exits 1 on any problem.
 *
 * <pre>Validate rendered.yaml repo-root min-replicas [known-bad.yaml...]</pre>
 * Known-bad files (variants of the rendered one with one rule broken each) must each be refused.
 */
public final class Validate {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<?>> STRIMZI = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class);
    private static final Set<String> SCHEMAS = Set.of(
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/ScheduledBackup",
            "k8s.keycloak.org/v2alpha1/Keycloak", "k8s.keycloak.org/v2alpha1/KeycloakRealmImport");
    private static final Map<String, String> SERVICE_PROPERTIES = Map.of(
            "catalog-service", "catalog-service/src/main/resources/application.properties",
            "checkin-service", "checkin-service/src/main/resources/application.properties",
            "bulk-purchase-service", "bulk-purchase-service/src/main/resources/application.properties",
            "gateway", "gateway/src/main/resources/application.properties");

    private final List<String> problems = new ArrayList<>();
    private int checks;
    final List<JsonNode> docs;
    private final Path root;
    private final int minReplicas;

    private Validate(List<JsonNode> docs, Path root, int minReplicas) {
        this.docs = docs;
        this.root = root;
        this.minReplicas = minReplicas;
    }

    public static void main(String[] args) throws Exception {
        Validate v = run(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]));
        v.problems.forEach(p -> System.out.println("FAIL " + p));
        System.out.printf("%s: %d documents, %d checks%n", args[0], v.docs.size(), v.checks);
        int refusedWrongly = 0;
        // any further files are known-bad variants: each must be refused (the checks can fail)
        for (int i = 3; i < args.length; i++) {
            Validate bad = run(Path.of(args[i]), Path.of(args[1]), Integer.parseInt(args[2]));
            if (bad.problems.isEmpty()) {
                refusedWrongly++;
                System.out.println("FAIL known-bad " + args[i] + " was not refused");
            } else {
                String why = bad.problems.get(0);
                System.out.println("   refused " + Path.of(args[i]).getFileName() + ": " + why.substring(0, Math.min(why.length(), 200)));
            }
        }
        int failed = v.problems.size() + refusedWrongly;
        System.out.printf("%d passed, %d failed%n", v.checks + args.length - 3 - failed, failed);
        System.exit(failed == 0 ? 0 : 1);
    }

    private static Validate run(Path rendered, Path root, int minReplicas) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(rendered.toFile())) {
            for (var it = new YAMLMapper().readValues(parser, JsonNode.class); it.hasNext();) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        Validate v = new Validate(docs, root, minReplicas);
        v.schemas();
        v.policies();
        return v;
    }

    private void check(boolean ok, String problem) {
        checks++;
        if (!ok) {
            problems.add(problem);
        }
    }

    private static String id(JsonNode doc) {
        return doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText();
    }

    private static String gvk(JsonNode doc) {
        return doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
    }

    // ---- schemas ---------------------------------------------------------------------------------------------

    private void schemas() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (JsonNode doc : docs) {
            String gvk = gvk(doc);
            try {
                Object typed;
                if (STRIMZI.containsKey(gvk)) {
                    typed = JSON.treeToValue(doc, STRIMZI.get(gvk));
                } else if (SCHEMAS.contains(gvk)) {
                    String file = "/schemas/" + gvk.replace('/', '_') + ".json";
                    JsonSchema schema;
                    try (var in = Validate.class.getResourceAsStream(file)) {
                        schema = factory.getSchema(JSON.readTree(in));
                    }
                    Set<ValidationMessage> errors = schema.validate(doc);
                    check(errors.isEmpty(), id(doc) + " does not match " + gvk + ": " + errors);
                    continue;
                } else {
                    typed = JSON.treeToValue(doc, KubernetesResource.class);
                    check(typed != null && !typed.getClass().getSimpleName().equals("GenericKubernetesResource"),
                            id(doc) + ": unknown kind " + gvk);
                }
                List<String> unknown = new ArrayList<>();
                unknownFields(typed, "", unknown, new IdentityHashMap<>());
                check(unknown.isEmpty(), id(doc) + " (" + gvk + ") has fields its schema does not know: " + unknown);
            } catch (IOException | IllegalArgumentException e) {
                check(false, id(doc) + " (" + gvk + ") does not match its model: " + e.getMessage());
            }
        }
    }

    /** The typed models keep what they do not know in additionalProperties: any entry there is a typo or a wrong level. */
    private static void unknownFields(Object o, String path, List<String> out, IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, out, seen));
            return;
        }
        String pkg = o.getClass().getPackageName();
        // fabric8's models of built-in kinds, of the Prometheus Operator's (io.fabric8.openshift.api.model.monitoring)
        // and Strimzi's
        if (!pkg.startsWith("io.fabric8.kubernetes.api") && !pkg.startsWith("io.fabric8.openshift.api")
                && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class || m.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            String field = path + "." + Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> out.add(path + "." + k));
                }
            } else if (!m.getName().equals("getMetadata") || !pkg.startsWith("io.strimzi")) {
                unknownFields(value, field, out, seen);
            }
        }
    }

    // ---- policies --------------------------------------------------------------------------------------------

    private List<JsonNode> ofKind(String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    private JsonNode named(String kind, String name) {
        return ofKind(kind).stream().filter(d -> d.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElse(null);
    }

    private void policies() throws IOException {
        List<JsonNode> deployments = ofKind("Deployment");
        check(deployments.size() == SERVICE_PROPERTIES.size(), "expected a Deployment per service, got " + deployments.size());
        for (String service : SERVICE_PROPERTIES.keySet()) {
            JsonNode d = named("Deployment", service);
            check(d != null, "no Deployment " + service);
            if (d != null) {
                deployment(service, d);
            }
        }
        topics();
        exposure();
        realm();
    }

    private void deployment(String service, JsonNode d) throws IOException {
        String id = "Deployment/" + service;
        JsonNode pod = d.path("spec").path("template").path("spec");
        JsonNode autoscaler = ofKind("HorizontalPodAutoscaler").stream()
                .filter(h -> h.at("/spec/scaleTargetRef/name").asText().equals(service)).findFirst().orElse(null);
        if (autoscaler == null) {
            check(d.path("spec").path("replicas").asInt(1) >= minReplicas, id + ": fewer than " + minReplicas + " replicas");
        } else {
            // the autoscaler owns the count: a replicas field would reset it at every apply
            check(d.path("spec").path("replicas").isMissingNode(), id + ": sets replicas although HorizontalPodAutoscaler/" + service + " scales it");
        }
        JsonNode psc = pod.path("securityContext");
        check(psc.path("runAsNonRoot").asBoolean(false), id + ": pod securityContext.runAsNonRoot is not true");
        check(psc.path("seccompProfile").path("type").asText().equals("RuntimeDefault"), id + ": seccompProfile is not RuntimeDefault");
        check(pod.path("terminationGracePeriodSeconds").asInt(0) > 0, id + ": no terminationGracePeriodSeconds");
        check(pod.path("containers").size() == 1, id + ": expected one container");
        JsonNode c = pod.path("containers").path(0);
        String image = c.path("image").asText();
        String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
        check(!tag.isEmpty() && !tag.equals("latest") && !tag.contains("/"), id + ": image " + image + " has no pinned tag");
        for (String probe : List.of("startupProbe:started", "readinessProbe:ready", "livenessProbe:live")) {
            String[] p = probe.split(":");
            check(c.path(p[0]).path("httpGet").path("path").asText().equals("/q/health/" + p[1]),
                    id + ": " + p[0] + " is not an HTTP check of /q/health/" + p[1]);
        }
        JsonNode res = c.path("resources");
        for (String r : List.of("limits/cpu", "limits/memory", "requests/cpu", "requests/memory")) {
            check(!res.at("/" + r).isMissingNode(), id + ": resources." + r.replace('/', '.') + " not set");
        }
        check(res.at("/limits/memory").asText().equals(res.at("/requests/memory").asText()),
                id + ": memory request and limit differ (the heap is sized to the limit)");
        JsonNode sc = c.path("securityContext");
        check(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean(),
                id + ": allowPrivilegeEscalation is not false");
        check(sc.path("readOnlyRootFilesystem").asBoolean(false), id + ": root filesystem is not read-only");
        check(sc.path("capabilities").path("drop").toString().contains("\"ALL\""), id + ": capabilities ALL not dropped");
        check(c.path("volumeMounts").toString().contains("\"/tmp\""), id + ": no writable /tmp");
        JsonNode ann = d.path("spec").path("template").path("metadata").path("annotations");
        check(ann.path("prometheus.io/scrape").asText().equals("true") && ann.path("prometheus.io/path").asText().equals("/q/metrics"),
                id + ": no Prometheus scrape annotations for /q/metrics");

        // every environment variable the service's configuration reads is set
        Set<String> set = new LinkedHashSet<>();
        c.path("env").forEach(e -> set.add(e.path("name").asText()));
        for (JsonNode from : c.path("envFrom")) {
            String cm = from.path("configMapRef").path("name").asText(null);
            if (cm != null) {
                JsonNode map = named("ConfigMap", cm);
                check(map != null, id + ": envFrom ConfigMap " + cm + " is not in the manifests");
                if (map != null) {
                    map.path("data").fieldNames().forEachRemaining(set::add);
                }
            }
        }
        String props = Files.readString(root.resolve(SERVICE_PROPERTIES.get(service)));
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(props);
        Set<String> read = new TreeSet<>();
        while (m.find()) {
            read.add(m.group(1));
        }
        for (String var : read) {
            check(set.contains(var), id + ": environment variable " + var + " (read by " + SERVICE_PROPERTIES.get(service) + ") is not set");
        }
        for (JsonNode e : c.path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                String secret = ref.path("name").asText();
                boolean generated = secret.endsWith("-app") && named("Cluster", secret.replaceAll("-app$", "")) != null;
                // a Secret the operator creates must be described, with that key, in secrets.example.yaml
                boolean described = exampleSecretKeys(secret).contains(ref.path("key").asText());
                check(generated || described, id + ": " + e.path("name").asText() + " refers to Secret " + secret
                        + " that no CloudNativePG Cluster generates and secrets.example.yaml does not describe");
            }
        }
        ownDatabase(service, c);
        check(ofKind("Service").stream().anyMatch(s -> s.path("spec").path("selector").path("app.kubernetes.io/name").asText().equals(service)),
                id + ": no Service selects it");
        check(ofKind("PodDisruptionBudget").stream().anyMatch(s -> s.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText().equals(service)),
                id + ": no PodDisruptionBudget");
        check(ofKind("NetworkPolicy").stream().anyMatch(s -> s.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText().equals(service)),
                id + ": no NetworkPolicy of its own");
        if (service.equals("checkin-service") || service.equals("gateway")) {
            JsonNode hpa = named("HorizontalPodAutoscaler", service);
            check(hpa != null, id + ": no HorizontalPodAutoscaler");
            if (hpa != null) {
                check(hpa.path("spec").path("minReplicas").asInt(1) >= minReplicas, "HorizontalPodAutoscaler/" + service + ": minReplicas below " + minReplicas);
            }
        }
    }

    /** The keys of the Secret named {@code name} in secrets.example.yaml (the Secrets the operator creates). */
    private Set<String> exampleSecretKeys(String name) {
        Set<String> keys = new TreeSet<>();
        Path examples = root.resolve("deploy/kubernetes/secrets.example.yaml");
        try (var parser = new YAMLFactory().createParser(examples.toFile())) {
            for (var it = new YAMLMapper().readValues(parser, JsonNode.class); it.hasNext();) {
                JsonNode doc = it.next();
                if (doc != null && doc.path("kind").asText().equals("Secret")
                        && doc.path("metadata").path("name").asText().equals(name)) {
                    doc.path("stringData").fieldNames().forEachRemaining(keys::add);
                    doc.path("data").fieldNames().forEachRemaining(keys::add);
                }
            }
        } catch (IOException e) {
            check(false, "secrets.example.yaml is unreadable: " + e.getMessage());
        }
        return keys;
    }

    /** A service's database is its own: DB_URL, its credentials and its NetworkPolicy all name one Cluster. */
    private void ownDatabase(String service, JsonNode container) {
        String url = null;
        Set<String> secrets = new TreeSet<>();
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals("DB_URL")) {
                url = e.path("value").asText();
            }
            String ref = e.path("valueFrom").path("secretKeyRef").path("name").asText(null);
            // the database credentials (DB_USER, DB_PASSWORD); other secrets (e.g. BADGE_KEY_SECRET) are not the database's
            if (ref != null && e.path("name").asText().startsWith("DB_")) {
                secrets.add(ref.replaceAll("-app$", ""));
            }
        }
        Set<String> allowed = new TreeSet<>();
        JsonNode policy = ofKind("NetworkPolicy").stream()
                .filter(n -> n.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText().equals(service))
                .findFirst().orElse(null);
        if (policy != null) {
            for (JsonNode rule : policy.path("spec").path("egress")) {
                for (JsonNode to : rule.path("to")) {
                    String cluster = to.path("podSelector").path("matchLabels").path("cnpg.io/cluster").asText(null);
                    if (cluster != null) {
                        allowed.add(cluster);
                    }
                }
            }
        }
        if (url == null) {
            check(secrets.isEmpty() && allowed.isEmpty(), "Deployment/" + service + ": reaches a database without a DB_URL");
            return;
        }
        Matcher m = Pattern.compile("^jdbc:postgresql://([a-z0-9-]+)-rw(?:\\.[a-z0-9.-]+)?:5432/(\\w+)$").matcher(url);
        check(m.matches(), "Deployment/" + service + ": DB_URL " + url + " is not a CloudNativePG -rw service");
        if (!m.matches()) {
            return;
        }
        String cluster = m.group(1);
        JsonNode c = named("Cluster", cluster);
        check(c != null, "Deployment/" + service + ": DB_URL names Cluster " + cluster + ", which is not declared");
        check(c == null || c.at("/spec/bootstrap/initdb/database").asText().equals(m.group(2)),
                "Deployment/" + service + ": database " + m.group(2) + " is not the one Cluster " + cluster + " creates");
        check(secrets.equals(Set.of(cluster)), "Deployment/" + service + ": credentials " + secrets + " are not Cluster " + cluster + "'s");
        check(allowed.equals(Set.of(cluster)), "NetworkPolicy/" + service + ": lets it reach databases " + allowed + ", not just its own " + cluster);
        long owners = docs.stream().filter(d -> d.path("kind").asText().equals("Deployment"))
                .filter(d -> d.toString().contains("\"jdbc:postgresql://" + cluster + "-rw")).count();
        check(owners == 1, "Cluster " + cluster + " is used by " + owners + " Deployments; each service owns its database");
    }

    private void topics() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (JsonNode t : ofKind("KafkaTopic")) {
            declared.add(t.path("spec").path("topicName").asText(t.path("metadata").path("name").asText()));
        }
        Set<String> used = new TreeSet<>();
        Set<String> consumed = new TreeSet<>();
        for (String file : SERVICE_PROPERTIES.values()) {
            Matcher m = Pattern.compile("(?m)^mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.topic=(\\S+)")
                    .matcher(Files.readString(root.resolve(file)));
            while (m.find()) {
                used.add(m.group(2));
                if (m.group(1).equals("incoming")) {
                    consumed.add(m.group(2));
                }
            }
        }
        // the outbox relays name topics per record: the event contract's table says which
        Matcher m = Pattern.compile("(?m)^\\| `([a-z.-]+)` \\| `").matcher(Files.readString(root.resolve("contracts/events.md")));
        while (m.find()) {
            used.add(m.group(1));
        }
        consumed.forEach(t -> used.add(t + ".dlq"));
        for (String topic : used) {
            check(declared.contains(topic), "topic " + topic + " is used but no KafkaTopic declares it");
        }
        check(!used.isEmpty(), "no topics found in the services' configuration");
    }

    private void exposure() {
        List<JsonNode> ingresses = ofKind("Ingress");
        check(ingresses.size() == 1, "expected exactly one Ingress (the gateway's), got " + ingresses.size());
        for (JsonNode i : ingresses) {
            for (JsonNode rule : i.path("spec").path("rules")) {
                for (JsonNode p : rule.path("http").path("paths")) {
                    check(p.path("backend").path("service").path("name").asText().equals("gateway"), id(i) + ": routes to something other than the gateway");
                }
            }
            check(i.path("spec").path("tls").path(0).path("secretName").isTextual(), id(i) + ": no TLS secret");
        }
        for (JsonNode s : ofKind("Service")) {
            String type = s.path("spec").path("type").asText("ClusterIP");
            check(type.equals("ClusterIP"), id(s) + ": type " + type + " exposes it outside the cluster");
        }
        check(ofKind("NetworkPolicy").stream().anyMatch(n -> n.path("spec").path("podSelector").isEmpty()
                && n.path("spec").path("ingress").isMissingNode() && n.path("spec").path("egress").isMissingNode()
                && n.path("spec").path("policyTypes").size() == 2), "no default-deny NetworkPolicy");
    }

    private void realm() {
        List<JsonNode> imports = ofKind("KeycloakRealmImport");
        check(imports.size() == 1, "expected one KeycloakRealmImport");
        JsonNode keycloak = named("Keycloak", "keycloak");
        check(keycloak != null, "no Keycloak resource");
        for (JsonNode imp : imports) {
            JsonNode realm = imp.path("spec").path("realm");
            try {
                STRICT.treeToValue(realm, RealmRepresentation.class);
                check(true, "");
            } catch (IOException e) {
                check(false, id(imp) + ": realm is not a valid Keycloak RealmRepresentation: " + e.getMessage());
            }
            check(realm.path("users").isMissingNode() || realm.path("users").isEmpty(), id(imp) + ": the production realm has users");
            String ingressHost = ofKind("Ingress").isEmpty() ? "" : ofKind("Ingress").get(0).at("/spec/rules/0/host").asText();
            for (JsonNode client : realm.path("clients")) {
                String cid = id(imp) + " client " + client.path("clientId").asText();
                List<String> urls = new ArrayList<>();
                client.path("redirectUris").forEach(u -> urls.add(u.asText()));
                client.path("webOrigins").forEach(u -> urls.add(u.asText()));
                String logout = client.path("attributes").path("post.logout.redirect.uris").asText(null);
                if (logout != null) {
                    urls.add(logout);
                }
                for (String url : urls) {
                    check(!url.contains("*") && !url.equals("+") && url.startsWith("https://"), cid + ": " + url + " is not an exact https URL");
                    check(URI.create(url).getHost().equals(ingressHost), cid + ": " + url + " is not on the gateway's host " + ingressHost);
                }
                check(!client.path("directAccessGrantsEnabled").asBoolean(true), cid + ": password grant enabled");
            }
            if (keycloak != null) {
                String kcHost = keycloak.at("/spec/hostname/hostname").asText();
                JsonNode gw = named("ConfigMap", "gateway");
                check(gw != null && gw.path("data").path("SCANNER_OIDC_AUTHORITY").asText().equals(kcHost + "/realms/" + realm.path("realm").asText()),
                        "ConfigMap/gateway: SCANNER_OIDC_AUTHORITY is not the Keycloak hostname's realm " + kcHost);
                check(gw != null && gw.path("data").path("CORS_ORIGINS").asText().equals("https://" + ingressHost),
                        "ConfigMap/gateway: CORS_ORIGINS is not https://" + ingressHost);
            }
        }
    }
}
