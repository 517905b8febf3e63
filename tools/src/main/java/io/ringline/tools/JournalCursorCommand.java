package io.ringline.tools;

import io.ringline.journal.JournalCursors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ringline journal cursor delete DIR NAME}: deletes a named cursor nobody holds ({@link JournalCursors}).
 */
@Command(
    name = "cursor",
    mixinStandardHelpOptions = true,
    description = "Administers a journal's named cursors.",
    subcommands = { JournalCursorCommand.Delete.class })
final class JournalCursorCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "delete is required");
    }

    /**
     * {@code ringline journal cursor delete DIR NAME}.
     */
    @Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = {
            "Deletes a named cursor so that it no longer holds retention back; a subscriber opening the name later " +
            "starts at its from=. Refused while a running process holds the cursor." },
        footer = { "", "Example:", "  ringline journal cursor delete /var/lib/app/orders risk" })
    static final class Delete implements Callable<Integer>
    {
        @Parameters(index = "0", paramLabel = "DIR", description = "The journal's directory.")
        Path directory;

        @Parameters(index = "1", paramLabel = "NAME", description = "The cursor's name.")
        String name;

        @Override
        public Integer call()
        {
            final long position = JournalCursors.delete(directory.toAbsolutePath(), name);
            System.out.println("deleted cursor name=" + name + " position=" + position + " of journal=" + directory);
            return RinglineCli.EXIT_OK;
        }
    }
}
