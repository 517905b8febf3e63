package io.ringline.test;

import io.ringline.DistinctErrorLog;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which the engine reported an error it had no caller to throw to (a conductor duty, a close),
 * as Aeron's system tests fail on a non-empty error log: such an error is otherwise only a line on stderr. A test that
 * provokes errors on purpose says so with {@link ExpectsConductorErrors}. Registered for every test of every module
 * through {@code META-INF/services} and {@code junit.jupiter.extensions.autodetection.enabled} (the parent pom).
 */
public final class NoUnexpectedErrorsExtension implements BeforeEachCallback, AfterEachCallback
{
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(NoUnexpectedErrorsExtension.class);

    @Override
    public void beforeEach(final ExtensionContext context)
    {
        context.getStore(NAMESPACE).put("errors", DistinctErrorLog.totalErrors());
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        final long before = context.getStore(NAMESPACE).get("errors", Long.class);
        final long during = DistinctErrorLog.totalErrors() - before;
        if (during > 0 && !expectsErrors(context))
        {
            throw new AssertionError(during + " engine error(s) were reported during " + context.getDisplayName() +
                " (logged on stderr by DistinctErrorLog); fix them, or mark the test @ExpectsConductorErrors " +
                "with the reason");
        }
    }

    private static boolean expectsErrors(final ExtensionContext context)
    {
        return context.getTestMethod().map(method -> method.isAnnotationPresent(ExpectsConductorErrors.class))
            .orElse(false) ||
            context.getTestClass().map(type -> type.isAnnotationPresent(ExpectsConductorErrors.class)).orElse(false);
    }
}
