package dev.stepwise.mfa.bench.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The timings of one operation at one store size: every sample in nanoseconds, and each round's median. */
final class Samples {

    private final List<long[]> rounds = new ArrayList<>();
    private long statements;
    private long ops;
    private long blocksRead;

    private long walBytes;

    /** Write-ahead log the round wrote, in bytes (the whole server's: other sessions' writes count too). */
    void addWalBytes(long bytes) {
        walBytes += bytes;
    }

    double walBytesPerOp() {
        return ops == 0 ? 0 : (double) walBytes / ops;
    }

    void addBlocksRead(long blocks) {
        blocksRead += blocks;
    }

    double blocksReadPerOp() {
        return ops == 0 ? 0 : (double) blocksRead / ops;
    }

    void addRound(long[] nanos, long roundStatements) {
        rounds.add(nanos.clone());
        statements += roundStatements;
        ops += nanos.length;
    }

    double statementsPerOp() {
        return ops == 0 ? 0 : (double) statements / ops;
    }

    long count() {
        return ops;
    }

    /** Percentile {@code p} (0..100) of all samples, in microseconds. */
    double percentileMicros(double p) {
        long[] all = rounds.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        int i = (int) Math.min(all.length - 1, Math.max(0, Math.ceil(p / 100.0 * all.length) - 1));
        return all[i] / 1000.0;
    }

    double meanMicros() {
        return rounds.stream().flatMapToLong(Arrays::stream).average().orElse(0) / 1000.0;
    }

    /** Median of round {@code r}, in microseconds. */
    double roundMedianMicros(int r) {
        long[] s = rounds.get(r).clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1000.0;
    }

    int roundCount() {
        return rounds.size();
    }
}
