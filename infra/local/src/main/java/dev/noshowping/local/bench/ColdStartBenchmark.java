package dev.noshowping.local.bench;

import dev.noshowping.local.LocalStack;
import dev.noshowping.local.SamTemplate;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./bench.sh cold-start [-r runs]}: every function of template.yaml started cold, as Lambda's
 * Java 21 runtime does (a fresh JVM, C1 only, the serial collector, the heap of its memory size), from
 * its deployment jar, answering its first sample event of events/README.md against the local stack;
 * and a hello-world handler beside them. Each is timed from process start to answer R times (3) as
 * is, with an AppCDS archive made by a training run of the same event, and, where the JDK has it
 * (25+), with an AOT cache; the median of each is printed with classes loaded and heap used.
 */
public final class ColdStartBenchmark {

    /**
     * What the Lambda java21 runtime starts a function's JVM with (besides the heap); the JDK's own
     * class-data archive is used as by default ({@code -Xshare:auto}, not written: the AOT cache
     * options refuse any {@code -Xshare}).
     */
    static final List<String> LAMBDA_JVM = List.of("-XX:+UseSerialGC", "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1");
    static final double GOAL = 0.5;
    static final String HELLO = "hello-world";
    static final String MIGRATE = "MigrateFunction";
    private static final Pattern SAMPLE = Pattern.compile("^\\| `([^`]+\\.json)` \\| (\\w+) \\|", Pattern.MULTILINE);
    private static final Pattern FIGURES = Pattern.compile(
            "init=([0-9.]+) invoke=([0-9.]+) uptime=(\\d+) classes=(\\d+) heap=(\\d+) response=(\\d+) answer=(.+)$");

    /** One start: wall time from process start to the answer line, and what the probe printed. */
    record Start(double wallMs, double initMs, double invokeMs, int classes, long heapBytes, String answer) {
    }

    /** A row's first answer with each archive as a share of the plain start's; NaN for no AOT cache. */
    record Ratios(double withCds, double withAot) {
    }

