package dev.stepwise.mfa.bench.micro;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;

/**
 * CPU time of the benchmark threads per operation ({@code -prof dev.stepwise.mfa.bench.micro.ThreadCpuProfiler}):
 * the CPU the worker threads used during an iteration divided by the operations they completed. On a machine
 * where other processes compete for the cores the wall-clock score grows with the load; this figure barely does
 * (the same reason the wrk benchmarks report CPU per request), so it is the one to compare across runs. JIT
 * compilation and GC run on other threads and are not counted.
 */
public class ThreadCpuProfiler implements InternalProfiler {

    private static final String WORKER = "-jmh-worker-";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long before;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = workerCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long ops = result.getMetadata().getAllOps();
        if (ops == 0) {
            return List.of();
        }
        double nanosPerOp = (double) (workerCpuNanos() - before) / ops;
        return List.of(new ScalarResult("cpu.per.op", nanosPerOp, "ns/op", AggregationPolicy.AVG));
    }

    /** The CPU time used so far by the live worker threads (they live through the whole trial). */
    private long workerCpuNanos() {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains(WORKER)) {
                long cpu = threads.getThreadCpuTime(t.getId());
                sum += Math.max(cpu, 0);
            }
        }
        return sum;
    }
}
