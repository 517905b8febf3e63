package io.ringline.tools;

import io.ringline.journal.JournalVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ringline journal verify|repair DIR}: checks a journal on disk and repairs what can be repaired
 * ({@link JournalVerifier}).
 */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = "Checks or repairs a journal (a journal:/dir channel) on disk.",
    subcommands = { JournalCommand.Verify.class, JournalCommand.Repair.class, JournalCursorCommand.class },
    footer = {
        "",
        "Examples:",
        "  ringline journal verify /var/lib/app/orders",
        "  ringline journal repair /var/lib/app/orders",
        "  ringline journal cursor delete /var/lib/app/orders risk" })
final class JournalCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "verify, repair or cursor is required");
    }

    private static int report(final PrintWriter out, final Path directory, final JournalVerifier verifier)
    {
        verifier.repairs().forEach(line -> out.println("repaired: " + line));
        verifier.damage().forEach(line -> out.println("damage: " + line));
        out.println("journal=" + directory + " messages=" + verifier.messages() + " end=" + verifier.endPosition() +
            (verifier.isIntact() ? " intact" : " damaged"));
        out.flush();
        return verifier.isIntact() ? RinglineCli.EXIT_OK : RinglineCli.EXIT_FAILURE;
    }

    /**
     * {@code ringline journal verify DIR}: every header, record and index entry; exit 1 on damage.
     */
    @Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks every segment header, record and index entry of a journal; exits 1 on damage.",
            "Damage: a header that fails its checks, a missing segment, a corrupt record, or a hole (a record a " +
            "killed writer claimed and never committed, that no reader has skipped yet)." })
    static final class Verify implements Callable<Integer>
    {
        @Parameters(index = "0", paramLabel = "DIR", description = "The journal's directory.")
        Path directory;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call()
        {
            return report(spec.commandLine().getOut(), directory, JournalVerifier.verify(directory.toAbsolutePath()));
        }
    }

    /**
     * {@code ringline journal repair DIR}: pads holes and corrupt records, truncates a torn tail, rewrites a corrupt
     * segment header; committed records are never changed.
     */
    @Command(
        name = "repair",
        mixinStandardHelpOptions = true,
        description = {
            "Repairs a journal no running process uses: holes and corrupt records become padding, a torn tail is " +
            "truncated, a corrupt segment header is rewritten; committed records are never changed.",
            "Then verifies it again; exits 1 if damage is left." })
    static final class Repair implements Callable<Integer>
    {
        @Parameters(index = "0", paramLabel = "DIR", description = "The journal's directory.")
        Path directory;

        @Option(names = "--force", description = "Repair even while a running process uses the journal.")
        boolean force;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call()
        {
            return report(spec.commandLine().getOut(), directory,
                JournalVerifier.repair(directory.toAbsolutePath(), force));
        }
    }
}