    /** A function to start: its id, handler, class path and sample event. */
    record Subject(String id, String handler, List<Path> classPath, Path event, int memoryMb) {
    }

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int runs = new BenchOptions("./bench.sh cold-start").option("-r", "runs", 3, 1).parse(args).get("-r");
        BenchStack.run("cold-start", (stack, dir) -> {
            Path root = Path.of(System.getProperty("noshowping.repo.root", ".")).toAbsolutePath().normalize();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            int javaMajor = Runtime.version().feature();
            @SuppressWarnings("unchecked")
            Map<String, String> stackEnv = (Map<String, String>) stack.describe().get("functionEnvironment");
            @SuppressWarnings("unchecked")
            Map<String, Object> database = (Map<String, Object>) stack.describe().get("database");
            ColdStartDatabases databases = new ColdStartDatabases(String.valueOf(database.get("jdbcUrl")),
                    String.valueOf(database.get("user")), String.valueOf(database.get("password")));
            Map<String, String> env = withDatabase(stackEnv, ColdStartDatabases.COPY);
            List<Subject> subjects = subjects(root, stack.template(), dir);
            seed(java, subjects, databases, migrateEnvironment(stack, stackEnv), root);
            Path archives = Files.createDirectories(dir.resolve("archives"));

            System.out.printf("%d runs each, median; JVM %s %s; %s%n", runs, Runtime.version(), String.join(" ", LAMBDA_JVM),
                    javaMajor >= 25 ? "AOT cache: yes" : "AOT cache: no (JDK < 25)");
            System.out.printf("%-28s %6s %7s %8s %9s %9s %9s %6s %9s %6s  %-10s %s%n", "function", "classes", "heap MB",
                    "init ms", "invoke ms", "first ms", "CDS ms", "×", "AOT ms", "×", "answer", "event");
            List<Ratios> ratios = new ArrayList<>();
            for (Subject s : subjects) {
                try {
                    String seed = ColdStartSeeds.of(s.id());
                    Runnable fresh = s.id().equals(HELLO) ? () -> { } : () -> databases.copy(seed, ColdStartDatabases.COPY);
                    Ratios r = measure(java, s, s.id().equals(MIGRATE) ? migrateEnvironment(stack, env) : env, fresh,
                            runs, archives, javaMajor, root);
                    if (!s.id().equals(HELLO)) {
                        ratios.add(r);
                    }
                } catch (IllegalStateException e) {
                    System.out.printf("%-28s failed: %s%n", s.id(), e.getMessage().lines().findFirst().orElse(""));
                }
            }
            System.out.println(verdict(ratios, javaMajor >= 25));
            System.out.println("first ms: process start to the first answer (JVM start, class loading, constructor, "
                    + "event decoding, the invocation, the answer encoded); init ms: the handler's class loaded and "
                    + "constructed (a typed handler's event decoded by the runtime's serializer); invoke ms: the first "
                    + "invocation and its answer encoded (a stream handler reads the event's bytes in it); "
                    + "×: with the archive ÷ without (goal ≤ 0.5); answer: the HTTP status, a batch's failed records, "
                    + "or ok, of every start (each answers against a fresh copy of its seed database)");
        });
    }

    /**
     * The seed databases (see {@link ColdStartSeeds}): the empty one migrated by MigrateFunction's own
     * start, the catalogue a copy of it with its rows. Not timed.
     */
    private static void seed(Path java, List<Subject> subjects, ColdStartDatabases databases, Map<String, String> migrateEnv,
                             Path root) throws IOException, InterruptedException, SQLException {
        databases.copy("template1", ColdStartDatabases.EMPTY);
        Subject migrate = subjects.stream().filter(s -> s.id().equals(MIGRATE)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + MIGRATE + " to migrate the seed databases"));
        expect(start(java, migrate, withDatabase(migrateEnv, ColdStartDatabases.EMPTY), List.of()), "ok", MIGRATE);
        databases.copy(ColdStartDatabases.EMPTY, ColdStartSeeds.CATALOGUE);
        ColdStartSeeds.fillCatalogue(databases.dataSource(ColdStartSeeds.CATALOGUE), root);
    }

    private static void expect(Start start, String answer, String what) {
        if (!start.answer().equals(answer)) {
            throw new IllegalStateException(what + " answered " + start.answer() + " while seeding, not " + answer);
        }
    }

    private static Map<String, String> withDatabase(Map<String, String> env, String database) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put("DATABASE_URL", ColdStartDatabases.withDatabase(env.get("DATABASE_URL"), database));
        return copy;
    }

    /** MigrateFunction logs in as the owner and (re)makes the application role: the others do neither. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> migrateEnvironment(LocalStack stack, Map<String, String> env) {
        Map<String, Object> database = (Map<String, Object>) stack.describe().get("database");
        Map<String, String> migrate = new LinkedHashMap<>(env);
        migrate.put("DATABASE_USER", String.valueOf(database.get("user")));
        migrate.put("DATABASE_PASSWORD", String.valueOf(database.get("password")));
        migrate.put("DATABASE_APP_USER", String.valueOf(database.get("appUser")));
        migrate.put("DATABASE_APP_PASSWORD", String.valueOf(database.get("appPassword")));
        return migrate;
    }

    /**
     * The goal's line. The archive a build makes is the AOT cache where the JDK has one and AppCDS
     * where it does not (a JDK 21, as Lambda's runtime), so both counts are printed.
     */
    static String verdict(List<Ratios> ratios, boolean aotCache) {
        long cds = ratios.stream().filter(r -> r.withCds() <= GOAL).count();
        if (!aotCache) {
            return "goal ≤ " + GOAL + " × with the archive this JDK makes (AppCDS): " + cds + " of " + ratios.size()
                    + " functions";
        }
        long aot = ratios.stream().filter(r -> r.withAot() <= GOAL).count();
        return "goal ≤ " + GOAL + " × with the archive this JDK makes (the AOT cache): " + aot + " of " + ratios.size()
                + " functions; with AppCDS (the archive a JDK 21 makes): " + cds + " of " + ratios.size();
    }

    /** One function's row: R starts as is, then with each archive its training start made. */
    private static Ratios measure(Path java, Subject s, Map<String, String> env, Runnable fresh, int runs,
                                  Path archives, int javaMajor, Path root) throws IOException, InterruptedException {
        List<Start> all = new ArrayList<>();
        List<Start> plain = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            fresh.run();
            plain.add(start(java, s, env, List.of()));
        }
        Path jsa = archives.resolve(s.id() + ".jsa");
        fresh.run();
        all.add(start(java, s, env, List.of("-XX:ArchiveClassesAtExit=" + jsa)));
        List<Start> cds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            // -Xshare:on: an archive the JVM cannot use is an error, not a silent plain start
            fresh.run();
            cds.add(start(java, s, env, List.of("-Xshare:on", "-XX:SharedArchiveFile=" + jsa)));
        }
        List<Start> aot = new ArrayList<>();
        if (javaMajor >= 25) {
            Path cache = archives.resolve(s.id() + ".aot");
            fresh.run();
            all.add(start(java, s, env, List.of("-XX:AOTCacheOutput=" + cache)));
            for (int i = 0; i < runs; i++) {
                fresh.run();
                aot.add(start(java, s, env, List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache)));
            }
        }
        all.addAll(plain);
        all.addAll(cds);
        all.addAll(aot);
        // the same answer from every start, or the row says it measured more than one path
        String answers = String.join("/", all.stream().map(Start::answer).distinct().toList());
        double wall = median(plain, Start::wallMs);
        double withCds = median(cds, Start::wallMs);
        double withAot = aot.isEmpty() ? Double.NaN : median(aot, Start::wallMs);
        System.out.printf("%-28s %6d %7.1f %8.0f %9.0f %9.0f %9.0f %6.2f %9.0f %6.2f  %-10s %s%n", s.id(),
                plain.getFirst().classes(), plain.getFirst().heapBytes() / 1048576.0, median(plain, Start::initMs),
                median(plain, Start::invokeMs), wall, withCds, withCds / wall, withAot, withAot / wall, answers,
                s.event().startsWith(root) ? root.relativize(s.event()) : "{}");
        return new Ratios(withCds / wall, withAot / wall);
    }

    /** Every function with a deployment jar and a sample event, then the hello-world handler. */
    static List<Subject> subjects(Path root, SamTemplate template, Path dir) throws IOException {
        Map<String, Path> events = new LinkedHashMap<>();
        Matcher m = SAMPLE.matcher(Files.readString(root.resolve("events/README.md")));
        while (m.find()) {
            events.putIfAbsent(m.group(2), root.resolve("events").resolve(m.group(1)));
        }
        Path serialization = libJar(root, "aws-lambda-java-serialization-");
        Path probe = probeJar(root, dir);
        List<Subject> out = new ArrayList<>();
        for (SamTemplate.Function f : template.functions().values()) {
            Path jar = root.resolve(f.codeUri());
            Path event = events.get(f.logicalId());
            if (!Files.isRegularFile(jar) || event == null) {
                System.out.printf("skipped %s: %s%n", f.logicalId(), event == null ? "no sample event" : "no " + jar);
                continue;
            }
            out.add(new Subject(f.logicalId(), f.handler(), List.of(jar, serialization, probe), event, f.memoryMb()));
        }
        Path empty = Files.writeString(dir.resolve("hello-event.json"), "{}");
        out.add(new Subject(HELLO, ColdStartProbe.Hello.class.getName(),
                List.of(libJar(root, "aws-lambda-java-core-"), serialization, probe), empty, 512));
        return out;
    }

    private static Path libJar(Path root, String prefix) throws IOException {
        try (var files = Files.list(root.resolve("infra/system/target/lib"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar in infra/system/target/lib"));
        }
    }

    /** The probe's classes alone, in a jar: class-data archives take jars only, not directories. */
    private static Path probeJar(Path root, Path dir) throws IOException {
        Path classes = root.resolve("infra/local/target/classes");
        String prefix = ColdStartProbe.class.getName().replace('.', '/');
        Path jar = dir.resolve("cold-start-probe.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var files = Files.walk(classes.resolve(prefix).getParent())) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("ColdStartProbe")).toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    static Start start(Path java, Subject s, Map<String, String> env, List<String> extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(LAMBDA_JVM);
        // the runtime gives the heap most of the function's memory
        command.add("-Xmx" + (s.memoryMb() * 85 / 100) + "m");
        command.addAll(extra);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, s.classPath().stream().map(Path::toString).toList()),
                ColdStartProbe.class.getName(), s.handler(), s.event().toString(), s.id()));
        Path errors = Files.createTempFile("cold-start-" + s.id() + "-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        long begin = System.nanoTime();
        Process process = builder.start();
        String line = null;
        StringBuilder printed = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = out.readLine()) != null; ) {
                if (l.startsWith("init=")) {
                    line = l;
                    break;
                }
                printed.append(l).append('\n');
            }
        }
        double wall = (System.nanoTime() - begin) / 1e6;
        int exit = process.waitFor();
        Matcher f = line == null ? null : FIGURES.matcher(line);
        if (f == null || !f.find()) {
            String said = printed + Files.readString(errors);
            throw new IllegalStateException(s.id() + " " + extra + " gave no figures (exit " + exit + "): "
                    + said.substring(Math.max(0, said.length() - 2000)));
        }
        Files.delete(errors);
        return new Start(wall, Double.parseDouble(f.group(1)), Double.parseDouble(f.group(2)),
                Integer.parseInt(f.group(4)), Long.parseLong(f.group(5)), f.group(7));
    }

    private static double median(List<Start> starts, java.util.function.ToDoubleFunction<Start> value) {
        double[] v = starts.stream().mapToDouble(value).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
