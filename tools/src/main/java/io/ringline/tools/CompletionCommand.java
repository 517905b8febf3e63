package io.ringline.tools;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code ringline completion}: prints the bash completion script picocli generates from the commands' definitions.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the bash completion script.",
        "",
        "Prints a bash (and zsh, via bashcompinit) completion script for ringline and its commands." },
    footer = {
        "",
        "Examples:",
        "  source <(ringline completion)                         this shell",
        "  ringline completion > ~/.local/share/bash-completion/completions/ringline   every new shell" })
final class CompletionCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        System.out.print(AutoComplete.bash("ringline", RinglineCli.commandLine()));
        System.out.flush();
        return RinglineCli.EXIT_OK;
    }
}
