package io.zohosync.bootstrap.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.zohosync.adapters.postgres.DatabaseSettings;
import io.zohosync.adapters.postgres.testing.PostgresFixture;
import io.zohosync.bootstrap.TestEnvironment;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Issue 14, goals 1 and 5: {@code POST /api/v1/customers} against the packaged jar started as a child process
 * (as a user starts it, with the documented JVM flags), next to pgbench's single-row insert rate on the same
 * database at the same concurrency, run in the same process. Each round starts the jar afresh against the
 * already-migrated database, so it also gives the time from spawn to {@code /health/ready} answering 200 and the
 * resident memory the load drives the service to ({@code VmHWM} of {@code /proc/<pid>/status}).
 *
 * <p>Every figure is the median of {@value #ROUNDS} rounds. Run alone with {@code java -cp <test classpath>
 * io.zohosync.bootstrap.bench.IngestBench} (the jar from {@code -Dzsync.jar}, by default
 * {@code bootstrap/target/zoho-sync.jar}).
 */
public final class IngestBench {

    static final int CONCURRENCY = 32;
    private static final int ROUNDS = 3;
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: ([0-9]+)");
    /**
     * The JVM flags README's run command gives the service (issue 14, goal 5), besides the start-up class archive the
     * build records next to the jar ({@link #ARCHIVE_FLAG}).
     */
    static final List<String> SERVICE_FLAGS =
            List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Xss512k");

