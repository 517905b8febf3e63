package io.ringline.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code ringline} command line: one picocli command with a subcommand per job.
 *
 * <p>Exit codes are a contract: {@value #EXIT_OK} success, {@value #EXIT_FAILURE} failure, {@value #EXIT_USAGE} usage
 * error. A failure or a usage error prints one line on stderr ({@code ringline <command>: <what went wrong>});
 * {@code --verbose} adds a failure's stack trace.
 *
 * <pre>{@code
 * ringline ping --channel shm:rtt --spawn-pong --json
 * ringline stat shm:orders --watch
 * ringline ls
 * ringline doctor --json
 * }</pre>
 */
@Command(
    name = "ringline",
    mixinStandardHelpOptions = true,
    versionProvider = RinglineCli.Version.class,
    description = "Low-latency messaging between processes on one Linux host: measure, inspect and debug channels.",
    subcommands = {
        CommandLine.HelpCommand.class,
        BenchCommand.class,
        PingCommand.class,
        PongCommand.class,
        ThroughputCommand.class,
        StatCommand.class,
        TailCommand.class,
        SendCommand.class,
        LsCommand.class,
        RmCommand.class,
        JournalCommand.class,
        RecordCommand.class,
        ReplayCommand.class,
        CleanCommand.class,
        DoctorCommand.class,
        HiccupCommand.class,
        ExporterCommand.class,
        CompletionCommand.class,
        FloodCommand.class,
        DemoCommand.class,
        DriverCommand.class,
        BridgeCommand.class },
    footer = { "", "Exit codes: 0 ok, 1 failure, 2 usage error.", "Docs: docs/tools.md" })
public final class RinglineCli implements Runnable
{
    /** The command succeeded. */
    public static final int EXIT_OK = 0;
    /** The command ran and failed (bad channel, I/O error, a gate not met). */
    public static final int EXIT_FAILURE = 1;
    /** The command line itself was wrong (unknown option, missing parameter, bad value). */
    public static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "On failure, print the stack trace too.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments as given by the shell.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Runs the command line and returns its exit code, without exiting.
     *
     * @param args the arguments as given by the shell.
     * @return {@link #EXIT_OK}, {@link #EXIT_FAILURE} or {@link #EXIT_USAGE}.
     */
    public static int execute(final String... args)
    {
        return commandLine().execute(args);
    }

    /**
     * The configured picocli command line, also used to generate the bash completion script.
     *
     * @return a new command line for {@code ringline} and its subcommands.
     */
    public static CommandLine commandLine()
    {
        final RinglineCli root = new RinglineCli();
        final CommandLine commandLine = new CommandLine(root);
        commandLine.setExitCodeExceptionMapper(exception -> EXIT_FAILURE);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) ->
        {
            final Throwable cause = rootCauseOf(exception);
            line.getErr().println(prefixOf(line) + describe(cause));
            if (root.verbose)
            {
                exception.printStackTrace(line.getErr());
            }
            line.getErr().flush();
            return EXIT_FAILURE;
        });
        commandLine.setParameterExceptionHandler((exception, args) ->
        {
            final CommandLine line = exception.getCommandLine();
            line.getErr().println(prefixOf(line) + describe(exception) + " (see '" +
                line.getCommandSpec().qualifiedName() + " --help')");
            line.getErr().flush();
            return EXIT_USAGE;
        });
        return commandLine;
    }

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    private static String prefixOf(final CommandLine line)
    {
        return line.getCommandSpec().qualifiedName() + ": ";
    }

    private static Throwable rootCauseOf(final Throwable exception)
    {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause &&
            (cause.getMessage() == null || cause instanceof CommandLine.ExecutionException))
        {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(final Throwable cause)
    {
        final String message = cause.getMessage();
        return message == null || message.isEmpty() ? cause.getClass().getSimpleName() : message.replace('\n', ' ');
    }

    /** Reports the version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String version = RinglineCli.class.getPackage().getImplementationVersion();
            return new String[] { "ringline " + (version == null ? "development" : version) };
        }
    }
}
