package io.ringline.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.ringline.perf.BenchConfig;
import io.ringline.perf.bench.BenchPlan;
import io.ringline.perf.bench.Ratio;
import io.ringline.perf.report.BenchReport;
import io.ringline.perf.report.ReportTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringline bench}: round trips and throughput over every transport on this machine next to the peers (Aeron
 * IPC, Agrona's ring buffers, C floors compiled with gcc when there is one), with a progress bar on stderr, then
 * {@code report.md}, a self-contained {@code report.html}, {@code report.json} and every run's {@code .hgrm} and
 * {@code .hlog} in the output directory. Exit code 1 when a gate (a gross ratio regression against a peer measured in
 * the same run) is missed. The work is {@link BenchReport}'s, shared with CI's perf smoke.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Benchmark every transport against its peers and write report.md, report.html, report.json and histograms.",
        "--quick: the ring and its gated peers in 5 interleaved rounds, every other transport once (about 2 minutes).",
        "--journal: the journal against Chronicle Queue and the ring, 40-byte messages (a few minutes).",
        "--trading: the trading application's tick-to-trade against the same pipeline on Aeron IPC (about 2 minutes).",
        "Without them: every peer, sizes 32,256,4096,65536, 3 rounds (tens of minutes); key=value settings narrow it." },
    footer = { "", "Examples:", "  ringline bench --quick --out bench-report",
        "  ringline bench --journal --out journal-report",
        "  ringline bench --trading --out trading-report",
        "  ringline bench --out full peers=ringline-shm,aeron-ipc,agrona-o2o-ring rounds=5" })
public final class BenchCommand implements Callable<Integer>
{
    @Option(names = "--quick", description = "The short benchmark (what CI runs).")
    boolean quick;

    @Option(names = "--journal", description = "The journal against Chronicle Queue: latency at 167k and 1M msgs/s, " +
        "throughput, replay (docs/perf.md).")
    boolean journal;

    @Option(names = "--trading", description = "The trading application (feed, strategy, gateway) over Ringline " +
        "against the same pipeline on Aeron IPC: tick-to-trade p50, p99 (docs/perf.md).")
    boolean trading;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-report",
        description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*",
        description = "Harness settings, also after --quick: rounds, count, warmup, seconds, warmupSeconds, sizes, " +
            "ringCapacity, timeoutSeconds, peers (not with --quick), pin.")
    List<String> settings = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        final String[] overrides = settings.toArray(new String[0]);
        final BenchPlan plan;
        try
        {
            if ((quick ? 1 : 0) + (journal ? 1 : 0) + (trading ? 1 : 0) > 1)
            {
                throw new IllegalArgumentException("--quick, --journal and --trading are different benchmarks: give one");
            }
            plan = quick ? BenchPlan.quick(BenchConfig.from(), overrides) :
                journal ? BenchPlan.journal(BenchConfig.from(), overrides) :
                trading ? BenchPlan.trading(BenchConfig.from(), overrides) :
                BenchPlan.full(BenchConfig.from(BenchPlan.FULL_SETTINGS).with(overrides));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        final ProgressBar progress = new ProgressBar(System.err, ProgressBar.stderrIsTerminal());
        final List<Ratio> ratios = BenchReport.run(plan, out, progress);
        progress.finish();

        System.out.println("report: " + out.resolve(BenchReport.MARKDOWN) + ", " + out.resolve(BenchReport.HTML));
        boolean failed = false;
        for (final Ratio ratio : ratios)
        {
            if (ratio.comparison().gate())
            {
                System.out.println((ratio.failsGate() ? "GATE FAILED: " : "gate met: ") + ratio.comparison().title() +
                    " " + ratio.size() + "B median " + ReportTables.ratio(ratio.median()) + " (target " +
                    ratio.comparison().targetText() + ")");
                failed |= ratio.failsGate();
            }
        }
        return failed ? RinglineCli.EXIT_FAILURE : RinglineCli.EXIT_OK;
    }
}
