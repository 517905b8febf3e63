package io.ringline.process;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command words that run a main class in a new JVM: this JVM's {@code java} (from {@code java.home}), the options
 * every JVM running Ringline needs ({@link #RINGLINE_OPTIONS}), extra JVM options and system properties, a classpath
 * (this JVM's unless given), the main class and its arguments, optionally after wrapper words such as
 * {@code taskset -c 1} or {@code sh -c 'umask 077; exec "$@"' sh}. Start it with {@link ChildProcess}.
 *
 * <pre>{@code
 * try (ChildProcess child = ChildProcess.startLogged(JavaCommand.of(Echo.class, "shm:x").options(JavaCommand.SMALL_HEAP)))
 * {
 *     child.awaitLine("READY", 30_000);
 * }
 * }</pre>
 */
public final class JavaCommand
{
    /**
     * Agrona 2.x reaches {@code jdk.internal.misc}; JNR-FFI loads a JNI stub (enable-native-access keeps JDK 22+ from
     * warning, JDK 17 accepts it too). The same flags as {@code ringline.jvm.flags} in the parent pom.
     */
    public static final List<String> RINGLINE_OPTIONS = List.of(
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED");

    /**
     * A small heap and the serial collector: for the many short children of a test on a machine with few cores.
     */
    public static final List<String> SMALL_HEAP = List.of("-Xmx256m", "-XX:+UseSerialGC");

    private final String mainClass;
    private final List<String> args;
    private final List<String> wrapper = new ArrayList<>();
    private final List<String> options = new ArrayList<>();
    private String classpath = System.getProperty("java.class.path");

    private JavaCommand(final String mainClass, final List<String> args)
    {
        this.mainClass = mainClass;
        this.args = List.copyOf(args);
    }

    /**
     * @param mainClass class with a {@code main} method, on the classpath.
     * @param args      its arguments.
     * @return a command running it with this JVM's classpath.
     */
    public static JavaCommand of(final Class<?> mainClass, final String... args)
    {
        return of(mainClass, List.of(args));
    }

    /**
     * @param mainClass class with a {@code main} method, on the classpath.
     * @param args      its arguments.
     * @return a command running it with this JVM's classpath.
     */
    public static JavaCommand of(final Class<?> mainClass, final List<String> args)
    {
        if (null == mainClass)
        {
            throw new IllegalArgumentException("mainClass must not be null");
        }
        return new JavaCommand(mainClass.getName(), args);
    }

    /**
     * @return the {@code java} executable of this JVM's {@code java.home}.
     */
    public static String javaExecutable()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * @param jvmOptions options placed after {@link #RINGLINE_OPTIONS}, e.g. {@link #SMALL_HEAP}.
     * @return this.
     */
    public JavaCommand options(final List<String> jvmOptions)
    {
        for (final String option : jvmOptions)
        {
            if (null == option || option.isEmpty())
            {
                throw new IllegalArgumentException("a JVM option must not be empty: options=" + jvmOptions);
            }
        }
        options.addAll(jvmOptions);
        return this;
    }

    /**
     * Passes on every option this JVM was started with (heap, collector, {@code -D} properties, agents).
     *
     * @return this.
     */
    public JavaCommand inheritOptions()
    {
        return options(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /**
     * @param name  a system property name.
     * @param value its value in the child.
     * @return this.
     */
    public JavaCommand property(final String name, final String value)
    {
        if (null == name || name.isEmpty() || null == value)
        {
            throw new IllegalArgumentException("a system property needs a name and a value: name=" + name +
                ", value=" + value);
        }
        options.add("-D" + name + "=" + value);
        return this;
    }

    /**
     * @param classpath the child's classpath instead of this JVM's.
     * @return this.
     */
    public JavaCommand classpath(final String classpath)
    {
        if (null == classpath || classpath.isEmpty())
        {
            throw new IllegalArgumentException("classpath must not be empty: mainClass=" + mainClass);
        }
        this.classpath = classpath;
        return this;
    }

    /**
     * @param words command words placed before {@code java} that end by exec-ing their arguments, so that the
     *              child's pid is the JVM's, e.g. {@code setpriv --reuid=65534 --}.
     * @return this.
     */
    public JavaCommand wrappedIn(final List<String> words)
    {
        wrapper.addAll(words);
        return this;
    }

    /**
     * @param umask the file mode creation mask the child starts with, in octal, e.g. {@code 077}.
     * @return this, wrapped in {@code sh -c 'umask UMASK; exec "$@"'}.
     */
    public JavaCommand withUmask(final String umask)
    {
        if (null == umask || !umask.matches("[0-7]{1,4}"))
        {
            throw new IllegalArgumentException("umask must be 1 to 4 octal digits: umask=" + umask);
        }
        return wrappedIn(List.of("sh", "-c", "umask " + umask + "; exec \"$@\"", "sh"));
    }

    /**
     * @return the wrapper, {@code java}, the options, the classpath, the main class and its arguments.
     */
    public List<String> words()
    {
        final List<String> words = new ArrayList<>(wrapper);
        words.add(javaExecutable());
        words.addAll(RINGLINE_OPTIONS);
        words.addAll(options);
        words.add("-cp");
        words.add(classpath);
        words.add(mainClass);
        words.addAll(args);
        return words;
    }

    /**
     * @return the main class's simple name and its arguments, for messages.
     */
    public String description()
    {
        final String simpleName = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        return args.isEmpty() ? simpleName : simpleName + " " + String.join(" ", args);
    }

    /**
     * @return {@link #description()}.
     */
    @Override
    public String toString()
    {
        return description();
    }
}