    private static final String ARCHIVE_FLAG = "-XX:SharedArchiveFile=";

    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            if (Integer.getInteger("bench.attach") != null) {
                attach(vertx, Integer.getInteger("bench.attach"), Integer.getInteger("bench.ingestSeconds", 10));
                return;
            }
            List<String> report = new ArrayList<>();
            measure(vertx, report);
            Path out = Path.of(System.getProperty("bench.report", "ingest-report.md"));
            Files.write(out, report);
            report.forEach(IngestBench::print);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /** Development aid: drives a service already listening on {@code port} (profile it meanwhile). */
    private static void attach(Vertx vertx, int port, int seconds) throws Exception {
        HttpClient http = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(256).setMaxWaitQueueSize(-1));
        String prefix = "attach-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        AtomicLong ids = new AtomicLong();
        print(String.format(
                Locale.ROOT, "%.0f req/s", closedLoop(seconds, i -> post(http, prefix + ids.incrementAndGet()))));
    }

    static void measure(Vertx vertx, List<String> report) throws Exception {
        int seconds = Integer.getInteger("bench.ingestSeconds", 10);
        DatabaseSettings db = PostgresFixture.shared().newDatabase();
        Optional<Path> pgbench = onPath("pgbench");
        double[] tps = new double[ROUNDS];
        double[] pgbenchDb = new double[ROUNDS];
        double[] pgbenchClient = new double[ROUNDS];
        if (pgbench.isPresent()) {
            for (int r = 0; r < ROUNDS; r++) {
                Pgbench round = pgbench(pgbench.get(), db, seconds, SINGLE_ROW, false);
                tps[r] = round.tps();
                pgbenchDb[r] = round.dbCpu();
                pgbenchClient[r] = round.clientCpu();
                print("pgbench round " + (r + 1) + ": " + Math.round(tps[r]) + " tps");
            }
        }
        double baseline = pgbench.isPresent() ? median(tps) : Double.NaN;

        ZohoSandbox zoho = ZohoSandbox.start(vertx, SandboxOptions.defaults()).await(30, TimeUnit.SECONDS);
        List<String> flags = flags();
        double[] rate = new double[ROUNDS];
        double[] p99Half = new double[ROUNDS];
        double[] p99Own = new double[ROUNDS];
        double[] ready = new double[ROUNDS];
        double[] rss = new double[ROUNDS];
        double[] serviceCpu = new double[ROUNDS];
        double[] loadCpu = new double[ROUNDS];
        double[] dbCpu = new double[ROUNDS];
        double[] sameTps = new double[ROUNDS];
        double[] sameDb = new double[ROUNDS];
        double[] sameClient = new double[ROUNDS];
        String run = UUID.randomUUID().toString().substring(0, 8);
        try {
            // the first start is not timed: it finds the schema current, as every later start does
            try (Service warm = Service.start(flags, db, zoho)) {
                warm.awaitReady();
            }
            // the intake's own writes, now that the schema is there
            if (pgbench.isPresent()) {
                for (int r = 0; r < ROUNDS; r++) {
                    Pgbench round = pgbench(pgbench.get(), db, seconds, SAME_WRITES, true);
                    sameTps[r] = round.tps();
                    sameDb[r] = round.dbCpu();
                    sameClient[r] = round.clientCpu();
                    print("pgbench (the intake's writes) round " + (r + 1) + ": " + Math.round(sameTps[r]) + " tps");
                }
            }
            for (int r = 0; r < ROUNDS; r++) {
                try (Service service = Service.start(flags, db, zoho)) {
                    ready[r] = service.awaitReady().toMillis();
                    HttpClient http = vertx.createHttpClient(
                            new HttpClientOptions()
                                    .setDefaultHost("127.0.0.1")
                                    .setDefaultPort(service.port)
                                    .setKeepAlive(true),
                            new PoolOptions().setHttp1MaxSize(256).setMaxWaitQueueSize(-1));
                    String prefix = "ingest-" + run + "-" + r + "-";
                    AtomicLong ids = new AtomicLong();
                    LongFunction<Future<Integer>> post = i -> post(http, prefix + ids.incrementAndGet());
                    closedLoop(3, post); // warm-up: the JIT, the pool's connections
                    Optional<Long> service0 = CpuTime.of(service.process.pid());
                    Optional<Long> load0 = CpuTime.of(ProcessHandle.current().pid());
                    Optional<Long> db0 = CpuTime.postgres();
                    long started = System.nanoTime();
                    rate[r] = closedLoop(seconds, post);
                    double requests = rate[r] * (System.nanoTime() - started) / 1e9;
                    serviceCpu[r] = perOperation(service0, CpuTime.of(service.process.pid()), requests);
                    loadCpu[r] = perOperation(
                            load0, CpuTime.of(ProcessHandle.current().pid()), requests);
                    dbCpu[r] = perOperation(db0, CpuTime.postgres(), requests);
                    double target = pgbench.isPresent() ? baseline / 2 : rate[r] / 2;
                    p99Half[r] = openLoop(vertx, target, Math.max(5, seconds / 2), post);
                    p99Own[r] = openLoop(vertx, rate[r] / 2, Math.max(5, seconds / 2), post);
                    rss[r] = service.peakRssMb();
                    http.close().await(10, TimeUnit.SECONDS);
                    print(String.format(
                            Locale.ROOT,
                            "ingest round %d: %.0f req/s, p99 %.1f ms at %.0f req/s, p99 %.1f ms at %.0f req/s,"
                                    + " ready %.0f ms, RSS peak %.0f MB",
                            r + 1,
                            rate[r],
                            p99Half[r],
                            target,
                            p99Own[r],
                            rate[r] / 2,
                            ready[r],
                            rss[r]));
                }
            }
        } finally {
            zoho.close().await(30, TimeUnit.SECONDS);
        }
        double ingest = median(rate);
        report.add("## Ingest (" + CONCURRENCY + " in flight, " + seconds
                + " s a round, packaged jar as a child process)");
        report.add("");
        report.add("Service JVM flags: `" + shown(flags) + "`; sync off; the load generator is the"
                + " benchmark's own process, on the same machine.");
        report.add("");
        report.add("| what | measured | baseline | ratio | goal |");
        report.add("|---|---|---|---|---|");
        if (pgbench.isPresent()) {
            report.add(String.format(
                    Locale.ROOT,
                    "| `POST /api/v1/customers` (stored + queued, durable before the answer) | %.0f req/s |"
                            + " pgbench, one-row insert per transaction, -c %d -j 2: %.0f tps | %.2f | ≥ 1.0 |",
                    ingest,
                    CONCURRENCY,
                    baseline,
                    ingest / baseline));
            report.add(String.format(
                    Locale.ROOT,
                    "| the same requests | %.0f req/s | pgbench, the intake's writes for one customer per transaction"
                            + " (locks, entity, record, log line, job; no group commit), -M prepared: %.0f tps | %.2f |"
                            + " — |",
                    ingest,
                    median(sameTps),
                    ingest / median(sameTps)));
            report.add(String.format(
                    Locale.ROOT,
                    "| p99 latency, open loop at half pgbench's rate (%.0f req/s%s) | %.1f ms | — | — | ≤ 50 ms |",
                    baseline / 2,
                    // offered more than it takes, the service queues for the whole round: the p99 is that queue's
                    baseline / 2 > ingest ? ", more than the service's own rate" : "",
                    median(p99Half)));
        } else {
            report.add(String.format(
                    Locale.ROOT,
                    "| `POST /api/v1/customers` | %.0f req/s | pgbench is not installed: no baseline | — | ≥ 1.0 |",
                    ingest));
        }
        report.add(String.format(
                Locale.ROOT,
                "| p99 latency, open loop at half the service's own rate (%.0f req/s) | %.1f ms | — | — | — |",
                ingest / 2,
                median(p99Own)));
        report.add(String.format(
                Locale.ROOT, "| RSS peak under that load (VmHWM) | %.0f MB | — | — | ≤ 256 MB |", median(rss)));
        report.add(String.format(
                Locale.ROOT,
                "| spawn → `GET /health/ready` 200, migrated external database | %.0f ms | — | — | ≤ 2,000 ms |",
                median(ready)));
        report.add("");
        cpuTable(
                report,
                pgbench.isPresent(),
                new double[][] {pgbenchDb, pgbenchClient, sameDb, sameClient},
                new double[][] {dbCpu, loadCpu, serviceCpu});
    }

    /**
     * README's flags with the archive {@code ./mvnw package} records next to the jar ({@code zoho-sync.jsa} beside
     * {@code zoho-sync.jar}); or those of {@code -Dbench.serviceFlags}, as given.
     */
    private static List<String> flags() {
        String given = System.getProperty("bench.serviceFlags");
        if (given != null) {
            return given.isBlank() ? List.of() : List.of(given.trim().split("\\s+"));
        }
        Path archive = archiveOf(jar());
        if (!Files.isRegularFile(archive)) {
            print("no start-up class archive at " + archive.toAbsolutePath()
                    + ": the service starts without class data sharing (./mvnw package records it)");
        }
        List<String> flags = new ArrayList<>(SERVICE_FLAGS);
        flags.add(ARCHIVE_FLAG + archive);
        return flags;
    }

    /** The archive the build records for a jar: the same name, {@code .jsa} for {@code .jar}, in the same folder. */
    static Path archiveOf(Path jar) {
        return jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + ".jsa");
    }

    /** The flags as the report shows them: the build's archive by its path in the repository, as README gives it. */
    private static String shown(List<String> flags) {
        Path documented = Path.of("bootstrap", "target", "zoho-sync.jsa");
        return flags.stream()
                .map(flag -> flag.startsWith(ARCHIVE_FLAG)
                                && Path.of(flag.substring(ARCHIVE_FLAG.length()))
                                        .endsWith(documented)
                        ? ARCHIVE_FLAG + documented
                        : flag)
                .collect(Collectors.joining(" "));
    }

    /** The packaged jar the rounds start: {@code -Dzsync.jar}, by default {@code bootstrap/target/zoho-sync.jar}. */
    private static Path jar() {
        Path jar = Path.of(System.getProperty("zsync.jar", "bootstrap/target/zoho-sync.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged jar at " + jar.toAbsolutePath() + " (-Dzsync.jar)");
        }
        return jar;
    }

    /**
     * The CPU each side spent per operation, and what it bounds: on this machine's cores, no rate is higher than
     * cores ÷ the CPU one operation takes of all sides, whatever the waiting; the ratio of the two bounds is the most
     * goal 1 could reach here.
     */
    private static void cpuTable(List<String> report, boolean withPgbench, double[][] pgbench, double[][] ingest) {
        double db = median(ingest[0]);
        double load = median(ingest[1]);
        double service = median(ingest[2]);
        if (Double.isNaN(db) || Double.isNaN(service)) {
            report.add("CPU per operation: not measured (no /proc, or PostgreSQL runs on another machine).");
            report.add("");
            return;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double all = db + load + service;
        report.add(
                "CPU per operation (user + system, from /proc, medians of the rounds), and the rate it bounds on this"
                        + " machine's " + cores + " cores (cores ÷ CPU per operation), waiting aside:");
        report.add("");
        report.add("| operation | PostgreSQL | client / load generator | service | all | bound |");
        report.add("|---|---|---|---|---|---|");
        double single = Double.NaN;
        if (withPgbench) {
            single = median(pgbench[0]) + median(pgbench[1]);
            report.add(cpuRow("pgbench, one-row insert", median(pgbench[0]), median(pgbench[1]), Double.NaN, cores));
            report.add(cpuRow(
                    "pgbench, the intake's writes, one customer per transaction",
                    median(pgbench[2]),
                    median(pgbench[3]),
                    Double.NaN,
                    cores));
        }
        report.add(cpuRow("`POST /api/v1/customers`", db, load, service, cores));
        report.add("");
        if (withPgbench) {
            report.add(String.format(
                    Locale.ROOT,
                    "On this machine goal 1 can reach at most %.2f × pgbench's one-row insert: a request takes %.1f times"
                            + " its CPU.",
                    single / all,
                    all / single));
            report.add("");
        }
    }

    private static String cpuRow(String what, double db, double client, double service, int cores) {
        double all = db + client + (Double.isNaN(service) ? 0 : service);
        return String.format(
                Locale.ROOT,
                "| %s | %.3f ms | %.3f ms | %s | %.3f ms | %.0f/s |",
                what,
                db,
                client,
                Double.isNaN(service) ? "—" : String.format(Locale.ROOT, "%.3f ms", service),
                all,
                cores * 1000 / all);
    }

    /** Milliseconds of CPU per operation between two readings; NaN when either is missing. */
    private static double perOperation(Optional<Long> before, Optional<Long> after, double operations) {
        return before.isPresent() && after.isPresent() && operations > 0
                ? (after.get() - before.get()) * CpuTime.MS_PER_TICK / operations
                : Double.NaN;
    }

    // ---- pgbench

    /** pgbench's figures for one round: its rate, and the CPU per transaction of PostgreSQL and of pgbench. */
    private record Pgbench(double tps, double dbCpu, double clientCpu) {}

    /** The baseline: one row into a table of its own per transaction. */
    private static final String SINGLE_ROW = "\\set k random(1, 2000000000)\n"
            + "insert into bench_single_row_insert (k, payload) values ('customer-' || :k,"
            + " '{\"first_name\":\"Bench\",\"last_name\":\"Insert\",\"email\":\"b@example.com\"}');\n";

    /**
     * What the intake writes for a new customer, as one transaction of its own per customer: the entity's and the
     * record's locks, the entity, the waits looked up, the record, its log line and its job (whose trigger notifies
     * the workers), in the service's tables with their indexes.
     */
    private static final String SAME_WRITES = """
            \\set k random(1, 2000000000)
            BEGIN;
            select pg_advisory_xact_lock(hashtextextended('zsync-entity/customer/pgbench-' || :k, 0));
            select * from platform_entities where entity_type = 'customer' and entity_id = 'pgbench-' || :k for update;
            insert into platform_entities (entity_type, entity_id, version, payload, payload_hash, received_at, updated_at) values ('customer', 'pgbench-' || :k, 1, '{"id":"pgbench","first_name":"Bench","last_name":"Insert","email":"b@example.com"}', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', now(), now()) on conflict do nothing;
            select distinct needs_target from sync_waits where needs_type = 'customer' and needs_id = 'pgbench-' || :k;
            select pg_advisory_xact_lock(hashtextextended('zsync-record/customer/pgbench-' || :k || '/books', 0));
            select * from sync_records where entity_type = 'customer' and entity_id = 'pgbench-' || :k and target = 'books' for update;
            insert into sync_records (entity_type, entity_id, target, status, attempts, reason, dirty, created_at, updated_at, transient_faults) values ('customer', 'pgbench-' || :k, 'books', 'pending', 0, 'new customer', false, now(), now(), 0) on conflict do nothing;
            insert into sync_log (entity_type, entity_id, target, at, to_status, event, message) values ('customer', 'pgbench-' || :k, 'books', now(), 'pending', 'queued', 'new customer');
            insert into sync_jobs (entity_type, entity_id, target, priority, run_at, created_at, updated_at) values ('customer', 'pgbench-' || :k, 'books', 100, now(), now(), now()) on conflict do nothing;
            END;
            """;

    private static Pgbench pgbench(Path pgbench, DatabaseSettings db, int seconds, String sql, boolean prepared)
            throws Exception {
        if (sql.equals(SINGLE_ROW)) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                    Statement s = c.createStatement()) {
                s.execute("create table if not exists bench_single_row_insert ("
                        + "id bigserial primary key, k text not null, payload jsonb not null,"
                        + " at timestamptz not null default now())");
                s.execute("truncate bench_single_row_insert");
            }
        }
        Path script = Files.createTempFile("zsync-pgbench", ".sql");
        Files.writeString(script, sql);
        List<String> command = new ArrayList<>(List.of(
                pgbench.toString(),
                "-n",
                "-c",
                Integer.toString(CONCURRENCY),
                "-j",
                "2",
                "-T",
                Integer.toString(seconds),
                "-f",
                script.toString(),
                "-h",
                db.host(),
                "-p",
                Integer.toString(db.port()),
                "-U",
                db.user()));
        if (prepared) {
            command.addAll(List.of("-M", "prepared"));
        }
        command.add(db.database());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (db.password() != null && !db.password().isEmpty()) {
            builder.environment().put("PGPASSWORD", db.password());
        }
        Optional<Long> db0 = CpuTime.postgres();
        Optional<Long> client0 = CpuTime.selfAndEndedChildren();
        Optional<Long> self0 = CpuTime.of(ProcessHandle.current().pid());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        Files.delete(script);
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench's output:\n" + output);
        }
        double rate = Double.parseDouble(tps.group(1));
        Matcher processed = PROCESSED.matcher(output);
        double transactions = processed.find() ? Double.parseDouble(processed.group(1)) : rate * seconds;
        // pgbench's ticks are this process's ended children's, less this process's own (it idles meanwhile, not quite)
        return new Pgbench(
                rate,
                perOperation(db0, CpuTime.postgres(), transactions),
                perOperation(client0, CpuTime.selfAndEndedChildren(), transactions)
                        - perOperation(self0, CpuTime.of(ProcessHandle.current().pid()), transactions));
    }

    private static Optional<Path> onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    // ---- load

    private static final String BODY =
            "{\"id\":\"%s\",\"first_name\":\"Bench\",\"last_name\":\"%s\"," + "\"email\":\"%s@example.com\"}";

    private static Future<Integer> post(HttpClient http, String id) {
        Buffer body = Buffer.buffer(BODY.formatted(id, id, id));
        return http.request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setURI("/api/v1/customers")
                        .putHeader("Authorization", "Bearer " + TestEnvironment.API_KEY)
                        .putHeader("Content-Type", "application/json"))
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(answer -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + ": " + answer);
                    }
                    return response.statusCode();
                }));
    }

    /** {@value #CONCURRENCY} requests in flight for {@code seconds}; requests answered 2xx per second. */
    private static double closedLoop(int seconds, LongFunction<Future<Integer>> post) throws Exception {
        long started = System.nanoTime();
        long until = started + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong done = new AtomicLong();
        List<Future<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < CONCURRENCY; lane++) {
            lanes.add(lane(post, until, done));
        }
        Future.all(lanes).await(seconds + 120L, TimeUnit.SECONDS);
        return done.get() / ((System.nanoTime() - started) / 1e9);
    }

    private static Future<Void> lane(LongFunction<Future<Integer>> post, long until, AtomicLong done) {
        if (System.nanoTime() >= until) {
            return Future.succeededFuture();
        }
        return post.apply(0).compose(status -> {
            done.incrementAndGet();
            return lane(post, until, done);
        });
    }

    /**
     * Requests sent on a fixed schedule at {@code rate} for {@code seconds}, whatever the answers do (an open loop);
     * the 99th percentile of latency in milliseconds, measured from each request's scheduled time (so a stall
     * counts against every request it delays).
     */
    private static double openLoop(Vertx vertx, double rate, int seconds, LongFunction<Future<Integer>> post)
            throws Exception {
        int total = (int) (rate * seconds);
        long[] latencies = new long[total];
        AtomicLong sent = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Promise<Void> finished = Promise.promise();
        long started = System.nanoTime();
        vertx.setPeriodic(1, timer -> {
            long due = Math.min(total, (long) ((System.nanoTime() - started) / 1e9 * rate));
            while (sent.get() < due) {
                int i = (int) sent.getAndIncrement();
                long scheduled = started + (long) (i / rate * 1e9);
                post.apply(i).onComplete(result -> {
                    if (result.failed()) {
                        failure.compareAndSet(null, result.cause());
                    }
                    latencies[i] = System.nanoTime() - scheduled;
                    if (answered.incrementAndGet() == total) {
                        finished.tryComplete();
                    }
                });
            }
            if (due == total) {
                vertx.cancelTimer(timer);
            }
        });
        finished.future().await(seconds + 120L, TimeUnit.SECONDS);
        if (failure.get() != null) {
            throw new IllegalStateException("a request failed in the open loop", failure.get());
        }
        Arrays.sort(latencies);
        return latencies[(int) Math.ceil(total * 0.99) - 1] / 1e6;
    }

    // ---- the service

    /** The packaged jar as a child process. */
    private static final class Service implements AutoCloseable {

        /** Built before any spawn, so that its own start-up is not counted in the service's. */
        private static final java.net.http.HttpClient READY_CLIENT = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(1))
                .build();

        private final Process process;
        private final int port;
        private final long spawned;
        private final Path log;

        private Service(Process process, int port, long spawned, Path log) {
            this.process = process;
            this.port = port;
            this.spawned = spawned;
            this.log = log;
        }

        static Service start(List<String> flags, DatabaseSettings db, ZohoSandbox zoho) throws IOException {
            Path jar = jar();
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(flags);
            command.add("-jar");
            command.add(jar.toString());
            Path dataDir = Files.createTempDirectory("zsync-ingest-bench");
            Path log = dataDir.resolve("service.log");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = TestEnvironment.connectedTo(zoho.baseUrl(), zoho.baseUrl(), db, dataDir);
            env.put("ZSYNC_HTTP_PORT", Integer.toString(port));
            env.put("ZSYNC_ENABLE_SYNC", "false");
            builder.environment().putAll(env);
            long spawned = System.nanoTime();
            return new Service(builder.start(), port, spawned, log);
        }

        /** From spawn to the first 200 of {@code GET /health/ready}. */
        Duration awaitReady() throws Exception {
            java.net.http.HttpRequest ready = java.net.http.HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            long deadline = spawned + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited:\n" + Files.readString(log));
                }
                try {
                    if (READY_CLIENT
                                    .send(ready, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200) {
                        return Duration.ofNanos(System.nanoTime() - spawned);
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("the service was not ready within 2 minutes:\n" + Files.readString(log));
        }

        /** The most resident memory the process has had ({@code VmHWM}), in MB. */
        double peakRssMb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
            throw new IllegalStateException("no VmHWM for " + process.pid());
        }

        @Override
        public void close() throws Exception {
            process.toHandle().destroy(); // SIGTERM: the service stops cleanly
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @SuppressWarnings("java:S106")
    private static void print(String line) {
        System.out.println(line);
    }
}
