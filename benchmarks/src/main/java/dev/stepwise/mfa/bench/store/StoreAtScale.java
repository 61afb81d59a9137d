package dev.stepwise.mfa.bench.store;

import dev.stepwise.mfa.store.JdbcStore;
import dev.stepwise.mfa.store.SecretBox;

import java.security.SecureRandom;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The store at scale (issue 14): the library's {@link JdbcStore} on PostgreSQL, filled with 1,000 and with 100,000
 * users (see {@link Population}), each in a fresh schema dropped at the end. Measures the store work of a TOTP
 * verification, a recovery-code check, a trust-cookie check and a session grant re-check (see {@link Operations})
 * for uniformly random users, in rounds that alternate the sizes (small, large / large, small / …) after a
 * warm-up, and reports per operation the median, 90th and 99th percentile, the mean, the SQL statements per
 * operation and the ratio large/small; then the housekeeping ({@link Housekeeping}) at each size, with its plans.
 *
 * <p>Arguments, {@code key=value}: {@code sizes=1000,100000 rounds=6 ops=2000 warmup=3000 keep=false commit=on
 * url=jdbc:postgresql://127.0.0.1:5432/test user=postgres}; {@code commit} is the {@code synchronous_commit} of the
 * store's connections ({@code off} leaves out the wait for the WAL flush of each write); {@code layout=as-is|hot}
 * the table layout ({@link Layout}); {@code attempts=zero|none} whether every user has the attempt row an earlier
 * sign-in leaves (at zero failures), or none (each user's first verification then inserts it); {@code checkpoint=true}
 * a {@code CHECKPOINT} before each timed round, as a server that checkpoints every few minutes has them.
 */
public final class StoreAtScale {

    // Progress and findings go to the log (stderr by default); the results table is the report's.
    private static final System.Logger LOG = System.getLogger(StoreAtScale.class.getName());


    private final Map<String, String> args;
    private final List<BenchSchema> schemas = new ArrayList<>();
    private final List<Operations> sizes = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(14);

    private StoreAtScale(Map<String, String> args) {
        this.args = args;
    }

    public static void main(String[] argv) throws SQLException {
        Map<String, String> args = new LinkedHashMap<>();
        String[] defaults = {"sizes", "1000,100000", "rounds", "6", "ops", "2000", "warmup", "3000", "keep", "false",
            "commit", "on", "url", "jdbc:postgresql://127.0.0.1:5432/test", "user", "postgres", "report",
            "benchmarks/target/store-at-scale.md", "layout", "as-is", "attempts", "zero", "checkpoint", "false"};
        for (int i = 0; i < defaults.length; i += 2) {
            args.put(defaults[i], defaults[i + 1]);
        }
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq < 1 || !args.containsKey(a.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument " + a + "; known: " + args.keySet());
            }
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        LOG.log(System.Logger.Level.INFO, "store at scale " + args);
        StoreAtScale bench = new StoreAtScale(args);
        try {
            bench.run();
        } finally {
            for (BenchSchema s : bench.schemas) {
                s.close();
            }
        }
    }

    private int arg(String key) {
        return Integer.parseInt(args.get(key));
    }

    private void run() throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SecretBox box = new SecretBox(SecretBox.generateKey());
        byte[] secret = new byte[20];
        new SecureRandom().nextBytes(secret);
        for (String size : args.get("sizes").split(",")) {
            sizes.add(open(Integer.parseInt(size.strip()), now, box, secret));
        }
        for (Operations o : sizes) {
            progress("%,d users: real recovery-code path runs %d statements", o.schema.users,
                    o.realRecoveryStatements(2));
        }
        List<Map<String, Samples>> results = measure();
        Path file = Path.of(args.get("report"));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            Report report = new Report(out);
            report.table(sizes, results);
            report.writes(sizes);
            for (Operations o : sizes) {
                report.verificationPlans(o);
            }
            Operations largest = sizes.get(sizes.size() - 1);
            report.plans(largest);
            for (Operations o : sizes) {
                report.housekeeping(o, o == largest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file, e);
        }
        LOG.log(System.Logger.Level.INFO, "store at scale: figures written to " + file.toAbsolutePath());
    }

    private Operations open(int users, Instant now, SecretBox box, byte[] secret) throws SQLException {
        BenchSchema schema = new BenchSchema(args.get("url"), args.get("user"), users,
                Boolean.parseBoolean(args.get("keep")), args.get("commit"));
        schemas.add(schema);
        long t0 = System.nanoTime();
        JdbcStore store = JdbcStore.open(schema.counted, box, true, Clock.fixed(now, ZoneOffset.UTC));
        Layout.apply(schema.plain, args.get("layout"));
        Population.fill(schema.plain, users, now.toEpochMilli(), box, secret);
        Population.fillAttempts(schema.plain, users, now.toEpochMilli(), args.get("attempts"));
        long t1 = System.nanoTime();
        Population.analyze(schema.plain);
        long t2 = System.nanoTime();
        progress("%,d users in schema %s (layout %s, attempts %s): filled in %.1f s, vacuum analyze %.1f s, size %s",
                users, schema.name, args.get("layout"), args.get("attempts"), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                schema.size());
        return new Operations(schema, store, now, secret);
    }

    private List<Map<String, Samples>> measure() throws SQLException {
        List<Map<String, Samples>> results = new ArrayList<>();
        for (Operations o : sizes) {
            Map<String, Samples> byOp = new LinkedHashMap<>();
            for (Operations.Op op : o.all()) {
                byOp.put(op.name(), new Samples());
                round(o, op, arg("warmup"));   // warm-up: JIT, statement caches, buffers
                progress("warmed up %s at %,d users at %s", op.name(), o.schema.users, Instant.now());
            }
            results.add(byOp);
        }
        int rounds = arg("rounds");
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < sizes.size(); k++) {
                int i = r % 2 == 0 ? k : sizes.size() - 1 - k;
                Operations o = sizes.get(i);
                for (Operations.Op op : o.all()) {
                    if (Boolean.parseBoolean(args.get("checkpoint"))) {
                        o.schema.checkpoint();   // each page's first change after it writes a full-page image
                    }
                    long b0 = o.schema.blocksRead();
                    long w0 = o.schema.walPosition();
                    long s0 = o.schema.counted.statements();
                    long[] nanos = round(o, op, arg("ops"));
                    Samples samples = results.get(i).get(op.name());
                    samples.addRound(nanos, o.schema.counted.statements() - s0);
                    samples.addWalBytes(o.schema.walPosition() - w0);
                    pause();   // the backends report their block counts
                    samples.addBlocksRead(o.schema.blocksRead() - b0);
                }
            }
            progress("round %d of %d done at %s", r + 1, rounds, Instant.now());
        }
        return results;
    }

    private static void pause() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code n} timed runs of {@code op} for uniformly random users of the store. */
    private long[] round(Operations o, Operations.Op op, int n) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            int g = 1 + random.nextInt(o.schema.users);
            Object prepared = op.prepare(g);
            long t0 = System.nanoTime();
            Object result = op.run(g, prepared);
            nanos[i] = System.nanoTime() - t0;
            op.after(g, result);
        }
        return nanos;
    }

    private static void progress(String format, Object... args) {
        LOG.log(System.Logger.Level.INFO, () -> String.format(format, args));
    }
}
